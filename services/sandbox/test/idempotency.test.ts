import { useSandbox } from './support';

describe('Idempotency-Key on mutating calls', () => {
  const sandbox = useSandbox();

  const reserve = (key: string | undefined, orderId = 'O-1', quantity = 3) =>
    sandbox.call('POST', '/erp/reservations', {
      idempotencyKey: key,
      body: { orderId, lines: [{ sku: 'SKU-A', quantity }] },
    });

  it('replays the first answer for a repeated key without a second effect', async () => {
    const first = await reserve('order-to-cash:O-1:reserve-stock');
    const second = await reserve('order-to-cash:O-1:reserve-stock');

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await sandbox.ledger('?action=reservation.created')).toHaveLength(1);
    expect((await sandbox.call('GET', '/erp/stock/SKU-A')).body).toEqual({ sku: 'SKU-A', available: 997, reserved: 3 });
  });

  it('compares bodies by content, not by the order of their keys', async () => {
    const body = { orderId: 'O-1', lines: [{ sku: 'SKU-A', quantity: 1 }] };
    const reordered = { lines: [{ quantity: 1, sku: 'SKU-A' }], orderId: 'O-1' };
    await sandbox.call('POST', '/erp/reservations', { idempotencyKey: 'k', body });
    const again = await sandbox.call('POST', '/erp/reservations', { idempotencyKey: 'k', body: reordered });

    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses a mutating call without a key and records nothing', async () => {
    const answer = await reserve(undefined);

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'idempotency_key_required' });
    expect(await sandbox.ledger()).toHaveLength(0);
  });

  it('refuses a key reused for a different request', async () => {
    await reserve('k-1', 'O-1', 3);
    const reused = await reserve('k-1', 'O-1', 4);
    const otherRoute = await sandbox.call('POST', '/erp/stock/SKU-A/restock', {
      idempotencyKey: 'k-1',
      body: { quantity: 4 },
    });

    expect(reused.status).toBe(422);
    expect(reused.body.error).toBe('idempotency_key_reused');
    expect(otherRoute.status).toBe(422);
    expect(await sandbox.ledger()).toHaveLength(1);
  });

  it('scopes keys per system', async () => {
    const erp = await reserve('shared-key');
    const carrier = await sandbox.call('POST', '/carrier/shipments', {
      idempotencyKey: 'shared-key',
      body: { orderId: 'O-1', customerId: 'C-100', lines: [{ sku: 'SKU-A', quantity: 3 }] },
    });

    expect(erp.status).toBe(201);
    expect(carrier.status).toBe(201);
    expect((await sandbox.ledger()).map((entry) => entry.action)).toEqual(['reservation.created', 'shipment.created']);
  });

  it('does not store a refusal, so the same key succeeds once its cause is fixed', async () => {
    const body = { orderId: 'O-9', lines: [{ sku: 'SKU-OOS', quantity: 5 }] };
    const refused = await sandbox.call('POST', '/erp/reservations', { idempotencyKey: 'reserve-O-9', body });
    await sandbox.call('POST', '/erp/stock/SKU-OOS/restock', { idempotencyKey: 'restock-1', body: { quantity: 5 } });
    const retried = await sandbox.call('POST', '/erp/reservations', { idempotencyKey: 'reserve-O-9', body });

    expect(refused.status).toBe(409);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('lets concurrent duplicates take effect only once', async () => {
    const answers = await Promise.all([reserve('dup'), reserve('dup'), reserve('dup')]);

    expect(new Set(answers.map((answer) => answer.body.reservationId)).size).toBe(1);
    expect(await sandbox.ledger()).toHaveLength(1);
  });
});
