// The chaos run's verdict is only as good as its checks: each kind of damage must be caught.
const { planOrders, split } = require('../lib/chaos/plan');
const { seededRandom } = require('../lib/chaos/random');
const { verifyRun } = require('../lib/chaos/verify');
const { scheduleDisruptions } = require('../lib/chaos/disruptions');

const orders = planOrders(40, seededRandom(42), 'T');
const byKind = (kind) => orders.find((order) => order.kind === kind);

/** The ledger a perfect run leaves: each expected effect once (receipts for the order's total). */
function perfectLedger(plan) {
  return plan.flatMap((order) =>
    Object.entries(order.expectedEffects).flatMap(([action, times]) =>
      Array.from({ length: times }, () => ({
        orderId: order.businessKey,
        action,
        details: action === 'receipt.posted' ? { amount: order.total } : {},
      })),
    ),
  );
}
const expectedStatuses = (plan) => new Map(plan.map((order) => [order.businessKey, order.expectedStatus]));

describe('the chaos plan', () => {
  it('mixes every kind, with unique keys, and the same mix for the same seed', () => {
    const kinds = new Set(orders.map((order) => order.kind));
    expect([...kinds].sort()).toEqual(['auto', 'cancel-early', 'cancel-late', 'cfo', 'manager', 'partial']);
    expect(new Set(orders.map((order) => order.businessKey)).size).toBe(40);
    expect(planOrders(40, seededRandom(42), 'T').map((order) => order.kind)).toEqual(orders.map((order) => order.kind));
  });

  it('pays partially paid orders in full, announcing one payment twice', () => {
    const partial = byKind('partial');
    const payments = partial.steps.filter((step) => step.type === 'pay');
    const distinct = new Map(payments.map((step) => [step.reference, step.amount]));
    expect(payments).toHaveLength(4);
    expect(distinct.size).toBe(3);
    expect(Math.round([...distinct.values()].reduce((a, b) => a + b, 0) * 100)).toBe(Math.round(partial.total * 100));
    expect(split(100, [1, 1, 1])).toEqual([33.33, 33.33, 33.34]);
  });

  it('expects nothing standing for cancelled orders and one of each effect for completed ones', () => {
    expect(byKind('cancel-late').expectedEffects).toMatchObject({
      'reservation.created': 1,
      'return.booked': 1,
      'invoice.voided': 1,
      'refund.created': 1,
      'receipt.posted': 0,
    });
    expect(Object.values(byKind('cancel-early').expectedEffects).every((count) => count === 0)).toBe(true);
    expect(byKind('cfo').expectedEffects).toMatchObject({
      'reservation.created': 1,
      'shipment.created': 1,
      'invoice.created': 1,
      'receipt.posted': 1,
      'invoice.voided': 0,
    });
  });
});

describe('verifyRun', () => {
  it('passes a run where everything happened exactly as planned', () => {
    const verdict = verifyRun(orders, expectedStatuses(orders), perfectLedger(orders));
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, failures: [] });
  });

  it('counts an order at the wrong status, or never read, as lost', () => {
    const statuses = expectedStatuses(orders);
    statuses.set(byKind('auto').businessKey, 'RUNNING');
    statuses.delete(byKind('manager').businessKey);
    const verdict = verifyRun(orders, statuses, perfectLedger(orders));
    expect(verdict.lost).toBe(2);
    expect(verdict.failures.map((failure) => failure.problems[0])).toEqual(
      expect.arrayContaining(['status RUNNING, expected COMPLETED', 'status unknown, expected COMPLETED']),
    );
  });

  it('counts a second reservation, or a refund paid twice, as duplicated', () => {
    const ledger = perfectLedger(orders);
    ledger.push({ orderId: byKind('auto').businessKey, action: 'reservation.created' });
    ledger.push({ orderId: byKind('cancel-late').businessKey, action: 'refund.created' });
    const verdict = verifyRun(orders, expectedStatuses(orders), ledger);
    expect(verdict).toMatchObject({ lost: 0, duplicated: 2 });
  });

  it('counts a cancelled order whose invoice was never voided, or a receipt for the wrong amount, as lost', () => {
    const late = byKind('cancel-late').businessKey;
    const auto = byKind('auto');
    const ledger = perfectLedger(orders).filter(
      (entry) => !(entry.orderId === late && entry.action === 'invoice.voided'),
    );
    const receipt = ledger.find((entry) => entry.orderId === auto.businessKey && entry.action === 'receipt.posted');
    receipt.details = { amount: auto.total - 1 };
    const verdict = verifyRun(orders, expectedStatuses(orders), ledger);
    expect(verdict.lost).toBe(2);
    expect(verdict.failures.flatMap((failure) => failure.problems)).toEqual(
      expect.arrayContaining([
        'invoice.voided ×0, expected ×1',
        `receipt of ${auto.total - 1}, expected ${auto.total}`,
      ]),
    );
  });
});

describe('scheduleDisruptions', () => {
  it('places every kill and restart inside the window, in order, once each', () => {
    const schedule = scheduleDisruptions(seededRandom(3), { windowMs: 100_000, workerKills: 5, serverRestarts: 1 });
    expect(schedule.filter((event) => event.kind === 'worker-kill')).toHaveLength(5);
    expect(schedule.filter((event) => event.kind === 'server-restart')).toHaveLength(1);
    const moments = schedule.map((event) => event.atMs);
    expect(moments).toEqual([...moments].sort((a, b) => a - b));
    expect(Math.min(...moments)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...moments)).toBeLessThanOrEqual(90_000);
  });
});
