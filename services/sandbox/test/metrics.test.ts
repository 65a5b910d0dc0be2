import { useSandbox } from './support';

/** Value of one sample in a Prometheus text scrape (0 when the series is absent). */
function sample(scrape: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of scrape.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const labelText = line.slice(name.length + 1, line.indexOf('}'));
    const present = labelText.split(',');
    if (wanted.every((pair) => present.includes(pair)) && present.length === wanted.length)
      return Number(line.split(' ').pop());
  }
  return 0;
}

describe('sandbox metrics on /metrics', () => {
  const sandbox = useSandbox({ random: () => 0 });
  const shipmentBody = { orderId: 'O-M', customerId: 'C-100', lines: [{ sku: 'SKU-A', quantity: 1 }] };
  const ship = (key: string) => sandbox.call('POST', '/carrier/shipments', { idempotencyKey: key, body: shipmentBody });

  async function scrape(): Promise<string> {
    const response = await sandbox.call('GET', '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.body.toString();
  }

  it('exposes every system and outcome from the start, at zero', async () => {
    const text = await scrape();
    for (const system of ['crm', 'erp', 'carrier', 'accounting', 'payments', 'mail']) {
      expect(text).toContain(`ordo_sandbox_calls_total{system="${system}",outcome="fault"}`);
      expect(text).toContain(`ordo_sandbox_faults_injected_total{system="${system}",fault="hang"}`);
    }
  });

  it('counts calls by outcome and effects by action; an idempotent replay answers but adds no effect', async () => {
    const before = await scrape();
    expect((await ship('m-1')).status).toBe(201);
    expect((await ship('m-1')).headers.get('idempotent-replayed')).toBe('true');
    expect((await sandbox.call('GET', '/crm/customers/C-404')).status).toBe(404);
    expect((await sandbox.call('POST', '/carrier/shipments', { body: shipmentBody })).status).toBe(400);
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('ordo_sandbox_calls_total', { system: 'carrier', outcome: 'ok' })).toBe(2);
    expect(delta('ordo_sandbox_calls_total', { system: 'carrier', outcome: 'client_error' })).toBe(1);
    expect(delta('ordo_sandbox_calls_total', { system: 'crm', outcome: 'client_error' })).toBe(1);
    expect(delta('ordo_sandbox_effects_total', { system: 'carrier', action: 'shipment.created' })).toBe(1);
    // Labels stay bounded: no order id, idempotency key or URL in the scrape.
    expect(after).not.toMatch(/O-M|m-1|C-404/);
  });

  it('counts injected errors, latency and hangs per system, and the 503s as faults', async () => {
    const before = await scrape();
    await sandbox.call('PUT', '/faults/erp', { body: { errorRate: 1 } });
    expect((await sandbox.call('GET', '/erp/stock/SKU-A')).status).toBe(503);
    await sandbox.call('PUT', '/faults/crm', { body: { latencyMs: 5, hangMs: 5 } });
    expect((await sandbox.call('GET', '/crm/customers/C-100')).status).toBe(200);
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('ordo_sandbox_faults_injected_total', { system: 'erp', fault: 'error' })).toBe(1);
    expect(delta('ordo_sandbox_calls_total', { system: 'erp', outcome: 'fault' })).toBe(1);
    expect(delta('ordo_sandbox_faults_injected_total', { system: 'crm', fault: 'latency' })).toBe(1);
    expect(delta('ordo_sandbox_faults_injected_total', { system: 'crm', fault: 'hang' })).toBe(1);
    expect(delta('ordo_sandbox_faults_injected_total', { system: 'crm', fault: 'error' })).toBe(0);
    expect(delta('ordo_sandbox_calls_total', { system: 'crm', outcome: 'ok' })).toBe(1);
  });

  it('keeps counting across a reset: counters never go back', async () => {
    await ship('m-2');
    const before = sample(await scrape(), 'ordo_sandbox_effects_total', {
      system: 'carrier',
      action: 'shipment.created',
    });
    await sandbox.call('POST', '/reset');
    expect(
      sample(await scrape(), 'ordo_sandbox_effects_total', { system: 'carrier', action: 'shipment.created' }),
    ).toBe(before);
  });
});
