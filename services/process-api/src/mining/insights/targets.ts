import type { MiningCase } from '../store/mining-records';

export const insightTargets = ['slow', 'rejected', 'cancelled', 'sla-breach'] as const;
export type InsightTarget = (typeof insightTargets)[number];

/** Which cases a target compares, which of them are targets, and how that reads in plain words. */
export interface TargetSelection {
  definition: string;
  /** The cases compared: the targets and the rest. */
  population: MiningCase[];
  isTarget(record: MiningCase): boolean;
  /** "slow", "rejected"…: completes "orders of customer C-200 are 4.1× as likely to be …". */
  phrase: string;
}

function cycleSeconds(record: MiningCase, nowMs: number): number {
  return ((record.closedMs ?? nowMs) - record.startedMs) / 1000;
}

/** Linear interpolation between order statistics, as numpy's default percentile (and DuckDB's quantile_cont). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export interface TargetOptions {
  slaSeconds: number;
  /** Overrides the p90 of "slow" (seconds). */
  slowerThanSeconds?: number;
  nowMs: number;
}

/**
 * - slow: closed cases whose cycle time is above the p90 of the closed cases compared (or `slowerThan`, when given),
 *   capped by the SLA target: a case past its SLA is slow whatever the p90;
 * - rejected / cancelled: the process's own outcome, among closed cases;
 * - sla-breach: cycle time above the catalog SLA target; running cases count once they are already past it.
 */
export function selectTarget(
  target: InsightTarget,
  cases: readonly MiningCase[],
  options: TargetOptions,
): TargetSelection {
  const closed = cases.filter((record) => record.closedMs !== null);
  switch (target) {
    case 'slow': {
      const p90 = percentile(
        closed.map((record) => cycleSeconds(record, options.nowMs)).sort((x, y) => x - y),
        0.9,
      );
      const threshold = Math.min(options.slowerThanSeconds ?? p90, options.slaSeconds);
      const basis = options.slowerThanSeconds !== undefined ? 'the threshold asked for' : 'the p90 of closed cases';
      return {
        definition: `closed cases whose cycle time exceeds ${threshold.toFixed(1)} s (${basis}, at most the SLA target of ${options.slaSeconds} s)`,
        population: closed,
        isTarget: (record) => cycleSeconds(record, options.nowMs) > threshold,
        phrase: 'slow',
      };
    }
    case 'rejected':
    case 'cancelled': {
      const outcome = target.toUpperCase();
      return {
        definition: `closed cases whose outcome is ${outcome}`,
        population: closed,
        isTarget: (record) => record.outcome === outcome,
        phrase: target,
      };
    }
    case 'sla-breach': {
      const breached = (record: MiningCase) => cycleSeconds(record, options.nowMs) > options.slaSeconds;
      return {
        definition: `cases whose cycle time exceeds the SLA target of ${options.slaSeconds} s (closed, or running and already past it)`,
        population: cases.filter((record) => record.closedMs !== null || breached(record)),
        isTarget: breached,
        phrase: 'in breach of the SLA',
      };
    }
  }
}
