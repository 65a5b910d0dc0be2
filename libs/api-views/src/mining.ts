// The answers of `/v1/mining/{process}/…` (process intelligence): the store and the analyses compute them, the
// Console draws them. Durations in seconds, timestamps ISO 8601 with offset.
import type { ConformanceRule } from '@ordo/workflows';

export interface DurationStats {
  mean: number;
  median: number;
  p95: number;
}

export interface NamedCount {
  name: string;
  count: number;
}

/** PM4Py's `discover_dfg` + `discover_performance_dfg` on the log filtered to complete events. */
export interface DirectlyFollowsGraph {
  activities: NamedCount[];
  edges: Array<{ from: string; to: string; count: number; duration: DurationStats }>;
  startActivities: NamedCount[];
  endActivities: NamedCount[];
  variants: Array<{ activities: string[]; count: number }>;
}

export interface TimeStats {
  p50: number;
  p95: number;
  mean: number;
  total: number;
}

export interface ActivityBottleneck {
  activity: string;
  kind: string;
  /** The role people acted in (human tasks, one row per role), else null. */
  role: string | null;
  count: number;
  waiting: TimeStats;
  working: TimeStats;
  /** (waiting + working) of this activity over the summed cycle time of the cases covered. */
  shareOfCycleTime: number;
}

export interface VersionSummary {
  version: string;
  instances: number;
  closed: number;
  /** Instances per outcome (`RUNNING` for those still open). */
  outcomes: Record<string, number>;
  /** Of closed instances. */
  cycleTime: { p50: number; p95: number } | null;
  /** Share of closed instances whose cycle time exceeded the process's SLA target. */
  slaBreachRate: number | null;
  variants: Array<{ activities: string[]; count: number }>;
}

export interface Violation {
  caseId: string;
  /** What happened, in words: "create-shipment completed before any approval". */
  what: string;
  /** When: the event that broke the rule, else the case's end or start. */
  at: string;
}

export interface CheckResult {
  /** Cases the check applies to (the model: closed cases; a rule: those its condition selects). */
  applicable: number;
  fitting: number;
  /** fitting / applicable, 1 when nothing applies. */
  share: number;
  violations: Violation[];
}

export interface ConformanceReport {
  model: CheckResult;
  rules: Array<{ id: string; description: string; kind: ConformanceRule['kind'] } & CheckResult>;
}

export interface Insight {
  attribute: string;
  value: string;
  /** Target cases with the value. */
  targetCount: number;
  /** Cases compared with the value. */
  valueCount: number;
  /** targetCount / all cases compared: how much of the log the finding covers. */
  support: number;
  /** P(target | value) / P(target): how many times as likely as the average case. */
  lift: number;
  /** P(target | value) / P(target | not value); null when no case without the value is a target. */
  relativeRisk: number | null;
  /** Fisher's exact test, one-sided (greater). */
  pValue: number;
  /** Benjamini–Hochberg over every attribute value tested. */
  adjustedPValue: number;
  significant: boolean;
  explanation: string;
}

export interface RootCauses {
  targetCount: number;
  totalCount: number;
  /** Attribute values tested (the size of the family the correction covers). */
  tested: number;
  insights: Insight[];
}

/** `GET …/insights`: what the target means for this process, then the root causes. */
export type InsightsAnswer = { process: string; target: string; definition: string } & RootCauses;

export interface WhatIfAnswer {
  table: { name: string; version: string };
  evaluated: number;
  /** Cases of the window without a recorded decision of the table (they never reached the routing). */
  skipped: number;
  changed: number;
  routes: Array<{ route: string; before: number; after: number }>;
  workload: Array<{
    role: string;
    tasksBefore: number;
    tasksAfter: number;
    hoursBefore: number;
    hoursAfter: number;
    /** Mean working time of the role's tasks in the log (first action → completion), the measure of hours. */
    hoursPerTask: number;
    /** Tasks of the role the mean is measured on; 0 when the role has none and the task type's mean is used. */
    measuredTasks: number;
  }>;
  changedInstances: Array<{ businessKey: string; before: string; after: string }>;
}

/** `POST …/what-if`. */
export type WhatIfResponse = { process: string } & WhatIfAnswer;
