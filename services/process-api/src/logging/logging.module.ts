import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, LevelWithSilent } from 'pino';
import { requestLoggingOptions } from './request-logging';

export interface LoggingSettings {
  level: LevelWithSilent;
  /** Where the JSON lines go; stdout by default (tests capture them). */
  destination?: DestinationStream;
}

/**
 * Structured JSON logs (pino) for the whole API: request logs, and Nest's `Logger` once `main`/`createApp`
 * hands the app nestjs-pino's logger. nestjs-pino keeps one root logger per process: the first app's
 * settings win, which only matters to tests that create several apps.
 */
@Module({})
export class LoggingModule {
  static forRoot({ level, destination }: LoggingSettings): DynamicModule {
    const options = requestLoggingOptions(level);
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options })],
      exports: [LoggerModule],
    };
  }
}
