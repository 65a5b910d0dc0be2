import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream, LevelWithSilent } from 'pino';
import { AppModule } from './app.module';
import { type ApiConfig, loadApiConfig } from './config/api-config';
import { findConsoleDir } from './console/console-files';
import { isConsolePath } from './console/console-routes';
import { serveConsole } from './console/console-static';
import { bodyParserErrorTranslator } from './errors/body-parser-errors';
import { loadLogLevel } from './logging/log-level';
import { ApiMetrics } from './metrics/api-metrics.service';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { loadMiningSettings, type MiningSettings } from './mining/mining-settings';
import { docsPath, setupOpenApi } from './openapi/openapi';
import {
  loadVisibilityGaugeSettings,
  type VisibilityGaugeSettings,
} from './visibility-gauges/visibility-gauge-settings';

export interface CreateAppOptions {
  /** false silences every log (tests); otherwise the level is `logLevel`, else `ORDO_LOG_LEVEL`. */
  logger?: false;
  logLevel?: LevelWithSilent;
  /** Where JSON log lines go instead of stdout. */
  logDestination?: DestinationStream;
  /** Overrides of `ORDO_VISIBILITY_GAUGES` / `ORDO_VISIBILITY_GAUGE_INTERVAL_MS`. */
  visibilityGauges?: Partial<VisibilityGaugeSettings>;
  /** Overrides of `ORDO_MINING_EXTRACTOR` / `ORDO_MINING_INTERVAL` / `ORDO_MINING_STORE`. */
  mining?: Partial<MiningSettings>;
  /** The Console's built files; null serves none (`/` says it is not built). Default: see `findConsoleDir`. */
  consoleDir?: string | null;
}

/**
 * Builds and initialises the API without listening, so `main.ts` and tests decide where it listens.
 * Configuration not given here comes from the environment.
 */
export async function createApp(
  config?: Partial<ApiConfig>,
  options: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  const resolved: ApiConfig = { ...loadApiConfig(), ...config };
  const level = options.logger === false ? 'silent' : (options.logLevel ?? loadLogLevel());
  const observability = {
    logging: { level, ...(options.logDestination ? { destination: options.logDestination } : {}) },
    visibilityGauges: { ...loadVisibilityGaugeSettings(), ...options.visibilityGauges },
    mining: { ...loadMiningSettings(), ...options.mining },
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
  app.use(securityHeaders(consoleConnectSources(resolved)));
  app.useBodyParser('json', { limit: '1mb' });
  app.use(bodyParserErrorTranslator());
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  setupOpenApi(app);
  serveConsole(app, options.consoleDir === undefined ? findConsoleDir() : options.consoleDir);
  await app.init();
  return app;
}

/**
 * Origins the Console's scripts call besides its own: the issuer, when the Console signs people in there with OIDC
 * (its discovery document, and the token endpoint where the code is exchanged).
 */
function consoleConnectSources(config: ApiConfig): string[] {
  return config.jwt && config.consoleOidc ? [new URL(config.jwt.issuer).origin] : [];
}

/**
 * helmet's headers on every answer (nosniff, HSTS, frame and referrer policies…). The API answers JSON, so its
 * Content-Security-Policy allows nothing; Swagger UI under /docs loads its own scripts and styles and has inline
 * `<style>`, so there the policy allows this origin's resources and inline styles (never inline scripts). The Console
 * gets the same, plus `blob:` images and frames for documents it fetched with the person's token (invoice PDFs), and
 * calls to `consoleConnectSrc` (the OIDC issuer).
 */
function securityHeaders(
  consoleConnectSrc: string[],
): (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void {
  const common = { frameAncestors: ["'none'"], objectSrc: ["'none'"] };
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...common, defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
  });
  const docsDirectives = {
    ...common,
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  };
  const docs = helmet({ contentSecurityPolicy: { useDefaults: false, directives: docsDirectives } });
  const consolePage = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...docsDirectives,
        imgSrc: ["'self'", 'data:', 'blob:'],
        frameSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", ...consoleConnectSrc],
      },
    },
  });
  const docsPrefix = `/${docsPath}/`;
  return (request, response, next) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (path === `/${docsPath}` || path.startsWith(docsPrefix)) return docs(request, response, next);
    return (isConsolePath(path) ? consolePage : api)(request, response, next);
  };
}
