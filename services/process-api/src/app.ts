import 'reflect-metadata';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { type ApiConfig, loadApiConfig } from './config/api-config';
import { bodyParserErrorTranslator } from './errors/body-parser-errors';
import { ApiMetrics } from './metrics/api-metrics.service';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { setupOpenApi } from './openapi/openapi';

export interface CreateAppOptions {
  /** Nest's log levels, or false for silence (tests). */
  logger?: LogLevel[] | false;
}

/**
 * Builds and initialises the API without listening, so `main.ts` and tests decide where it listens.
 * Configuration not given here comes from the environment.
 */
export async function createApp(config?: Partial<ApiConfig>, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const resolved: ApiConfig = { ...loadApiConfig(), ...config };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(resolved), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    // Parsed below, after the metrics middleware and with its errors translated.
    bodyParser: false,
  });
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
