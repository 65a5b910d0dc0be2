import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the Temporal UI sends to a codec server: its namespace, the JSON body, and (when configured) a bearer token. */
const allowedHeaders = 'Authorization, Content-Type, X-Namespace';

/**
 * CORS for the codec endpoint only, and only for the configured origins (the Temporal UI). A preflight (OPTIONS)
 * is answered here, before any guard, since browsers send it without credentials; one from another origin gets
 * 403 and no `Access-Control-Allow-*` header, so the browser refuses the call. Same-origin and non-browser callers
 * (no Origin header) are not concerned: the bearer guard and the role check decide for them as for everyone.
 * With `localUiToken` (dev tokens on, loopback only), a call from an allowed origin without a token carries that one.
 */
export function codecCorsMiddleware(allowedOrigins: readonly string[], localUiToken?: string) {
  const allowed = new Set(allowedOrigins);
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const origin = request.headers.origin;
    const permitted = origin !== undefined && allowed.has(origin);
    const vary = response.getHeader('Vary');
    response.setHeader('Vary', vary ? `${String(vary)}, Origin` : 'Origin');
    if (permitted) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      // The UI's "include cross-origin credentials" setting sends cookies; harmless for an exact origin.
      response.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (request.method !== 'OPTIONS') {
      // The local UI, without sign-in, sends no token: it gets the one it would be given (see AppModule's localUiToken).
      if (permitted && localUiToken !== undefined && request.headers.authorization === undefined) {
        request.headers.authorization = `Bearer ${localUiToken}`;
      }
      return next();
    }
    if (origin !== undefined && !permitted) {
      response.statusCode = 403;
      response.end();
      return;
    }
    response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    response.setHeader('Access-Control-Allow-Headers', allowedHeaders);
    response.setHeader('Access-Control-Max-Age', '600');
    response.statusCode = 204;
    response.end();
  };
}
