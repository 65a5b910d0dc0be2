import type { ProcessDefinition } from '@ordo/workflows';
import type { ListedExecution } from '../temporal/visibility';
import { openInvoiceStages, runningStages } from './gauge-queries';

/** The `currency` of an amount whose instance names no ISO 4217 code (started before OrdoCurrency existed). */
export const unknownCurrency = 'unknown';

const isoCurrency = /^[A-Z]{3}$/;

export type ValueInFlightLabels = { process: string; stage: string; currency: string };
export type ReceivableLabels = { process: string; currency: string; dunning_stage: string };

export interface Sum<Labels> {
  labels: Labels;
  /** In units of the currency (euros, not cents). */
  amount: number;
}

export interface ValueSums {
  valueInFlight: Array<Sum<ValueInFlightLabels>>;
  receivables: Array<Sum<ReceivableLabels>>;
  /** The currencies each process has shown so far, these sums' included: the next sums keep their series. */
  currencies: Map<string, Set<string>>;
}

/** Sums in hundredths, so that adding many amounts of two decimals stays exact. */
export class CentSums<Labels extends Record<string, string>> {
  private readonly sums = new Map<string, Sum<Labels> & { cents: number }>();

  add(labels: Labels, amount: number): void {
    const key = JSON.stringify(labels);
    const sum = this.sums.get(key) ?? { labels, amount: 0, cents: 0 };
    sum.cents += Math.round(amount * 100);
    this.sums.set(key, sum);
  }

  results(): Array<Sum<Labels>> {
    return [...this.sums.values()].map(({ labels, cents }) => ({ labels, amount: cents / 100 }));
  }
}

/**
 * The value gauges' sums over running instances: their amounts per process, stage and currency, and what is
 * still to be collected on open invoices per process, currency and dunning stage. Every running stage of a
 * process has a sum, 0 when empty, in each currency the process has shown so far (`currenciesSeen` and these
 * instances), so a line drops to 0 rather than vanish. Instances of other processes or in a stage the catalog
 * does not list (such as `closed`, held only until the workflow returns) are left out, keeping labels bounded.
 */
export function sumValues(
  executions: readonly ListedExecution[],
  definitions: readonly ProcessDefinition[],
  currenciesSeen: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): ValueSums {
  const stagesOf = new Map(definitions.map((definition) => [definition.name, runningStages(definition)]));
  const currencies = new Map([...currenciesSeen].map(([process, seen]) => [process, new Set(seen)]));
  const valueInFlight = new CentSums<ValueInFlightLabels>();
  const receivables = new CentSums<ReceivableLabels>();

  for (const { process, stage, currency: recorded, amount, amountOutstanding } of executions) {
    if (process === undefined || stage === undefined || amount === undefined) continue;
    if (!stagesOf.get(process)?.includes(stage)) continue;
    const currency = recorded !== undefined && isoCurrency.test(recorded) ? recorded : unknownCurrency;
    currencies.set(process, (currencies.get(process) ?? new Set()).add(currency));
    valueInFlight.add({ process, stage, currency }, amount);
    const dunningStage = openInvoiceStages[stage];
    if (dunningStage && amountOutstanding !== undefined)
      receivables.add({ process, currency, dunning_stage: dunningStage }, amountOutstanding);
  }

  for (const [process, processCurrencies] of currencies) {
    const stages = stagesOf.get(process) ?? [];
    for (const currency of processCurrencies) {
      for (const stage of stages) {
        valueInFlight.add({ process, stage, currency }, 0);
        const dunningStage = openInvoiceStages[stage];
        if (dunningStage) receivables.add({ process, currency, dunning_stage: dunningStage }, 0);
      }
    }
  }
  return { valueInFlight: valueInFlight.results(), receivables: receivables.results(), currencies };
}
