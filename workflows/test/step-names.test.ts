import { normalizeStepName } from '../src/lib/metrics';

describe('normalizeStepName (the bounded `step` label)', () => {
  test.each([
    ['reserve-stock', 'reserve-stock'],
    ['reserve-stock-2', 'reserve-stock'],
    ['restock-wait-3', 'restock-wait'],
    ['dunning-reminder-3', 'dunning-reminder'],
    ['approval-1', 'approval'],
    ['approval-1-reminder-2', 'approval-reminder'],
    ['approval-1-escalation-1-mail', 'approval-escalation-mail'],
    ['collections-12-overdue-mail', 'collections-overdue-mail'],
  ])('%s → %s', (name, label) => {
    expect(normalizeStepName(name)).toBe(label);
  });

  test('keyed families lose their key, whatever it looks like', () => {
    const families = ['payment', 'refund'];
    expect(normalizeStepName('refund-EARLY%2F1', families)).toBe('refund');
    expect(normalizeStepName('payment-PAY-2024-0001', families)).toBe('payment');
    expect(normalizeStepName('post-receipt', families)).toBe('post-receipt');
    // Without the family declared, the reference would leak into the label.
    expect(normalizeStepName('payment-PAY-2024-0001')).toBe('payment-PAY');
  });
});
