import { type Env, loadTracingSettings as loadFor, type TracingSettings } from '@ordo/config';

export type { TracingSettings };

/** The standard OTEL_* variables (read in @ordo/config, as for every service), naming this service ordo-api by default. */
export function loadTracingSettings(env: Env = process.env): TracingSettings {
  return loadFor(env, 'ordo-api');
}
