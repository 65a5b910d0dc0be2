// A small JSON client over keep-alive connections: the load generator reuses its sockets, as real callers do.
const http = require('node:http');

class JsonHttp {
  /** @param {string} baseUrl e.g. http://127.0.0.1:3000 */
  constructor(baseUrl, { connections = 16, timeoutMs = 30_000 } = {}) {
    this.base = new URL(baseUrl.replace('localhost', '127.0.0.1'));
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
    this.timeoutMs = timeoutMs;
  }

  /** Resolves with `{ status, body, text }` for any HTTP answer; rejects on network errors and timeouts. */
  request(method, path, { body, token, headers = {} } = {}) {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const requestHeaders = { accept: 'application/json', ...headers };
    if (token) requestHeaders.authorization = `Bearer ${token}`;
    if (payload !== undefined) {
      requestHeaders['content-type'] ??= 'application/json';
      requestHeaders['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          headers: requestHeaders,
          agent: this.agent,
          timeout: this.timeoutMs,
        },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = undefined;
            }
            resolve({ status: response.statusCode ?? 0, body: parsed, text });
          });
        },
      );
      request.on('timeout', () =>
        request.destroy(new Error(`${method} ${path}: no answer within ${this.timeoutMs} ms`)),
      );
      request.on('error', reject);
      if (payload !== undefined) request.write(payload);
      request.end();
    });
  }

  close() {
    this.agent.destroy();
  }
}

module.exports = { JsonHttp };
