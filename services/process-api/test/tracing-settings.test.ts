import { startApiTracing, stopApiTracing, tracingClientInterceptors } from '../src/tracing/api-tracing';
import { loadTracingSettings } from '../src/tracing/tracing-settings';

describe("the API's tracing settings (the standard OTEL_* variables)", () => {
  it('are off by default, and then install nothing: no client interceptor', async () => {
    expect(loadTracingSettings({})).toEqual({ enabled: false });
    expect(await startApiTracing(loadTracingSettings({}))).toBe(false);
    expect(tracingClientInterceptors()).toBeUndefined();
    await stopApiTracing();
  });

  it('name the API ordo-api unless OTEL_SERVICE_NAME says otherwise', () => {
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example:4318' })).toEqual({
      enabled: true,
      exporter: 'otlp',
      serviceName: 'ordo-api',
    });
    expect(loadTracingSettings({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SERVICE_NAME: 'api-eu' })).toMatchObject({
      serviceName: 'api-eu',
    });
  });

  it('refuse what the exporter cannot do, naming the variable', () => {
    expect(() => loadTracingSettings({ OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc' })).toThrow(
      'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be http/json, the only protocol Ordo sends (got "grpc")',
    );
  });
});
