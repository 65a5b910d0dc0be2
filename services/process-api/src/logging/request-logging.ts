import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';
import { routeTemplateOf } from '../metrics/http-metrics.middleware';

type Request = IncomingMessage & { id?: unknown; originalUrl?: string; route?: { path?: unknown } };

/** Scrapes and probes arrive every few seconds: their successes are logged at debug only. */
const routinePaths = /^\/(metrics|health)(\/|$|\?)/;

/** Clients may bring their own request id (propagated from a gateway); it must stay short and printable. */
const clientRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

function requestId(request: IncomingMessage, response: ServerResponse): string {
  const header = request.headers['x-request-id'];
  const offered = Array.isArray(header) ? header[0] : header;
  const id = offered && clientRequestId.test(offered) ? offered : randomUUID();
  response.setHeader('x-request-id', id);
  return id;
}

/** What every request log line carries besides pino's own fields: method, route template and status. */
function requestFields(request: Request, response: ServerResponse): Record<string, unknown> {
  return { method: request.method, route: routeTemplateOf(request), status: response.statusCode };
}

/**
 * pino-http options of the API: one JSON line per request with method, route template (never the raw
 * URL alone: it carries business keys) and status, plus the request id that every log made while
 * serving the request carries too. The Authorization header never reaches a log.
 */
export function requestLoggingOptions(level: LevelWithSilent): Options<Request, ServerResponse> {
  return {
    level,
    base: { service: 'ordo-api' },
    genReqId: requestId,
    serializers: {
      req: (request: Request) => ({ id: request.id, method: request.method, url: request.originalUrl ?? request.url }),
      res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
    },
    customLogLevel: (request, response, error) => {
      if (error || response.statusCode >= 500) return 'error';
      if (response.statusCode >= 400) return 'warn';
      return routinePaths.test(request.originalUrl ?? request.url ?? '') ? 'debug' : 'info';
    },
    customSuccessMessage: (request, response) => `${request.method} ${routeTemplateOf(request)} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${routeTemplateOf(request)} ${response.statusCode}`,
    customSuccessObject: (request, response, value) => ({ ...value, ...requestFields(request, response) }),
    customErrorObject: (request, response, _error, value) => ({ ...value, ...requestFields(request, response) }),
  };
}
