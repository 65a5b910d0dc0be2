import { z } from 'zod';
import { type Env, readEnv } from './env';
import { httpUrl, text } from './schemas';

/**
 * Tracing is configured by OpenTelemetry's standard variables, so an operator sets it as for any other service; the
 * API and the worker read them here, alike. Off unless asked for: no exporter, no interceptor, no instrumentation when none of them is set.
 */
const tracingEnvShape = {
  OTEL_SDK_DISABLED: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'console', 'none'], { error: 'must be otlp, console or none' }).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl().optional(),
  // The exporter sends OTLP as JSON over HTTP, which every collector accepts on its HTTP port (4318).
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .enum(['http/json'], { error: 'must be http/json, the only protocol Ordo sends' })
    .optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z
    .enum(['http/json'], { error: 'must be http/json, the only protocol Ordo sends' })
    .optional(),
  OTEL_SERVICE_NAME: text().optional(),
};

export type TracingSettings =
  | { enabled: false }
  | {
      enabled: true;
      /** `otlp`: the OTLP/HTTP exporter, which reads its endpoint and headers from the OTEL_EXPORTER_OTLP_* variables. */
      exporter: 'otlp' | 'console';
      serviceName: string;
    };

/**
 * On when OTEL_TRACES_EXPORTER says otlp or console, or when an OTLP endpoint is set and OTEL_TRACES_EXPORTER does
 * not say none; OTEL_SDK_DISABLED=true switches it off whatever else is set.
 */
export function loadTracingSettings(env: Env, defaultServiceName: string): TracingSettings {
  const e = readEnv(tracingEnvShape, env);
  if (e.OTEL_SDK_DISABLED === 'true') return { enabled: false };
  const endpointSet = e.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined || e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined;
  const exporter = e.OTEL_TRACES_EXPORTER ?? (endpointSet ? 'otlp' : 'none');
  if (exporter === 'none') return { enabled: false };
  return { enabled: true, exporter, serviceName: e.OTEL_SERVICE_NAME ?? defaultServiceName };
}
