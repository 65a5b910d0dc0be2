import { type Env, readEnv, text } from '@ordo/config';
import { z } from 'zod';

/** Process intelligence's settings (README "Process intelligence"; docs/ARCHITECTURE.md §10). */
export interface MiningSettings {
  /**
   * Whether this API replica runs the extractor: the activity-only worker on `ordo-mining` and the Schedule. Exactly
   * one replica should (the store has one writer); the others answer the mining routes from the shared store.
   */
  extractor: boolean;
  /** Seconds between extraction runs (the Schedule's interval). */
  intervalSeconds: number;
  /** Where the analytical store lives: a DuckDB file, or `:memory:` (tests). */
  storePath: string;
}

const units: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** `30s`, `1m`, `2h`: the Schedule's interval; under 10 seconds the runs would queue behind one another. */
const interval = z
  .string()
  .trim()
  .regex(/^\d+[smh]$/, 'must be a number of seconds, minutes or hours such as 30s, 1m or 2h')
  .transform((value) => Number(value.slice(0, -1)) * units[value.slice(-1)]!)
  .refine((seconds) => seconds >= 10 && seconds <= 86_400, 'must be between 10s and 24h');

const miningEnvShape = {
  ORDO_MINING_EXTRACTOR: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  ORDO_MINING_INTERVAL: interval.default(60),
  ORDO_MINING_STORE: text().default('.data/mining.duckdb'),
};

export function loadMiningSettings(env: Env = process.env): MiningSettings {
  const vars = readEnv(miningEnvShape, env);
  return {
    extractor: vars.ORDO_MINING_EXTRACTOR === 'on',
    intervalSeconds: vars.ORDO_MINING_INTERVAL,
    storePath: vars.ORDO_MINING_STORE,
  };
}
