import type { ActivityBottleneck, DirectlyFollowsGraph, VersionSummary } from './mining-analyses';
import type { CaseFilter, EventSelection, MiningCase, MiningEvent, StoredRun } from './mining-records';

/** Nest injection token of the configured {@link MiningStore}. */
export const MINING_STORE = Symbol('MiningStore');

/**
 * The analytical store of process intelligence. Temporal stays the system of record: everything here can be rebuilt
 * from histories. The embedded implementation is DuckDB on one file (one writer: the API replica running the
 * extractor); a server store (PostgreSQL, ClickHouse) implements the same interface for several replicas, chosen by
 * configuration (docs/ARCHITECTURE.md §10).
 */
export interface MiningStore {
  /** What the store holds of these runs (absent: never extracted). */
  storedRuns(runIds: readonly string[]): Promise<Map<string, StoredRun>>;
  /**
   * Replaces cases and all their events in one transaction: a crash leaves them as before or as after, never half.
   * One call per batch of instances, since a transaction per instance costs more than its rows.
   */
  replaceCases(cases: ReadonlyArray<{ record: MiningCase; events: readonly MiningEvent[] }>): Promise<void>;
  /** The close time (epoch ms) up to which every closed instance has been extracted. */
  watermark(): Promise<number | null>;
  setWatermark(closeTimeMs: number): Promise<void>;
  /** Empties cases, events and the watermark (before a rebuild). */
  clear(): Promise<void>;

  cases(filter: CaseFilter): Promise<MiningCase[]>;
  /** Events of the filtered cases (all, or those `only` selects), by case then sequence. */
  events(filter: CaseFilter, only?: EventSelection): Promise<MiningEvent[]>;
  directlyFollows(filter: CaseFilter): Promise<DirectlyFollowsGraph>;
  bottlenecks(filter: CaseFilter): Promise<ActivityBottleneck[]>;
  versions(filter: CaseFilter, slaTargetSeconds: number): Promise<VersionSummary[]>;

  close(): Promise<void>;
}
