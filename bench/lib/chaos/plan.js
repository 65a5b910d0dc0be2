// The chaos run's orders: a fixed mix of kinds, each with the steps a person or a bank would take through the API
// and what must be true at the end (terminal status, effects in the external systems).
const { orderInput, orderTotal } = require('../orders');

/** Share of each kind in the mix; the remainder after rounding goes to `auto`. */
const mix = [
  ['manager', 0.15],
  ['cfo', 0.1],
  ['partial', 0.15],
  ['cancel-early', 0.15],
  ['cancel-late', 0.15],
];

const approverOf = { manager: 'dev-manager', cfo: 'dev-cfo' };

/** Cents-exact split of `total` into parts of the given weights. */
function split(total, weights) {
  const cents = Math.round(total * 100);
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((weight) => Math.floor((cents * weight) / sum));
  parts[parts.length - 1] += cents - parts.reduce((a, b) => a + b, 0);
  return parts.map((part) => part / 100);
}

function stepsFor(kind, businessKey, input) {
  const total = orderTotal(input);
  const payment = (amount, n) => ({
    type: 'pay',
    amount,
    currency: input.currency,
    reference: `PAY-${businessKey}-${n}`,
  });
  switch (kind) {
    case 'auto':
      return [{ type: 'await', stage: 'awaiting-payment' }, payment(total, 1)];
    case 'manager':
    case 'cfo':
      return [
        { type: 'await', taskRole: kind },
        { type: 'approve', token: approverOf[kind] },
        { type: 'await', stage: 'awaiting-payment' },
        payment(total, 1),
      ];
    case 'partial': {
      const [first, second, third] = split(total, [3, 3, 4]);
      // The first payment is announced twice (a bank resending it): the process must count it once.
      return [
        { type: 'await', stage: 'awaiting-payment' },
        payment(first, 1),
        payment(second, 2),
        payment(first, 1),
        payment(third, 3),
      ];
    }
    case 'cancel-early':
      return [
        { type: 'await', taskRole: 'manager' },
        { type: 'cancel', reason: 'customer withdrew the order before approval' },
      ];
    case 'cancel-late': {
      const [part] = split(total, [2, 3]);
      return [
        { type: 'await', stage: 'awaiting-payment' },
        payment(part, 1),
        { type: 'cancel', reason: 'goods refused after a part payment' },
      ];
    }
    default:
      throw new Error(`unknown chaos order kind ${kind}`);
  }
}

const inputKindOf = {
  auto: 'auto',
  manager: 'manager',
  cfo: 'cfo',
  partial: 'auto',
  'cancel-early': 'manager',
  'cancel-late': 'auto',
};

/**
 * Effects each order must leave in the sandbox's ledger, exactly: a completed order one reservation, shipment,
 * invoice and receipt and nothing undone; a cancelled one nothing standing (each effect undone once, each payment
 * refunded once).
 */
function expectedEffects(kind, steps) {
  const paymentsBooked = new Set(steps.filter((step) => step.type === 'pay').map((step) => step.reference)).size;
  const none = {
    'reservation.created': 0,
    'reservation.released': 0,
    'shipment.created': 0,
    'return.created': 0,
    'return.booked': 0,
    'invoice.created': 0,
    'invoice.voided': 0,
    'receipt.posted': 0,
    'refund.created': 0,
  };
  if (kind === 'cancel-early') return none;
  const forward = { ...none, 'reservation.created': 1, 'shipment.created': 1, 'invoice.created': 1 };
  if (kind === 'cancel-late')
    return {
      ...forward,
      'return.created': 1,
      'return.booked': 1,
      'invoice.voided': 1,
      'refund.created': paymentsBooked,
    };
  return { ...forward, 'receipt.posted': 1 };
}

/** `count` orders, kinds shuffled by `random`, keys unique to the run. */
function planOrders(count, random, runTag) {
  const kinds = [];
  for (const [kind, share] of mix) for (let i = 0; i < Math.round(count * share); i += 1) kinds.push(kind);
  while (kinds.length < count) kinds.push('auto');
  return random.shuffle(kinds.slice(0, count)).map((kind, index) => {
    const businessKey = `CH-${runTag}-${String(index).padStart(4, '0')}`;
    const input = orderInput(inputKindOf[kind]);
    const steps = stepsFor(kind, businessKey, input);
    return {
      businessKey,
      kind,
      input,
      total: orderTotal(input),
      steps,
      expectedStatus: kind.startsWith('cancel') ? 'CANCELLED' : 'COMPLETED',
      expectedEffects: expectedEffects(kind, steps),
    };
  });
}

/** Units of stock the plan reserves at most. */
function stockForPlan(orders) {
  const needed = {};
  for (const order of orders)
    for (const line of order.input.lines) needed[line.sku] = (needed[line.sku] ?? 0) + line.quantity;
  return needed;
}

module.exports = { planOrders, stockForPlan, expectedEffects, split };
