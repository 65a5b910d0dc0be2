import { loadTracingSettings } from '../src/tracing/tracing-settings';
import { tracingWorkerOptions } from '../src/tracing/tracing-worker-options';

describe('tracing settings (the standard OTEL_* variables)', () => {
  it('are off unless an exporter or an OTLP endpoint is asked for', () => {
    expect(loadTracingSettings({})).toEqual({ enabled: false });
    expect(loadTracingSettings({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toEqual(
      {
        enabled: false,
      },
    );
    expect(loadTracingSettings({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toEqual({
      enabled: false,
    });
  });

  it('switch OTLP on with an endpoint or OTEL_TRACES_EXPORTER, named by OTEL_SERVICE_NAME or the service', () => {
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      enabled: true,
      exporter: 'otlp',
      serviceName: 'ordo-worker',
    });
    expect(
      loadTracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }),
    ).toMatchObject({
      exporter: 'otlp',
    });
    expect(loadTracingSettings({ OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: 'worker-eu-1' })).toEqual({
      enabled: true,
      exporter: 'console',
      serviceName: 'worker-eu-1',
    });
  });

  it('name every bad variable, gRPC included, which the HTTP exporter cannot speak', () => {
    expect(() =>
      loadTracingSettings({
        OTEL_TRACES_EXPORTER: 'zipkin',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toThrow(
      'OTEL_TRACES_EXPORTER must be otlp, console or none (got "zipkin"); ' +
        'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL (got "collector:4318"); ' +
        'OTEL_EXPORTER_OTLP_PROTOCOL must be http/json, the only protocol Ordo sends (got "grpc")',
    );
  });

  it('add nothing to the worker when off, except a sink that drops the spans of a prebuilt bundle', () => {
    expect(tracingWorkerOptions(undefined, { prebuiltBundle: false })).toEqual({});
    const { sinks, interceptors } = tracingWorkerOptions(undefined, { prebuiltBundle: true });
    expect(interceptors).toBeUndefined();
    expect(Object.keys(sinks ?? {})).toEqual(['exporter']);
  });
});
