import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type { ActivityBottleneck, DirectlyFollowsGraph, TimeStats, VersionSummary } from './mining-analyses';
import type { CaseFilter, EventSelection, MiningCase, MiningEvent, RelatedObject, StoredRun } from './mining-records';
import type { MiningStore } from './mining-store';

type Row = Record<string, unknown>;
type Params = Record<string, DuckDBValue>;

// No primary keys: DuckDB checks them against rows deleted earlier in the same transaction, and a case is replaced
// by deleting and inserting its rows in one. The extractor is the only writer, so uniqueness is its invariant.
const schema = [
  `CREATE TABLE IF NOT EXISTS mining_cases (
     run_id VARCHAR NOT NULL, workflow_id VARCHAR NOT NULL, process VARCHAR NOT NULL, version VARCHAR NOT NULL,
     case_id VARCHAR NOT NULL, started_ms BIGINT NOT NULL, closed_ms BIGINT, history_length BIGINT NOT NULL,
     outcome VARCHAR, amount DOUBLE, amount_band VARCHAR, currency VARCHAR, customer VARCHAR, requested_by VARCHAR,
     rule_fired VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS mining_events (
     run_id VARCHAR NOT NULL, seq INTEGER NOT NULL, process VARCHAR NOT NULL, version VARCHAR NOT NULL,
     case_id VARCHAR NOT NULL, workflow_id VARCHAR NOT NULL, activity VARCHAR NOT NULL,
     activity_instance VARCHAR NOT NULL, kind VARCHAR NOT NULL, lifecycle VARCHAR NOT NULL, ts_ms BIGINT NOT NULL,
     resource VARCHAR NOT NULL, role VARCHAR, waiting_s DOUBLE, working_s DOUBLE, outcome VARCHAR, decision VARCHAR,
     objects VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS mining_state (name VARCHAR NOT NULL, value BIGINT NOT NULL)`,
  // Replacing a case deletes by run id: without these every replacement scans the whole log.
  `CREATE INDEX IF NOT EXISTS mining_events_run ON mining_events (run_id)`,
  `CREATE INDEX IF NOT EXISTS mining_cases_run ON mining_cases (run_id)`,
];

/** A value for the appender, typed as its column is (strings are VARCHAR). */
type Cell = string | null | { kind: 'bigint' | 'integer' | 'double'; value: number };
const bigint = (value: number): Cell => ({ kind: 'bigint', value });
const integer = (value: number): Cell => ({ kind: 'integer', value });
const double = (value: number): Cell => ({ kind: 'double', value });

function num(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : 0;
}

function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function str(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((item) => String(item)) : [];
}

/** The cases a filter selects, as a SQL condition on `mining_cases` (alias `c`) and its parameters. */
function caseCondition(filter: CaseFilter): { where: string; params: Params } {
  const conditions = ['c.process = $process'];
  const params: Params = { process: filter.process };
  if (filter.version !== undefined) {
    conditions.push('c.version = $version');
    params.version = filter.version;
  }
  if (filter.fromMs !== undefined) {
    conditions.push('c.started_ms >= $fromMs');
    params.fromMs = filter.fromMs;
  }
  if (filter.toMs !== undefined) {
    conditions.push('c.started_ms <= $toMs');
    params.toMs = filter.toMs;
  }
  return { where: conditions.join(' AND '), params };
}

/**
 * Complete events of the filtered cases, numbered per case in log order (time, then history order): the view PM4Py
 * takes of the exported log filtered to `lifecycle:transition = complete`.
 */
function completedEventsCte(where: string): string {
  return `completed AS (
    SELECT e.run_id, e.activity, e.ts_ms,
           row_number() OVER (PARTITION BY e.run_id ORDER BY e.ts_ms, e.seq) AS pos,
           count(*) OVER (PARTITION BY e.run_id) AS n
    FROM mining_events e JOIN mining_cases c ON c.run_id = e.run_id
    WHERE ${where} AND e.lifecycle = 'complete')`;
}

function timeStats(row: Row, prefix: string): TimeStats {
  return {
    p50: num(row[`${prefix}_p50`]),
    p95: num(row[`${prefix}_p95`]),
    mean: num(row[`${prefix}_mean`]),
    total: num(row[`${prefix}_total`]),
  };
}

/** The embedded analytical store: DuckDB on one file (or in memory). Every call runs in turn on one connection. */
export class DuckDbMiningStore implements MiningStore {
  /** Calls queue here: DuckDB transactions belong to a connection, and a connection runs one statement at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Opens (creating when absent) the store at `path`, a file path or `:memory:`. */
  static async open(path: string): Promise<DuckDbMiningStore> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    for (const statement of schema) await connection.run(statement);
    return new DuckDbMiningStore(instance, connection);
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async rows(sql: string, params?: Params): Promise<Row[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as Row[];
  }

  storedRuns(runIds: readonly string[]): Promise<Map<string, StoredRun>> {
    return this.serialized(async () => {
      const stored = new Map<string, StoredRun>();
      if (runIds.length === 0) return stored;
      const placeholders = runIds.map((_, index) => `$r${index}`).join(', ');
      const params = Object.fromEntries(runIds.map((runId, index) => [`r${index}`, runId]));
      const rows = await this.rows(
        `SELECT run_id, closed_ms IS NOT NULL AS closed, history_length FROM mining_cases WHERE run_id IN (${placeholders})`,
        params,
      );
      for (const row of rows) {
        const runId = str(row.run_id);
        stored.set(runId, { runId, closed: row.closed === true, historyLength: num(row.history_length) });
      }
      return stored;
    });
  }

  replaceCases(cases: ReadonlyArray<{ record: MiningCase; events: readonly MiningEvent[] }>): Promise<void> {
    return this.serialized(async () => {
      if (cases.length === 0) return;
      const runIds = cases.map(({ record }) => record.runId);
      const placeholders = runIds.map((_, index) => `$${index + 1}`).join(', ');
      await this.connection.run('BEGIN TRANSACTION');
      try {
        await this.connection.run(`DELETE FROM mining_events WHERE run_id IN (${placeholders})`, runIds);
        await this.connection.run(`DELETE FROM mining_cases WHERE run_id IN (${placeholders})`, runIds);
        await this.insertCases(cases.map(({ record }) => record));
        await this.insertEvents(cases.flatMap((entry) => entry.events));
        await this.connection.run('COMMIT');
      } catch (error) {
        await this.connection.run('ROLLBACK');
        throw error;
      }
    });
  }

  /**
   * Rows go in through DuckDB's appender, within the open transaction: a parameterised INSERT of thousands of values
   * spends its time parsing and binding, the appender writes column vectors directly.
   */
  private async append(table: string, rows: ReadonlyArray<readonly Cell[]>): Promise<void> {
    const appender = await this.connection.createAppender(table);
    try {
      for (const row of rows) {
        for (const cell of row) {
          if (cell === null) appender.appendNull();
          else if (typeof cell === 'string') appender.appendVarchar(cell);
          else if (cell.kind === 'bigint') appender.appendBigInt(BigInt(Math.round(cell.value)));
          else if (cell.kind === 'integer') appender.appendInteger(cell.value);
          else appender.appendDouble(cell.value);
        }
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  private insertCases(records: readonly MiningCase[]): Promise<void> {
    return this.append(
      'mining_cases',
      records.map((record) => [
        record.runId,
        record.workflowId,
        record.process,
        record.version,
        record.caseId,
        bigint(record.startedMs),
        record.closedMs === null ? null : bigint(record.closedMs),
        bigint(record.historyLength),
        record.outcome,
        record.amount === null ? null : double(record.amount),
        record.amountBand,
        record.currency,
        record.customer,
        record.requestedBy,
        record.ruleFired,
      ]),
    );
  }

  private insertEvents(events: readonly MiningEvent[]): Promise<void> {
    return this.append(
      'mining_events',
      events.map((event) => [
        event.runId,
        integer(event.sequence),
        event.process,
        event.version,
        event.caseId,
        event.workflowId,
        event.activity,
        event.activityInstance,
        event.kind,
        event.lifecycle,
        bigint(event.timestampMs),
        event.resource,
        event.role,
        event.waitingSeconds === null ? null : double(event.waitingSeconds),
        event.workingSeconds === null ? null : double(event.workingSeconds),
        event.outcome,
        event.decision,
        JSON.stringify(event.objects),
      ]),
    );
  }

  watermark(): Promise<number | null> {
    return this.serialized(async () => {
      const [row] = await this.rows(`SELECT value FROM mining_state WHERE name = 'close-watermark'`);
      return row ? num(row.value) : null;
    });
  }

  setWatermark(closeTimeMs: number): Promise<void> {
    return this.serialized(async () => {
      await this.connection.run('BEGIN TRANSACTION');
      try {
        await this.connection.run(`DELETE FROM mining_state WHERE name = 'close-watermark'`);
        await this.connection.run(`INSERT INTO mining_state VALUES ('close-watermark', $value)`, {
          value: closeTimeMs,
        });
        await this.connection.run('COMMIT');
      } catch (error) {
        await this.connection.run('ROLLBACK');
        throw error;
      }
    });
  }

  clear(): Promise<void> {
    return this.serialized(async () => {
      await this.connection.run('BEGIN TRANSACTION');
      for (const table of ['mining_events', 'mining_cases', 'mining_state'])
        await this.connection.run(`DELETE FROM ${table}`);
      await this.connection.run('COMMIT');
    });
  }

  cases(filter: CaseFilter): Promise<MiningCase[]> {
    return this.serialized(async () => {
      const { where, params } = caseCondition(filter);
      const rows = await this.rows(
        `SELECT * FROM mining_cases c WHERE ${where} ORDER BY c.started_ms, c.case_id`,
        params,
      );
      return rows.map((row) => ({
        process: str(row.process),
        version: str(row.version),
        caseId: str(row.case_id),
        workflowId: str(row.workflow_id),
        runId: str(row.run_id),
        startedMs: num(row.started_ms),
        closedMs: numOrNull(row.closed_ms),
        historyLength: num(row.history_length),
        outcome: strOrNull(row.outcome),
        amount: numOrNull(row.amount),
        amountBand: strOrNull(row.amount_band),
        currency: strOrNull(row.currency),
        customer: strOrNull(row.customer),
        requestedBy: strOrNull(row.requested_by),
        ruleFired: strOrNull(row.rule_fired),
      }));
    });
  }

  events(filter: CaseFilter, only: EventSelection = {}): Promise<MiningEvent[]> {
    return this.serialized(async () => {
      const { where: caseWhere, params } = caseCondition(filter);
      const conditions = [caseWhere];
      if (only.kind !== undefined) {
        conditions.push('e.kind = $kind');
        params.kind = only.kind;
      }
      if (only.lifecycle !== undefined) {
        conditions.push('e.lifecycle = $lifecycle');
        params.lifecycle = only.lifecycle;
      }
      const where = conditions.join(' AND ');
      const rows = await this.rows(
        `SELECT e.* FROM mining_events e JOIN mining_cases c ON c.run_id = e.run_id WHERE ${where}
         ORDER BY c.started_ms, c.case_id, e.seq`,
        params,
      );
      return rows.map((row) => ({
        process: str(row.process),
        version: str(row.version),
        caseId: str(row.case_id),
        workflowId: str(row.workflow_id),
        runId: str(row.run_id),
        sequence: num(row.seq),
        activity: str(row.activity),
        activityInstance: str(row.activity_instance),
        kind: str(row.kind) as MiningEvent['kind'],
        lifecycle: str(row.lifecycle) as MiningEvent['lifecycle'],
        timestampMs: num(row.ts_ms),
        resource: str(row.resource),
        role: strOrNull(row.role),
        waitingSeconds: numOrNull(row.waiting_s),
        workingSeconds: numOrNull(row.working_s),
        outcome: strOrNull(row.outcome),
        decision: strOrNull(row.decision),
        objects: JSON.parse(str(row.objects) || '[]') as RelatedObject[],
      }));
    });
  }

  directlyFollows(filter: CaseFilter): Promise<DirectlyFollowsGraph> {
    return this.serialized(async () => {
      const { where, params } = caseCondition(filter);
      // Numbered once, read by the five answers below (the connection runs one call at a time, so it is this call's).
      await this.connection.run(
        `CREATE OR REPLACE TEMP TABLE completed AS WITH ${completedEventsCte(where)} SELECT * FROM completed`,
        params,
      );
      const named = (sql: string) =>
        this.rows(sql).then((rows) => rows.map((row) => ({ name: str(row.name), count: num(row.count) })));
      const activities = await named(
        `SELECT activity AS name, count(*) AS count FROM completed GROUP BY activity ORDER BY count DESC, name`,
      );
      const startActivities = await named(
        `SELECT activity AS name, count(*) AS count FROM completed WHERE pos = 1
         GROUP BY activity ORDER BY count DESC, name`,
      );
      const endActivities = await named(
        `SELECT activity AS name, count(*) AS count FROM completed WHERE pos = n
         GROUP BY activity ORDER BY count DESC, name`,
      );
      // Edge durations as PM4Py's performance DFG takes them: complete(A) → complete(B), in seconds; the median and
      // the 95th percentile interpolate linearly, like numpy's.
      const edgeRows = await this.rows(
        `WITH pairs AS (
           SELECT a.activity AS source, b.activity AS target, (b.ts_ms - a.ts_ms) / 1000.0 AS seconds
           FROM completed a JOIN completed b ON b.run_id = a.run_id AND b.pos = a.pos + 1)
         SELECT source, target, count(*) AS count, avg(seconds) AS mean,
                quantile_cont(seconds, 0.5) AS median, quantile_cont(seconds, 0.95) AS p95
         FROM pairs GROUP BY source, target ORDER BY count DESC, source, target`,
      );
      const variantRows = await this.rows(
        `WITH traces AS (SELECT run_id, list(activity ORDER BY pos) AS trace FROM completed GROUP BY run_id)
         SELECT trace, count(*) AS count FROM traces GROUP BY trace ORDER BY count DESC, trace`,
      );
      await this.connection.run('DROP TABLE completed');
      return {
        activities,
        edges: edgeRows.map((row) => ({
          from: str(row.source),
          to: str(row.target),
          count: num(row.count),
          duration: { mean: num(row.mean), median: num(row.median), p95: num(row.p95) },
        })),
        startActivities,
        endActivities,
        variants: variantRows.map((row) => ({ activities: strings(row.trace), count: num(row.count) })),
      };
    });
  }

  bottlenecks(filter: CaseFilter): Promise<ActivityBottleneck[]> {
    return this.serialized(async () => {
      const { where, params } = caseCondition(filter);
      // A running case's cycle so far ends at its latest event: its steps count against the time it has taken.
      const rows = await this.rows(
        `WITH cycle AS (
           SELECT sum(coalesce(c.closed_ms, last.ts_ms, c.started_ms) - c.started_ms) / 1000.0 AS seconds
           FROM mining_cases c
           LEFT JOIN (SELECT run_id, max(ts_ms) AS ts_ms FROM mining_events GROUP BY run_id) last
             ON last.run_id = c.run_id
           WHERE ${where}),
         steps AS (
           SELECT e.activity, e.kind, CASE WHEN e.kind = 'task' THEN e.role END AS role,
                  coalesce(e.waiting_s, 0) AS waiting, coalesce(e.working_s, 0) AS working
           FROM mining_events e JOIN mining_cases c ON c.run_id = e.run_id
           WHERE ${where} AND e.lifecycle = 'complete')
         SELECT activity, kind, role, count(*) AS count,
                quantile_cont(waiting, 0.5) AS waiting_p50, quantile_cont(waiting, 0.95) AS waiting_p95,
                avg(waiting) AS waiting_mean, sum(waiting) AS waiting_total,
                quantile_cont(working, 0.5) AS working_p50, quantile_cont(working, 0.95) AS working_p95,
                avg(working) AS working_mean, sum(working) AS working_total,
                (sum(waiting) + sum(working)) / nullif((SELECT seconds FROM cycle), 0) AS share
         FROM steps GROUP BY activity, kind, role
         ORDER BY waiting_total DESC, working_total DESC, activity, role`,
        params,
      );
      return rows.map((row) => ({
        activity: str(row.activity),
        kind: str(row.kind),
        role: strOrNull(row.role),
        count: num(row.count),
        waiting: timeStats(row, 'waiting'),
        working: timeStats(row, 'working'),
        shareOfCycleTime: num(row.share),
      }));
    });
  }

  versions(filter: CaseFilter, slaTargetSeconds: number): Promise<VersionSummary[]> {
    return this.serialized(async () => {
      const { where, params } = caseCondition(filter);
      const summaries = await this.rows(
        `SELECT c.version, count(*) AS instances, count(c.closed_ms) AS closed,
                quantile_cont((c.closed_ms - c.started_ms) / 1000.0, 0.5) AS p50,
                quantile_cont((c.closed_ms - c.started_ms) / 1000.0, 0.95) AS p95,
                avg(CASE WHEN c.closed_ms IS NULL THEN NULL
                         WHEN (c.closed_ms - c.started_ms) / 1000.0 > $sla THEN 1.0 ELSE 0.0 END) AS breach_rate
         FROM mining_cases c WHERE ${where} GROUP BY c.version ORDER BY c.version`,
        { ...params, sla: slaTargetSeconds },
      );
      const outcomes = await this.rows(
        `SELECT c.version, coalesce(c.outcome, 'RUNNING') AS outcome, count(*) AS count
         FROM mining_cases c WHERE ${where} GROUP BY ALL ORDER BY outcome`,
        params,
      );
      const variants = await this.rows(
        `WITH ${completedEventsCte(where)},
         traces AS (SELECT run_id, list(activity ORDER BY pos) AS trace FROM completed GROUP BY run_id)
         SELECT c.version, t.trace, count(*) AS count
         FROM traces t JOIN mining_cases c ON c.run_id = t.run_id
         GROUP BY c.version, t.trace ORDER BY count DESC, t.trace`,
        params,
      );
      return summaries.map((row) => {
        const version = str(row.version);
        const closed = num(row.closed);
        return {
          version,
          instances: num(row.instances),
          closed,
          outcomes: Object.fromEntries(
            outcomes
              .filter((entry) => str(entry.version) === version)
              .map((entry) => [str(entry.outcome), num(entry.count)]),
          ),
          cycleTime: closed > 0 ? { p50: num(row.p50), p95: num(row.p95) } : null,
          slaBreachRate: closed > 0 ? num(row.breach_rate) : null,
          variants: variants
            .filter((entry) => str(entry.version) === version)
            .map((entry) => ({ activities: strings(entry.trace), count: num(entry.count) })),
        };
      });
    });
  }

  close(): Promise<void> {
    return this.serialized(async () => {
      this.connection.closeSync();
      this.instance.closeSync();
    });
  }
}
