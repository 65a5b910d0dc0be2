import type { MiningCase, MiningEvent } from '../store/mining-records';
import { type AttributeValue, attributesOfCase } from './case-attributes';
import { fisherExactGreater } from './fisher-exact';
import { benjaminiHochberg } from './multiple-testing';
import type { TargetSelection } from './targets';
import type { Insight, RootCauses } from '@ordo/api-views';

export type { Insight, RootCauses };

/** Adjusted p-values below this are reported as significant (a false discovery rate of 5 %). */
export const significanceLevel = 0.05;

const attributeWords: Readonly<Record<string, string>> = {
  customer: 'customer',
  amountBand: 'amount band',
  currency: 'currency',
  requestedBy: 'requester',
  ruleFired: 'decision rule',
  taskRole: 'task and role',
  version: 'version',
};

function times(lift: number): string {
  return `${lift >= 10 ? lift.toFixed(0) : lift.toFixed(1)}×`;
}

function explain(noun: string, phrase: string, insight: Omit<Insight, 'explanation'>): string {
  const subject = `${noun}s of ${attributeWords[insight.attribute] ?? insight.attribute} ${insight.value}`;
  const counts = `${insight.targetCount} of ${insight.valueCount}`;
  const verdict = insight.significant
    ? `significant after correction (p = ${insight.adjustedPValue.toPrecision(2)})`
    : `not significant after correction (p = ${insight.adjustedPValue.toPrecision(2)})`;
  return `${subject} are ${times(insight.lift)} as likely as the average ${noun} to be ${phrase} (${counts}); ${verdict}`;
}

const key = ({ attribute, value }: AttributeValue) => `${attribute}\u0000${value}`;

/**
 * Which attribute values are over-represented among the target cases: per value the 2×2 table (value or not ×
 * target or not), Fisher's exact test (one-sided, greater), Benjamini–Hochberg over every value tested. Values that
 * every case or no case carries cannot explain anything and are not tested. Only over-represented values (lift > 1)
 * are answered, ranked by adjusted p-value, then lift, then name: the same log gives the same answer.
 */
export function rootCauses(
  selection: TargetSelection,
  eventsByRun: ReadonlyMap<string, readonly MiningEvent[]>,
  noun: string,
): RootCauses {
  const { population } = selection;
  const totalCount = population.length;
  const isTarget = new Map<MiningCase, boolean>(population.map((record) => [record, selection.isTarget(record)]));
  const targetCount = [...isTarget.values()].filter(Boolean).length;
  const counts = new Map<string, AttributeValue & { cases: number; targets: number }>();
  for (const record of population) {
    const seen = new Set<string>();
    for (const entry of attributesOfCase(record, eventsByRun.get(record.runId) ?? [])) {
      const id = key(entry);
      if (seen.has(id)) continue;
      seen.add(id);
      const count = counts.get(id) ?? { ...entry, cases: 0, targets: 0 };
      count.cases += 1;
      if (isTarget.get(record)) count.targets += 1;
      counts.set(id, count);
    }
  }
  const tested = [...counts.values()]
    .filter((count) => count.cases < totalCount)
    .sort((x, y) => x.attribute.localeCompare(y.attribute) || x.value.localeCompare(y.value));
  const pValues = tested.map((count) =>
    fisherExactGreater(
      count.targets,
      count.cases - count.targets,
      targetCount - count.targets,
      totalCount - count.cases - (targetCount - count.targets),
    ),
  );
  const adjusted = benjaminiHochberg(pValues);
  const overallRate = totalCount === 0 ? 0 : targetCount / totalCount;
  const insights = tested
    .map((count, index) => {
      const rate = count.targets / count.cases;
      const restTargets = targetCount - count.targets;
      const restRate = restTargets / (totalCount - count.cases);
      const finding = {
        attribute: count.attribute,
        value: count.value,
        targetCount: count.targets,
        valueCount: count.cases,
        support: count.targets / totalCount,
        lift: overallRate === 0 ? 0 : rate / overallRate,
        relativeRisk: restTargets === 0 ? null : rate / restRate,
        pValue: pValues[index]!,
        adjustedPValue: adjusted[index]!,
        significant: adjusted[index]! < significanceLevel,
      };
      return { ...finding, explanation: explain(noun, selection.phrase, finding) };
    })
    .filter((insight) => insight.lift > 1)
    .sort(
      (x, y) =>
        x.adjustedPValue - y.adjustedPValue ||
        y.lift - x.lift ||
        x.attribute.localeCompare(y.attribute) ||
        x.value.localeCompare(y.value),
    );
  return { targetCount, totalCount, tested: tested.length, insights };
}
