import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { consoleIndexFile } from './console-files';
import { isConsolePath } from './console-routes';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

const notBuiltMessage =
  'The Ordo Console is not built. Build it with `npx nx run @ordo/console:build` (or `npm run build`) and restart ' +
  'the API. The REST API is at /v1, its documentation at /docs.\n';

/**
 * Serves the Console at `/` from `consoleDir` (its Vite build), or a plain answer saying it is not built. Registered
 * before Nest's routes, it only ever answers console paths, so /v1, /docs, /health, /metrics and /codec stay the
 * API's.
 */
export function serveConsole(app: NestExpressApplication, consoleDir: string | null): void {
  if (!consoleDir) {
    app.use(consoleNotBuilt());
    return;
  }
  // Vite names every asset by its content hash: a browser may keep them for good; index.html is never cached.
  app.useStaticAssets(join(consoleDir, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d' });
  app.use(consoleIndexPage(join(consoleDir, consoleIndexFile)));
}

function isPageRequest(request: IncomingMessage): boolean {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  return (request.method === 'GET' || request.method === 'HEAD') && isConsolePath(path) && !path.startsWith('/assets/');
}

/** Every console route answers the same page; the console's router then shows the matching screen. */
function consoleIndexPage(indexFile: string): Middleware {
  return (request, response, next) => {
    if (!isPageRequest(request)) return next();
    const express = response as ServerResponse & {
      sendFile(path: string, options: object, callback: (error?: unknown) => void): void;
    };
    response.setHeader('Cache-Control', 'no-cache');
    express.sendFile(indexFile, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }, (error) => {
      if (error) next(error);
    });
  };
}

function consoleNotBuilt(): Middleware {
  return (request, response, next) => {
    if (!isPageRequest(request)) return next();
    response.statusCode = 404;
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    response.end(notBuiltMessage);
  };
}
