import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Client } from '@temporalio/client';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import type { ApiConfig, InboxIndexSettings } from '../../config/api-config';
import { API_CONFIG } from '../../config/config.module';
import { type ListedExecution, listExecutionPage, visibilityMaxPageSize } from '../../temporal/visibility';
import { InboxIndex, type IndexedInstance } from './inbox-index';
import { inboxIndexMetricNames, type InboxIndexReadings, liveInboxIndexes } from './inbox-index-metrics';
import { changedSinceQuery, indexedInstanceOf, instancesWithOpenTasksQuery } from './inbox-index-queries';
import { UnreadInstanceReader } from './unread-instance-reader';

/** One page of a scan is an index lookup; far longer means visibility is in trouble, and the next poll tries again. */
const pageTimeoutMs = 30_000;
/** After failures in a row, polls back off up to this, so an unreachable Temporal is not hammered. */
const maxBackoffMs = 10_000;

/**
 * Keeps the InboxIndex in step with Temporal visibility, the system of record: a full scan of the instances with
 * open tasks at start (and every `resyncIntervalMs`, to repair anything a poll could have missed), then a poll every
 * `pollIntervalMs` for the instances whose open tasks changed, started or closed since the previous poll began
 * (minus `lookbackMs`). One loop, so a rebuild and a poll never interleave. Every replica runs its own from the
 * same visibility, so replicas agree within the poll bound.
 */
@Injectable()
export class InboxIndexSync implements OnApplicationBootstrap, BeforeApplicationShutdown, InboxIndexReadings {
  readonly index = new InboxIndex();
  private readonly logger = new Logger(InboxIndexSync.name);
  private readonly settings: InboxIndexSettings;
  private readonly unreadReader: UnreadInstanceReader;
  /** API-clock time at which the scan the index last applied began: it shows visibility as of then. */
  private coveredFrom?: number;
  private lastRebuildAt = 0;
  private readonly createdAt = Date.now();
  private markBuilt!: () => void;
  private readonly built = new Promise<void>((resolve) => (this.markBuilt = resolve));
  private loop?: Promise<void>;
  /** Aborts calls in flight at shutdown, before the Temporal connection closes under them. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly client: Client,
    @Inject(API_CONFIG) config: ApiConfig,
    @InjectMetric(inboxIndexMetricNames.failures) private readonly failures: Counter,
  ) {
    this.settings = config.inboxIndex;
    const queryTimeoutMs = config.queryTimeoutMs;
    this.unreadReader = new UnreadInstanceReader(client, this.index, (call) => this.withinLimits(queryTimeoutMs, call));
  }

  onApplicationBootstrap(): void {
    liveInboxIndexes.add(this);
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await this.unreadReader.settled();
    liveInboxIndexes.delete(this);
  }

  /** True once the index holds a full scan, waiting at most `timeoutMs` for it. */
  async isBuilt(timeoutMs: number): Promise<boolean> {
    if (this.coveredFrom !== undefined) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([this.built.then(() => true), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  stalenessSeconds(now: number): number {
    return (now - (this.coveredFrom ?? this.createdAt)) / 1000;
  }

  get openTasks(): number {
    return this.index.openTasks;
  }

  /** Until shutdown: one rebuild or poll, then a pause; after failures, a longer one. */
  private async run(): Promise<void> {
    let failuresInARow = 0;
    while (!this.stopping.signal.aborted) {
      const began = Date.now();
      try {
        if (this.coveredFrom === undefined || began - this.lastRebuildAt >= this.settings.resyncIntervalMs) {
          await this.rebuild(began);
        } else {
          await this.catchUp(began, this.coveredFrom - this.settings.lookbackMs);
        }
        this.unreadReader.readInBackground();
        if (failuresInARow > 0) this.logger.log(`inbox index in step with visibility again`);
        failuresInARow = 0;
      } catch (error) {
        if (this.stopping.signal.aborted) break;
        this.failures.inc();
        // The first of a streak says why; the rest only count, so an outage does not flood the log.
        if (failuresInARow === 0) this.logger.warn({ err: error }, 'inbox index not refreshed; trying again');
        failuresInARow += 1;
      }
      await this.pause(this.pauseAfter(failuresInARow));
    }
  }

  private pauseAfter(failuresInARow: number): number {
    const interval = this.settings.pollIntervalMs;
    if (failuresInARow === 0) return interval;
    return Math.max(interval, Math.min(interval * 2 ** Math.min(failuresInARow, 10), maxBackoffMs));
  }

  private async rebuild(began: number): Promise<void> {
    const instances: IndexedInstance[] = [];
    await this.scan(instancesWithOpenTasksQuery, (execution) => {
      const instance = indexedInstanceOf(execution);
      if (instance) instances.push(instance);
    });
    this.index.replaceAll(instances);
    this.lastRebuildAt = began;
    this.coveredFrom = began;
    this.markBuilt();
  }

  /**
   * Applies every instance that changed since `since`. Each row is the instance's whole current state, so
   * applying one twice (the lookback overlaps the previous poll) changes nothing.
   */
  private async catchUp(began: number, since: number): Promise<void> {
    await this.scan(changedSinceQuery(new Date(since)), (execution) => {
      const instance = indexedInstanceOf(execution);
      if (instance) this.index.put(instance);
      else this.index.remove(execution.workflowId, execution.runId);
    });
    this.coveredFrom = began;
  }

  private async scan(query: string, apply: (execution: ListedExecution) => void): Promise<void> {
    let cursor: Uint8Array | undefined;
    do {
      const page = await this.withinLimits(pageTimeoutMs, () =>
        listExecutionPage(this.client, query, visibilityMaxPageSize, cursor),
      );
      for (const execution of page.executions) apply(execution);
      cursor = page.nextPageToken;
    } while (cursor);
  }

  /**
   * Each call: given up after `timeoutMs` and aborted at shutdown. The call gets a signal of its own: the SDK adds
   * an abort listener to the signal of every call and never removes it, which on the long-lived shutdown signal
   * would pile up with every poll.
   */
  private async withinLimits<T>(timeoutMs: number, call: () => Promise<T>): Promise<T> {
    if (this.stopping.signal.aborted) throw new Error('inbox index stopped');
    const callScope = new AbortController();
    const abortCall = () => callScope.abort();
    this.stopping.signal.addEventListener('abort', abortCall, { once: true });
    try {
      return await this.client.withAbortSignal(callScope.signal, () =>
        this.client.withDeadline(Date.now() + timeoutMs, call),
      );
    } finally {
      this.stopping.signal.removeEventListener('abort', abortCall);
    }
  }

  private async pause(ms: number): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const signal = this.stopping.signal;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
