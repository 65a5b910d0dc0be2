import type { LoggerService } from '@nestjs/common';
import type { Logger as SdkLogger, LogLevel as SdkLogLevel, LogMetadata } from '@temporalio/worker';
import { readLogLevel, type Env } from '@ordo/config';
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';

/** `ORDO_LOG_LEVEL` (default info), read as every service reads it; a bad value is a ConfigError naming it. */
export function loadLogLevel(env: Env = process.env): LevelWithSilent {
  return readLogLevel(env);
}

/** The worker's JSON logger (one line per entry on stdout unless `destination` says otherwise). */
export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'ordo-worker' },
    // The SDK reports failures under `error`, pino's convention is `err`: both are serialized with stack and type.
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
}

const sdkLevels: Record<SdkLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Runtime's logger: the SDK's own logs, forwarded Core logs, and every workflow and activity
 * `log` call, as JSON. The SDK's attributes (workflowId, runId, workflowType, activityType, attempt…)
 * become top-level fields, so logs can be searched by instance.
 */
export class PinoSdkLogger implements SdkLogger {
  constructor(private readonly logger: Logger) {}

  log(level: SdkLogLevel, message: string, meta?: LogMetadata): void {
    // Only string keys: the SDK keeps its own bookkeeping (the original timestamp) under a symbol.
    const fields = meta ? Object.fromEntries(Object.entries(meta)) : {};
    this.logger[sdkLevels[level] ?? 'info'](fields, message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }

  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }

  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }

  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }

  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/** The SDK Core's own log level that matches ours: Core is chatty below WARN, so only debug and trace open it up. */
export function coreLogLevel(level: LevelWithSilent): SdkLogLevel {
  if (level === 'trace') return 'TRACE';
  if (level === 'debug') return 'DEBUG';
  return level === 'error' || level === 'fatal' || level === 'silent' ? 'ERROR' : 'WARN';
}

/** Nest's logger (the health endpoint's app) writing into the same JSON stream, with its context as a field. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest passes the context (a class name) last, and for errors the stack before it. */
  private write(
    level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal',
    message: unknown,
    params: unknown[],
  ): void {
    const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    const stack = params.length > 1 && typeof params[0] === 'string' ? params[0] : undefined;
    const fields = { ...(context ? { context } : {}), ...(stack ? { stack } : {}) };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}
