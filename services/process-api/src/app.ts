import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { DestinationStream, LevelWithSilent } from 'pino';
import { AppModule } from './app.module';
import { type ApiConfig, loadApiConfig } from './config/api-config';
import { bodyParserErrorTranslator } from './errors/body-parser-errors';
import { loadLogLevel } from './logging/log-level';
import { ApiMetrics } from './metrics/api-metrics.service';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { setupOpenApi } from './openapi/openapi';
import { loadVisibilityGaugeSettings, type VisibilityGaugeSettings } from './visibility-gauges/visibility-gauge-settings';

export interface CreateAppOptions {
  /** false silences every log (tests); otherwise the level is `logLevel`, else `ORDO_LOG_LEVEL`. */
  logger?: false;
  logLevel?: LevelWithSilent;
  /** Where JSON log lines go instead of stdout. */
  logDestination?: DestinationStream;
  /** Overrides of `ORDO_VISIBILITY_GAUGES` / `ORDO_VISIBILITY_GAUGE_INTERVAL_MS`. */
  visibilityGauges?: Partial<VisibilityGaugeSettings>;
}

/**
 * Builds and initialises the API without listening, so `main.ts` and tests decide where it listens.
 * Configuration not given here comes from the environment.
 */
export async function createApp(config?: Partial<ApiConfig>, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const resolved: ApiConfig = { ...loadApiConfig(), ...config };
  const level = options.logger === false ? 'silent' : (options.logLevel ?? loadLogLevel());
  const observability = {
    logging: { level, ...(options.logDestination ? { destination: options.logDestination } : {}) },
    visibilityGauges: { ...loadVisibilityGaugeSettings(), ...options.visibilityGauges },
  };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(resolved, observability), {
    // Held until the JSON logger below takes over, so start-up lines come out as JSON too.
    bufferLogs: true,
    // Parsed below, after the metrics middleware and with its errors translated.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // Before any route, so every request is timed, whatever answers it.
  app.use(httpMetricsMiddleware(app.get(ApiMetrics)));
  app.useBodyParser('json', { limit: '1mb' });
  app.use(bodyParserErrorTranslator());
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.init();
  return app;
}
