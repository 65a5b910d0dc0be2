import type { LevelWithSilent } from 'pino';
import { ConfigError } from '../config/api-config';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `ORDO_LOG_LEVEL` (default info), case-insensitive; anything else is a ConfigError naming the variable. */
export function loadLogLevel(env: Record<string, string | undefined> = process.env): LevelWithSilent {
  const raw = env.ORDO_LOG_LEVEL?.trim().toLowerCase();
  if (raw === undefined || raw === '') return 'info';
  const level = logLevels.find((candidate) => candidate === raw);
  if (!level) throw new ConfigError('ORDO_LOG_LEVEL', `is invalid: must be one of ${logLevels.join(', ')}`);
  return level;
}
