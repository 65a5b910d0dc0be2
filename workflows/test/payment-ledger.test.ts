import { PaymentLedger } from '../src/order-to-cash/payment-ledger';

const at = '2025-01-01T00:00:00.000Z';

describe('payment ledger', () => {
  test('partial payments add up exactly in cents', () => {
    const ledger = new PaymentLedger(0.3, 'EUR');
    expect(ledger.receive({ amount: 0.1, currency: 'EUR', reference: 'a' }, at).accepted).toBe(true);
    expect(ledger.fullyPaid).toBe(false);
    expect(ledger.receive({ amount: 0.2, currency: 'EUR', reference: 'b' }, at).accepted).toBe(true);
    expect(ledger).toMatchObject({ paid: 0.3, outstanding: 0, fullyPaid: true });
  });

  test('a repeated reference is ignored', () => {
    const ledger = new PaymentLedger(100, 'EUR');
    ledger.receive({ amount: 40, currency: 'EUR', reference: 'TX-1' }, at);
    expect(ledger.receive({ amount: 40, currency: 'EUR', reference: 'TX-1' }, at)).toEqual({
      accepted: false,
      reason: 'duplicate-reference',
      detail: 'reference TX-1 already booked; ignored',
    });
    expect(ledger).toMatchObject({ paid: 40, outstanding: 60 });
    expect(ledger.payments).toHaveLength(1);
  });

  test('a payment in another currency is ignored, and its reference stays usable', () => {
    const ledger = new PaymentLedger(100, 'EUR');
    expect(ledger.receive({ amount: 100, currency: 'USD', reference: 'TX-9' }, at)).toMatchObject({
      accepted: false,
      reason: 'currency-mismatch',
    });
    expect(ledger.paid).toBe(0);
    expect(ledger.receive({ amount: 100, currency: 'EUR', reference: 'TX-9' }, at).accepted).toBe(true);
    expect(ledger.fullyPaid).toBe(true);
  });

  test('overpayment counts as paid and never makes the outstanding amount negative', () => {
    const ledger = new PaymentLedger(100, 'EUR');
    ledger.receive({ amount: 150, currency: 'EUR', reference: 'big' }, at);
    expect(ledger).toMatchObject({ paid: 150, outstanding: 0, fullyPaid: true });
  });
});
