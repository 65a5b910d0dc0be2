/** The answers of `/v1/mining/{process}/…`, computed by the store (in SQL where it has SQL). Durations in seconds. */

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
