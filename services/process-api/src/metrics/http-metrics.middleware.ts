import type { ApiMetrics } from './api-metrics.service';

interface MeasuredRequest {
  method: string;
  /** Set by Express when a route matched; `path` is its template (`/v1/processes/:process/instances`). */
  route?: { path?: unknown };
}

interface MeasuredResponse {
  statusCode: number;
  once(event: 'finish' | 'close', listener: () => void): unknown;
}

/** The label for requests no route template matched (404s, body-parser rejections, static assets). */
export const unroutedLabel = 'unrouted';

/** The route template Express matched (`/v1/processes/:process/instances`), or `unrouted`. */
export function routeTemplateOf(request: { route?: { path?: unknown } }): string {
  return typeof request.route?.path === 'string' ? request.route.path : unroutedLabel;
}

/**
 * Times every request and records it under its route template, never the raw URL,
 * so the label set stays bounded whatever clients send.
 */
export function httpMetricsMiddleware(metrics: ApiMetrics) {
  return (request: MeasuredRequest, response: MeasuredResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeHttpRequest(
        { method: request.method, route: routeTemplateOf(request), status: response.statusCode },
        seconds,
      );
    };
    response.once('finish', record);
    response.once('close', record);
    next();
  };
}
