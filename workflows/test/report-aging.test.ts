import { ageReceivables, agingBucketOf, daysPastDue } from '../src/reports/aging';
import { reportSummary } from '../src/reports/summary';

const asOf = '2030-06-30T06:00:00.000Z';
const due = (daysAgo: number, hours = 0) =>
  new Date(Date.parse(asOf) - daysAgo * 86_400_000 - hours * 3_600_000).toISOString();

describe('receivables aging', () => {
  it('counts whole days past due; not yet due is 0', () => {
    expect(daysPastDue(due(-3), asOf)).toBe(0);
    expect(daysPastDue(due(0), asOf)).toBe(0);
    expect(daysPastDue(due(0, 23), asOf)).toBe(0);
    expect(daysPastDue(due(1), asOf)).toBe(1);
    expect(daysPastDue(due(30, 23), asOf)).toBe(30);
  });

  it.each([
    [0, '0-30'],
    [30, '0-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '90+'],
    [1000, '90+'],
  ])('puts %i days past due in %s', (days, bucket) => {
    expect(agingBucketOf(days)).toBe(bucket);
  });

  it('sums per customer and currency in hundredths, never adding currencies, and skips what is paid', () => {
    const invoice = (customerId: string, amountOutstanding: number, daysAgo: number, currency = 'EUR') => ({
      businessKey: `${customerId}-${daysAgo}`,
      customerId,
      currency,
      amountOutstanding,
      dueDate: due(daysAgo),
    });
    const figures = ageReceivables(
      [
        invoice('C-2', 0.1, 10),
        invoice('C-2', 0.2, 20),
        invoice('C-1', 5, 95, 'USD'),
        invoice('C-1', 7, 45),
        invoice('C-3', 0, 45),
      ],
      asOf,
      ['order-to-cash:B', 'order-to-cash:A'],
    );

    expect(figures.rows.map((row) => [row.customerId, row.currency, row.total, row.invoices])).toEqual([
      ['C-1', 'EUR', 7, 1],
      ['C-1', 'USD', 5, 1],
      ['C-2', 'EUR', 0.3, 2],
    ]);
    expect(figures.totals).toEqual([
      { currency: 'EUR', buckets: { '0-30': 0.3, '31-60': 7, '61-90': 0, '90+': 0 }, total: 7.3, invoices: 3 },
      { currency: 'USD', buckets: { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 5 }, total: 5, invoices: 1 },
    ]);
    expect(figures.unreadable).toEqual(['order-to-cash:A', 'order-to-cash:B']);
    expect(reportSummary({ report: 'ar-aging', figures })).toBe(
      'EUR 7.30 open in 3 invoice(s); USD 5.00 open in 1 invoice(s)',
    );
  });
});
