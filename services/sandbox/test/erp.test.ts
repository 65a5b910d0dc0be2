import { useSandbox } from './support';

describe('erp', () => {
  const sandbox = useSandbox();
  let keys = 0;
  const key = () => `erp-test-${++keys}`;
  const stock = async (sku: string) => (await sandbox.call('GET', `/erp/stock/${sku}`)).body;
  const reserve = (orderId: string, lines: Array<{ sku: string; quantity: number }>) =>
    sandbox.call('POST', '/erp/reservations', { idempotencyKey: key(), body: { orderId, lines } });

  it('serves the seeded stock', async () => {
    expect(await stock('SKU-A')).toEqual({ sku: 'SKU-A', available: 1000, reserved: 0 });
    expect(await stock('SKU-B')).toEqual({ sku: 'SKU-B', available: 1000, reserved: 0 });
    expect(await stock('SKU-OOS')).toEqual({ sku: 'SKU-OOS', available: 0, reserved: 0 });
    expect((await sandbox.call('GET', '/erp/stock/SKU-NOPE')).body).toEqual({
      error: 'sku_not_found',
      sku: 'SKU-NOPE',
    });
  });

  it('reserves every line or none, naming the short SKUs', async () => {
    const refused = await reserve('O-1', [
      { sku: 'SKU-A', quantity: 10 },
      { sku: 'SKU-OOS', quantity: 1 },
      { sku: 'SKU-UNKNOWN', quantity: 1 },
    ]);

    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ error: 'out_of_stock', skus: ['SKU-OOS', 'SKU-UNKNOWN'] });
    expect(await stock('SKU-A')).toEqual({ sku: 'SKU-A', available: 1000, reserved: 0 });
    expect(await sandbox.ledger()).toHaveLength(0);
  });

  it('counts repeated lines of one SKU together', async () => {
    const refused = await reserve('O-1', [
      { sku: 'SKU-A', quantity: 600 },
      { sku: 'SKU-A', quantity: 600 },
    ]);

    expect(refused.body).toEqual({ error: 'out_of_stock', skus: ['SKU-A'] });
  });

  it('reserves, releases and refuses a second release', async () => {
    const reserved = await reserve('O-2', [
      { sku: 'SKU-A', quantity: 10 },
      { sku: 'SKU-B', quantity: 5 },
    ]);
    expect(reserved.status).toBe(201);
    expect(reserved.body).toEqual({
      reservationId: expect.stringMatching(/^RES-/),
      orderId: 'O-2',
      lines: [
        { sku: 'SKU-A', quantity: 10 },
        { sku: 'SKU-B', quantity: 5 },
      ],
    });
    expect(await stock('SKU-A')).toEqual({ sku: 'SKU-A', available: 990, reserved: 10 });

    const { reservationId } = reserved.body;
    const released = await sandbox.call('POST', `/erp/reservations/${reservationId}/release`, {
      idempotencyKey: key(),
    });
    const again = await sandbox.call('POST', `/erp/reservations/${reservationId}/release`, { idempotencyKey: key() });

    expect(released.body).toEqual({ reservationId, status: 'released' });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: 'reservation_not_active', reservationId, status: 'released' });
    expect(await stock('SKU-A')).toEqual({ sku: 'SKU-A', available: 1000, reserved: 0 });
    expect((await sandbox.ledger('?system=erp')).map((entry) => entry.action)).toEqual([
      'reservation.created',
      'reservation.released',
    ]);
  });

  it('books returned goods back into stock', async () => {
    const { reservationId } = (await reserve('O-3', [{ sku: 'SKU-B', quantity: 7 }])).body;
    const mismatch = await sandbox.call('POST', '/erp/returns', {
      idempotencyKey: key(),
      body: { orderId: 'O-other', shipmentId: 'SHP-1', reservationId },
    });
    const booked = await sandbox.call('POST', '/erp/returns', {
      idempotencyKey: key(),
      body: { orderId: 'O-3', shipmentId: 'SHP-1', reservationId },
    });

    expect(mismatch.status).toBe(409);
    expect(mismatch.body.error).toBe('reservation_order_mismatch');
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ bookingId: expect.any(String), reservationId, shipmentId: 'SHP-1' });
    expect(await stock('SKU-B')).toEqual({ sku: 'SKU-B', available: 1000, reserved: 0 });
    expect(await sandbox.ledger('?action=return.booked')).toEqual([
      expect.objectContaining({
        system: 'erp',
        orderId: 'O-3',
        details: expect.objectContaining({ reservationId, shipmentId: 'SHP-1' }),
      }),
    ]);
  });

  it('restocks a SKU', async () => {
    const restocked = await sandbox.call('POST', '/erp/stock/SKU-OOS/restock', {
      idempotencyKey: key(),
      body: { quantity: 25 },
    });

    expect(restocked.body).toEqual({ sku: 'SKU-OOS', available: 25, reserved: 0 });
    expect((await reserve('O-4', [{ sku: 'SKU-OOS', quantity: 25 }])).status).toBe(201);
  });

  it('answers 400 naming the invalid field', async () => {
    const invalid = await reserve('O-5', [{ sku: 'SKU-A', quantity: -1 }]);
    const missing = await sandbox.call('POST', '/erp/reservations', { idempotencyKey: key(), body: { lines: [] } });

    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: 'invalid_request', field: 'lines.0.quantity' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'invalid_request', field: 'orderId' });
  });
});
