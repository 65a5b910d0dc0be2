import { useSandbox } from './support';

describe('ledger and reset', () => {
  const fixedNow = new Date('2030-01-02T03:04:05.000Z');
  const sandbox = useSandbox({ now: () => fixedNow });

  async function someEffects(): Promise<void> {
    await sandbox.call('POST', '/erp/reservations', {
      idempotencyKey: 'a:reserve',
      body: { orderId: 'O-A', lines: [{ sku: 'SKU-A', quantity: 4 }] },
    });
    await sandbox.call('POST', '/mail/messages', {
      idempotencyKey: 'a:mail',
      body: { orderId: 'O-A', to: 'manager@ordo.local', subject: 'Approve O-A', body: 'Please approve.' },
    });
    await sandbox.call('POST', '/erp/reservations', {
      idempotencyKey: 'b:reserve',
      body: { orderId: 'O-B', lines: [{ sku: 'SKU-B', quantity: 1 }] },
    });
    await sandbox.call('POST', '/erp/stock/SKU-OOS/restock', { idempotencyKey: 'restock', body: { quantity: 3 } });
  }

  it('records who did what, for which order, under which key', async () => {
    await someEffects();

    expect((await sandbox.ledger())[0]).toEqual({
      seq: 1,
      system: 'erp',
      action: 'reservation.created',
      orderId: 'O-A',
      idempotencyKey: 'a:reserve',
      at: '2030-01-02T03:04:05.000Z',
      details: { reservationId: expect.stringMatching(/^RES-/), lines: [{ sku: 'SKU-A', quantity: 4 }] },
    });
  });

  it('filters by system, order and action, alone or combined', async () => {
    await someEffects();
    const actions = (entries: any[]) => entries.map((entry) => `${entry.system}/${entry.action}/${entry.orderId}`);

    expect(actions(await sandbox.ledger())).toEqual([
      'erp/reservation.created/O-A',
      'mail/message.sent/O-A',
      'erp/reservation.created/O-B',
      'erp/stock.restocked/null',
    ]);
    expect(actions(await sandbox.ledger('?system=mail'))).toEqual(['mail/message.sent/O-A']);
    expect(actions(await sandbox.ledger('?orderId=O-A'))).toEqual([
      'erp/reservation.created/O-A',
      'mail/message.sent/O-A',
    ]);
    expect(actions(await sandbox.ledger('?action=reservation.created'))).toEqual([
      'erp/reservation.created/O-A',
      'erp/reservation.created/O-B',
    ]);
    expect(actions(await sandbox.ledger('?system=erp&orderId=O-B&action=reservation.created'))).toEqual([
      'erp/reservation.created/O-B',
    ]);
    expect(await sandbox.ledger('?system=crm')).toEqual([]);
  });

  it('rejects an unknown system filter', async () => {
    const answer = await sandbox.call('GET', '/ledger?system=bank');

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_request', field: 'system' });
  });

  it('reset restores the seed and forgets effects, keys and faults', async () => {
    await someEffects();
    await sandbox.call('PUT', '/faults/crm', { body: { errorRate: 1 } });

    const reset = await sandbox.call('POST', '/reset');

    expect(reset.status).toBe(200);
    expect(await sandbox.ledger()).toEqual([]);
    expect((await sandbox.call('GET', '/erp/stock/SKU-A')).body).toEqual({
      sku: 'SKU-A',
      available: 1000,
      reserved: 0,
    });
    expect((await sandbox.call('GET', '/erp/stock/SKU-OOS')).body).toEqual({
      sku: 'SKU-OOS',
      available: 0,
      reserved: 0,
    });
    expect((await sandbox.call('GET', '/mail/outbox')).body).toEqual({ messages: [] });
    expect((await sandbox.call('GET', '/crm/customers/C-100')).status).toBe(200);

    const sameKeyAgain = await sandbox.call('POST', '/erp/reservations', {
      idempotencyKey: 'a:reserve',
      body: { orderId: 'O-A', lines: [{ sku: 'SKU-A', quantity: 4 }] },
    });
    expect(sameKeyAgain.status).toBe(201);
    expect(sameKeyAgain.headers.get('idempotent-replayed')).toBeNull();
    expect(await sandbox.ledger()).toHaveLength(1);
  });

  it('answers health and unknown routes', async () => {
    expect((await sandbox.call('GET', '/health')).body).toEqual({ status: 'ok' });
    expect((await sandbox.call('GET', '/nowhere')).status).toBe(404);
  });
});
