// The sandbox's admin surface: stock, faults and the ledger of effects.
const { JsonHttp } = require('./http');

class SandboxAdmin {
  constructor(baseUrl) {
    this.http = new JsonHttp(baseUrl, { connections: 4, timeoutMs: 60_000 });
  }

  async expectOk(method, path, body) {
    const answer = await this.http.request(method, path, {
      body,
      headers: { 'idempotency-key': `bench-${method}-${path}-${Date.now()}-${Math.random()}` },
    });
    if (answer.status >= 300) throw new Error(`sandbox ${method} ${path} answered ${answer.status}: ${answer.text}`);
    return answer.body;
  }

  /** Adds stock so that big runs never wait for a restock by accident. */
  async restock(needed) {
    for (const [sku, quantity] of Object.entries(needed)) {
      if (quantity > 0) await this.expectOk('POST', `/erp/stock/${encodeURIComponent(sku)}/restock`, { quantity });
    }
  }

  setFaults(system, settings) {
    return this.expectOk('PUT', `/faults/${system}`, settings);
  }

  clearFaults() {
    return this.expectOk('DELETE', '/faults');
  }

  async ledger(filter = {}) {
    const query = new URLSearchParams(filter).toString();
    return (await this.expectOk('GET', `/ledger${query ? `?${query}` : ''}`)).entries;
  }

  close() {
    this.http.close();
  }
}

module.exports = { SandboxAdmin };
