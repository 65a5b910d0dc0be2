import { useSandbox } from './support';

describe('fault injection', () => {
  let nextRandom = 0;
  const sandbox = useSandbox({ random: () => nextRandom });
  const shipmentBody = { orderId: 'O-F', customerId: 'C-100', lines: [{ sku: 'SKU-A', quantity: 1 }] };
  const ship = (key: string) => sandbox.call('POST', '/carrier/shipments', { idempotencyKey: key, body: shipmentBody });

  beforeEach(() => {
    nextRandom = 0;
  });

  it('answers 503 without an effect at error rate 1, and recovers once cleared', async () => {
    await sandbox.call('PUT', '/faults/carrier', { body: { errorRate: 1 } });
    const failed = await ship('ship-1');
    const otherSystem = await sandbox.call('GET', '/crm/customers/C-100');

    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({ error: 'service_unavailable', system: 'carrier', injected: true });
    expect(otherSystem.status).toBe(200);
    expect(await sandbox.ledger()).toHaveLength(0);

    await sandbox.call('DELETE', '/faults');
    const recovered = await ship('ship-1');

    expect(recovered.status).toBe(201);
    expect(await sandbox.ledger('?action=shipment.created')).toHaveLength(1);
  });

  it('fails reads as well', async () => {
    await sandbox.call('PUT', '/faults/crm', { body: { errorRate: 1 } });

    expect((await sandbox.call('GET', '/crm/customers/C-100')).status).toBe(503);
  });

  it('injects errors for the configured fraction of calls', async () => {
    await sandbox.call('PUT', '/faults/carrier', { body: { errorRate: 0.5 } });
    nextRandom = 0.49;
    const unlucky = await ship('ship-a');
    nextRandom = 0.5;
    const lucky = await ship('ship-a');

    expect([unlucky.status, lucky.status]).toEqual([503, 201]);
  });

  it('with failAfterEffect records the effect once, answers 503, and replays the stored answer', async () => {
    await sandbox.call('PUT', '/faults/carrier', { body: { errorRate: 1, failAfterEffect: true } });
    const first = await ship('ship-2');
    const retry = await ship('ship-2');

    expect([first.status, retry.status]).toEqual([503, 503]);
    expect(await sandbox.ledger('?action=shipment.created')).toHaveLength(1);

    await sandbox.call('DELETE', '/faults');
    const replayed = await ship('ship-2');

    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    const [effect] = await sandbox.ledger('?action=shipment.created');
    expect(effect).toMatchObject({ idempotencyKey: 'ship-2', details: { shipmentId: replayed.body.shipmentId } });
    expect(await sandbox.ledger()).toHaveLength(1);
  });

  it('delays answers by latencyMs', async () => {
    await sandbox.call('PUT', '/faults/crm', { body: { latencyMs: 300 } });
    const started = Date.now();
    const answer = await sandbox.call('GET', '/crm/customers/C-100');

    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('holds a hung answer after the effect, so a client that gives up leaves the effect behind', async () => {
    await sandbox.call('PUT', '/faults/carrier', { body: { hangMs: 5_000 } });
    const started = Date.now();
    const call = sandbox.call('POST', '/carrier/shipments', {
      idempotencyKey: 'ship-3',
      body: shipmentBody,
      signal: AbortSignal.timeout(300),
    });

    await expect(call).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await sandbox.ledger('?action=shipment.created')).toHaveLength(1);
  });

  it('validates fault settings and lists them', async () => {
    const badRate = await sandbox.call('PUT', '/faults/erp', { body: { errorRate: 2 } });
    const badSystem = await sandbox.call('PUT', '/faults/bank', { body: { errorRate: 0.1 } });
    const unknownField = await sandbox.call('PUT', '/faults/erp', { body: { errorRat: 0.1 } });
    const set = await sandbox.call('PUT', '/faults/erp', { body: { errorRate: 0.25, latencyMs: 10 } });
    const listed = await sandbox.call('GET', '/faults');

    expect(badRate.status).toBe(400);
    expect(badRate.body).toMatchObject({ error: 'invalid_request', field: 'errorRate' });
    expect(badSystem.status).toBe(400);
    expect(badSystem.body).toMatchObject({ error: 'invalid_request', field: 'system' });
    expect(unknownField.status).toBe(400);
    expect(set.body).toEqual({ system: 'erp', errorRate: 0.25, latencyMs: 10, hangMs: 0, failAfterEffect: false });
    expect(listed.body.erp).toEqual({ errorRate: 0.25, latencyMs: 10, hangMs: 0, failAfterEffect: false });
    expect(listed.body.crm).toEqual({ errorRate: 0, latencyMs: 0, hangMs: 0, failAfterEffect: false });
    expect(Object.keys(listed.body).sort()).toEqual([
      'accounting',
      'carrier',
      'crm',
      'directory',
      'erp',
      'hris',
      'mail',
      'payments',
      'payroll',
    ]);
  });
});
