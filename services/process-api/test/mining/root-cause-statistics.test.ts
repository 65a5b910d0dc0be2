/**
 * Fisher's exact test (one-sided, greater) and Benjamini–Hochberg against reference values computed with
 * scipy 1.17.1 `fisher_exact([[a, b], [c, d]], alternative='greater')` and statsmodels 0.15.0
 * `multipletests(p, method='fdr_bh')`; the lady tasting tea (3 of 4 cups right) is Fisher's own: p = 17/70.
 */
import { fisherExactGreater } from '../../src/mining/insights/fisher-exact';
import { benjaminiHochberg } from '../../src/mining/insights/multiple-testing';
import { rootCauses } from '../../src/mining/insights/root-causes';
import { percentile, selectTarget } from '../../src/mining/insights/targets';
import type { MiningCase } from '../../src/mining/store/mining-records';

describe("Fisher's exact test, one-sided (greater)", () => {
  it.each([
    [[5, 0, 0, 7], 0.0012626262626262627],
    [[3, 1, 1, 3], 0.24285714285714283],
    [[8, 2, 1, 5], 0.024475524475524483],
    [[1, 9, 11, 3], 0.9999663480953022],
    [[0, 5, 5, 0], 1],
    [[38, 14, 40, 300], 8.464682348283932e-20],
    [[12, 5, 7, 30], 0.0003786927330005923],
    [[0, 0, 3, 4], 1],
  ])('%j → scipy’s %d', (cells, expected) => {
    const [a, b, c, d] = cells as [number, number, number, number];
    const p = fisherExactGreater(a, b, c, d);
    expect(Math.abs(p - expected)).toBeLessThanOrEqual(expected * 1e-9 + 1e-15);
  });

  it('the lady tasting tea: 3 of 4 right is p = 17/70', () => {
    expect(fisherExactGreater(3, 1, 1, 3)).toBeCloseTo(17 / 70, 12);
  });

  it('refuses what is not a count', () => {
    expect(() => fisherExactGreater(1.5, 0, 0, 1)).toThrow(RangeError);
    expect(() => fisherExactGreater(-1, 0, 0, 1)).toThrow(RangeError);
  });
});

describe('Benjamini–Hochberg', () => {
  it('equals statsmodels fdr_bh, in the order given', () => {
    const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5, 0.2]);
    [0.03, 0.06, 0.06, 0.03, 0.5, 0.24].forEach((expected, index) => expect(adjusted[index]).toBeCloseTo(expected, 12));
  });

  it('never exceeds 1 and keeps an empty family empty', () => {
    expect(benjaminiHochberg([0.9, 0.95, 1])).toEqual([1, 1, 1]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});

describe('root causes of a log', () => {
  const base: Omit<MiningCase, 'caseId' | 'runId' | 'customer' | 'closedMs'> = {
    process: 'order-to-cash',
    version: '1.0.0',
    workflowId: 'w',
    startedMs: 0,
    historyLength: 10,
    outcome: 'COMPLETED',
    amount: 800,
    amountBand: '<1k',
    currency: 'EUR',
    requestedBy: 'clerk',
    ruleFired: 'order-approval:default',
  };
  const cases: MiningCase[] = [
    ...Array.from({ length: 5 }, (_, index) => ({
      ...base,
      caseId: `S-${index}`,
      runId: `s-${index}`,
      customer: 'C-500',
      closedMs: 100_000,
    })),
    ...Array.from({ length: 7 }, (_, index) => ({
      ...base,
      caseId: `F-${index}`,
      runId: `f-${index}`,
      customer: 'C-100',
      closedMs: 10_000,
    })),
  ];

  it('finds the slow customer, with its 2×2 counts, lift and corrected p-value, explained in words', () => {
    const selection = selectTarget('slow', cases, { slaSeconds: 1e9, slowerThanSeconds: 50, nowMs: 0 });
    const answer = rootCauses(selection, new Map(), 'order');
    expect(answer).toMatchObject({ targetCount: 5, totalCount: 12, tested: 2 });
    expect(answer.insights).toHaveLength(1);
    const [insight] = answer.insights;
    expect(insight).toMatchObject({ attribute: 'customer', value: 'C-500', targetCount: 5, valueCount: 5 });
    expect(insight!.lift).toBeCloseTo(12 / 5, 12);
    expect(insight!.support).toBeCloseTo(5 / 12, 12);
    // 1 / C(12, 5); two values tested, so BH doubles the smallest p.
    expect(insight!.pValue).toBeCloseTo(1 / 792, 12);
    expect(insight!.adjustedPValue).toBeCloseTo(2 / 792, 12);
    expect(insight!.significant).toBe(true);
    expect(insight!.explanation).toBe(
      'orders of customer C-500 are 2.4× as likely as the average order to be slow (5 of 5); significant after correction (p = 0.0025)',
    );
  });

  it('slow by default is above the p90 of closed cases (numpy’s linear interpolation)', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    const selection = selectTarget('slow', cases, { slaSeconds: 1e9, nowMs: 0 });
    expect(cases.filter((record) => selection.isTarget(record))).toHaveLength(0);
    const sla = selectTarget('slow', cases, { slaSeconds: 20, nowMs: 0 });
    expect(cases.filter((record) => sla.isTarget(record))).toHaveLength(5);
  });
});
