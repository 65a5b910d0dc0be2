import { documentApprovalProcess, orderToCashProcess, supportTicketProcess } from '@ordo/workflows';
import type { ListedExecution } from '../src/temporal/visibility';
import { valuedInstancesQuery } from '../src/visibility-gauges/gauge-queries';
import { sumValues, unknownCurrency } from '../src/visibility-gauges/value-sums';
import { loadVisibilityGaugeSettings } from '../src/visibility-gauges/visibility-gauge-settings';

const definitions = [orderToCashProcess, documentApprovalProcess, supportTicketProcess];

function running(
  process: string,
  stage: string,
  amount: number,
  extra: Partial<ListedExecution> = {},
): ListedExecution {
  return {
    workflowId: `${process}:${stage}-${amount}`,
    runId: 'run',
    temporalStatus: 'RUNNING',
    startedAt: null,
    closedAt: null,
    process,
    stage,
    amount,
    currency: 'EUR',
    ...extra,
  };
}

/** The sums as `label=value,… → amount`, only those that are not 0. */
function nonZero(sums: Array<{ labels: Record<string, string>; amount: number }>): Record<string, number> {
  return Object.fromEntries(
    sums
      .filter((sum) => sum.amount !== 0)
      .map((sum) => [
        Object.entries(sum.labels)
          .map(([key, value]) => `${key}=${value}`)
          .join(','),
        sum.amount,
      ]),
  );
}

describe('valuedInstancesQuery', () => {
  it('lists running instances of the catalog processes that carry an amount', () => {
    expect(valuedInstancesQuery(definitions)).toBe(
      `ExecutionStatus = 'Running' AND OrdoProcess IN ('order-to-cash', 'document-approval', 'support-ticket') AND (OrdoCurrency IS NOT NULL OR OrdoAmount IS NOT NULL)`,
    );
  });
});

describe('sumValues', () => {
  it('sums amounts per process, stage and currency exactly, and what is outstanding per dunning stage', () => {
    const sums = sumValues(
      [
        running('order-to-cash', 'approval', 0.1),
        running('order-to-cash', 'approval', 0.2),
        running('order-to-cash', 'approval', 1_000, { currency: 'USD' }),
        running('order-to-cash', 'awaiting-payment', 500, { amountOutstanding: 200 }),
        running('order-to-cash', 'dunning', 300, { amountOutstanding: 300 }),
        running('order-to-cash', 'dunning', 700, { amountOutstanding: 650.55 }),
        running('order-to-cash', 'collections', 90, { amountOutstanding: 90 }),
        running('document-approval', 'approval', 12_000),
      ],
      definitions,
    );
    expect(nonZero(sums.valueInFlight)).toEqual({
      'process=order-to-cash,stage=approval,currency=EUR': 0.3,
      'process=order-to-cash,stage=approval,currency=USD': 1_000,
      'process=order-to-cash,stage=awaiting-payment,currency=EUR': 500,
      'process=order-to-cash,stage=dunning,currency=EUR': 1_000,
      'process=order-to-cash,stage=collections,currency=EUR': 90,
      'process=document-approval,stage=approval,currency=EUR': 12_000,
    });
    expect(nonZero(sums.receivables)).toEqual({
      'process=order-to-cash,currency=EUR,dunning_stage=not_due': 200,
      'process=order-to-cash,currency=EUR,dunning_stage=reminders': 950.55,
      'process=order-to-cash,currency=EUR,dunning_stage=collections': 90,
    });
  });

  it('gives every running stage a series in each currency seen, 0 when empty, and keeps it when the instances are gone', () => {
    const first = sumValues([running('order-to-cash', 'approval', 10, { currency: 'CHF' })], definitions);
    const stages = ['started', ...orderToCashProcess.stages!.filter((stage) => stage !== 'closed')];
    const chf = (sums: typeof first) => sums.valueInFlight.filter((sum) => sum.labels.currency === 'CHF');
    expect(
      chf(first)
        .map((sum) => sum.labels.stage)
        .sort(),
    ).toEqual([...stages].sort());
    expect(
      first.receivables.map((sum) => `${sum.labels.currency} ${sum.labels.dunning_stage} ${sum.amount}`).sort(),
    ).toEqual(['CHF collections 0', 'CHF not_due 0', 'CHF reminders 0']);

    const later = sumValues([], definitions, first.currencies);
    expect(chf(later)).toHaveLength(stages.length);
    expect(chf(later).every((sum) => sum.amount === 0)).toBe(true);
    // A process without open-invoice stages has no receivables series.
    const documents = sumValues([running('document-approval', 'approval', 5)], definitions);
    expect(documents.receivables).toEqual([]);
  });

  it('keeps labels bounded: other processes and non-running stages are left out, odd currencies are unknown', () => {
    const sums = sumValues(
      [
        running('procure-to-pay', 'approval', 1),
        running('order-to-cash', 'closed', 2),
        running('order-to-cash', 'no-such-stage', 3),
        running('order-to-cash', 'approval', 4, { currency: undefined }),
        running('order-to-cash', 'approval', 5, { currency: 'euro; drop table' }),
        running('order-to-cash', 'approval', 6, { amount: undefined }),
      ],
      definitions,
    );
    expect(nonZero(sums.valueInFlight)).toEqual({
      [`process=order-to-cash,stage=approval,currency=${unknownCurrency}`]: 9,
    });
    expect(new Set(sums.valueInFlight.map((sum) => sum.labels.process))).toEqual(new Set(['order-to-cash']));
    expect([...sums.currencies.keys()]).toEqual(['order-to-cash']);
  });
});

describe('loadVisibilityGaugeSettings', () => {
  it('reads at most 10000 instances per refresh by default, or what ORDO_VISIBILITY_GAUGE_MAX_SUMMED_INSTANCES says', () => {
    expect(loadVisibilityGaugeSettings({})).toEqual({ enabled: true, intervalMs: 15_000, maxSummedInstances: 10_000 });
    expect(
      loadVisibilityGaugeSettings({ ORDO_VISIBILITY_GAUGE_MAX_SUMMED_INSTANCES: ' 50000 ' }).maxSummedInstances,
    ).toBe(50_000);
  });

  it.each(['0', '2.5', 'many', '1000001'])(
    'refuses ORDO_VISIBILITY_GAUGE_MAX_SUMMED_INSTANCES=%s, naming the variable',
    (value) => {
      expect(() => loadVisibilityGaugeSettings({ ORDO_VISIBILITY_GAUGE_MAX_SUMMED_INSTANCES: value })).toThrow(
        /ORDO_VISIBILITY_GAUGE_MAX_SUMMED_INSTANCES/,
      );
    },
  );
});
