import { ConfigError } from '../config/api-config';

export interface VisibilityGaugeSettings {
  /** `ORDO_VISIBILITY_GAUGES=off` leaves the gauges out entirely (no stale zeros on dashboards). */
  enabled: boolean;
  /** `ORDO_VISIBILITY_GAUGE_INTERVAL_MS`: time between two refreshes (default 15000). */
  intervalMs: number;
  /**
   * `ORDO_VISIBILITY_GAUGE_MAX_SUMMED_INSTANCES`: the most running instances with an amount one refresh reads
   * to sum their values (default 10000, ten pages); with more, the value gauges are left out.
   */
  maxSummedInstances: number;
}

export const defaultVisibilityGaugeSettings: VisibilityGaugeSettings = {
  enabled: true,
  intervalMs: 15_000,
  maxSummedInstances: 10_000,
};

const switches: Record<string, boolean> = { on: true, true: true, '1': true, off: false, false: false, '0': false };

/** Reads the gauges' settings; a bad value is a ConfigError naming the variable. */
export function loadVisibilityGaugeSettings(
  env: Record<string, string | undefined> = process.env,
): VisibilityGaugeSettings {
  const rawSwitch = env.ORDO_VISIBILITY_GAUGES?.trim().toLowerCase();
  const enabled = rawSwitch ? switches[rawSwitch] : defaultVisibilityGaugeSettings.enabled;
  if (enabled === undefined) throw new ConfigError('ORDO_VISIBILITY_GAUGES', 'is invalid: must be on or off');

  const rawInterval = env.ORDO_VISIBILITY_GAUGE_INTERVAL_MS?.trim();
  const intervalMs = rawInterval ? Number(rawInterval) : defaultVisibilityGaugeSettings.intervalMs;
  if (!Number.isInteger(intervalMs) || intervalMs < 1000 || intervalMs > 3_600_000) {
    throw new ConfigError(
      'ORDO_VISIBILITY_GAUGE_INTERVAL_MS',
      'is invalid: must be a whole number of milliseconds between 1000 and 3600000',
    );
  }

  const rawMax = env.ORDO_VISIBILITY_GAUGE_MAX_SUMMED_INSTANCES?.trim();
  const maxSummedInstances = rawMax ? Number(rawMax) : defaultVisibilityGaugeSettings.maxSummedInstances;
  if (!Number.isInteger(maxSummedInstances) || maxSummedInstances < 1 || maxSummedInstances > 1_000_000) {
    throw new ConfigError(
      'ORDO_VISIBILITY_GAUGE_MAX_SUMMED_INSTANCES',
      'is invalid: must be a whole number between 1 and 1000000',
    );
  }
  return { enabled, intervalMs, maxSummedInstances };
}
