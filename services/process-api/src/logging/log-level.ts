import { readLogLevel, type Env } from '@ordo/config';
import type { LevelWithSilent } from 'pino';

/** `ORDO_LOG_LEVEL` (default info), case-insensitive, read as every service reads it; anything else is a ConfigError naming it. */
export function loadLogLevel(env: Env = process.env): LevelWithSilent {
  return readLogLevel(env);
}
