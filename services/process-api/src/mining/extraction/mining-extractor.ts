import type { MiningRunReport, MiningRunRequest, ProcessDefinition } from '@ordo/workflows';
import { searchAttributes } from '@ordo/workflows';
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { mapWithConcurrency } from '../../concurrency/map-with-concurrency';
import { literalList } from '../../temporal/visibility';
import type { MiningStore } from '../store/mining-store';
import { extractCase } from './business-events';
import { historyFactsOf } from './history-facts';

/**
 * Visibility is eventually consistent: an instance closed just before the last run may be listed only now, with a
 * close time below the watermark. Each run lists this far behind it; the store says which of those it already has.
 */
const visibilityLagMs = 5 * 60_000;
/** Histories fetched at once: enough to hide the round trips, few enough to leave the frontend to the processes. */
const fetchConcurrency = 4;
/** Instances handled per batch: the store is asked about them in one query, their histories fetched together. */
const batchSize = 50;

export interface ExtractorHooks {
  /** After each history fetched: where the activity would heartbeat (see docs/ARCHITECTURE.md §10). */
  onHistoryRead?(workflowId: string, closed: boolean): void;
}

interface Candidate {
  info: WorkflowExecutionInfo;
  definition: ProcessDefinition;
  closed: boolean;
}

class RunLimitReached extends Error {}

/**
 * Incremental extraction of the event log from Temporal (docs/ARCHITECTURE.md §10):
 * 1. closed instances listed by close time from the watermark (minus the visibility lag), oldest first; one the store
 *    holds as closed is skipped, so a closed history is read once; the watermark advances to the last close time up
 *    to which every instance is stored, so a crashed or limited run resumes where it stopped;
 * 2. running instances, each read again only when its history grew since the store's copy.
 * Every instance is written as a whole (its case and events replaced at once): a repeated run changes nothing.
 */
export class MiningExtractor {
  constructor(
    private readonly client: Client,
    private readonly store: MiningStore,
    private readonly catalog: ReadonlyMap<string, ProcessDefinition>,
  ) {}

  async run(request: MiningRunRequest = {}, hooks: ExtractorHooks = {}): Promise<MiningRunReport> {
    if (request.rebuild) await this.store.clear();
    const report: MiningRunReport = {
      historiesRead: 0,
      closedHistoriesRead: 0,
      closedSkipped: 0,
      runningUnchanged: 0,
      eventsWritten: 0,
      failures: 0,
      incomplete: false,
      watermark: null,
    };
    const budget = request.maxHistories ?? Number.POSITIVE_INFINITY;
    try {
      await this.extractClosed(report, budget, hooks);
      await this.extractRunning(report, budget, hooks);
    } catch (error) {
      if (!(error instanceof RunLimitReached)) throw error;
      report.incomplete = true;
    }
    const watermark = await this.store.watermark();
    report.watermark = watermark === null ? null : new Date(watermark).toISOString();
    return report;
  }

  private processCondition(): string {
    return `${searchAttributes.process.name} IN ${literalList([...this.catalog.keys()])}`;
  }

  private async list(query: string, closed: boolean): Promise<Candidate[]> {
    const candidates: Candidate[] = [];
    for await (const info of this.client.workflow.list({ query })) {
      const process = info.typedSearchAttributes.get(searchAttributes.process);
      const definition = process === undefined ? undefined : this.catalog.get(process);
      if (definition) candidates.push({ info, definition, closed });
    }
    return candidates;
  }

  private async extractClosed(report: MiningRunReport, budget: number, hooks: ExtractorHooks): Promise<void> {
    const watermark = await this.store.watermark();
    const since =
      watermark === null ? '' : ` AND CloseTime >= '${new Date(watermark - visibilityLagMs).toISOString()}'`;
    const candidates = (await this.list(`${this.processCondition()} AND ExecutionStatus != 'Running'${since}`, true))
      .filter((candidate) => candidate.info.closeTime !== undefined)
      .sort((a, b) => a.info.closeTime!.getTime() - b.info.closeTime!.getTime());
    // Advances only over a stored prefix: an instance that failed (or was not reached) keeps it behind itself.
    let advanceTo = watermark;
    let prefixIntact = true;
    try {
      for (let first = 0; first < candidates.length; first += batchSize) {
        const batch = candidates.slice(first, first + batchSize);
        const stored = await this.store.storedRuns(batch.map((candidate) => candidate.info.runId));
        const toRead = batch.filter((candidate) => !stored.get(candidate.info.runId)?.closed);
        report.closedSkipped += batch.length - toRead.length;
        const done = await this.extractAll(toRead, report, budget, hooks);
        for (const candidate of batch) {
          const closeMs = candidate.info.closeTime!.getTime();
          const ok = stored.get(candidate.info.runId)?.closed || done.has(candidate.info.runId);
          if (!ok) prefixIntact = false;
          if (prefixIntact) advanceTo = Math.max(advanceTo ?? closeMs, closeMs);
        }
        if (done.size < toRead.length && !prefixIntact && report.historiesRead >= budget) throw new RunLimitReached();
      }
    } finally {
      if (advanceTo !== null && advanceTo !== watermark) await this.store.setWatermark(advanceTo);
    }
  }

  private async extractRunning(report: MiningRunReport, budget: number, hooks: ExtractorHooks): Promise<void> {
    const candidates = await this.list(`${this.processCondition()} AND ExecutionStatus = 'Running'`, false);
    for (let first = 0; first < candidates.length; first += batchSize) {
      const batch = candidates.slice(first, first + batchSize);
      const stored = await this.store.storedRuns(batch.map((candidate) => candidate.info.runId));
      const toRead: Candidate[] = [];
      for (const candidate of batch) {
        const known = stored.get(candidate.info.runId);
        if (known && (await this.currentHistoryLength(candidate.info)) === known.historyLength)
          report.runningUnchanged += 1;
        else toRead.push(candidate);
      }
      const done = await this.extractAll(toRead, report, budget, hooks);
      if (done.size < toRead.length && report.historiesRead >= budget) throw new RunLimitReached();
    }
  }

  /** Visibility's history length is as of the instance's last visibility update; describe when it has none. */
  private async currentHistoryLength(info: WorkflowExecutionInfo): Promise<number> {
    if (info.historyLength > 0) return info.historyLength;
    return (await this.client.workflow.getHandle(info.workflowId, info.runId).describe()).historyLength;
  }

  /** Reads, turns into events and stores each candidate within the run's budget; the run ids stored. */
  private async extractAll(
    candidates: readonly Candidate[],
    report: MiningRunReport,
    budget: number,
    hooks: ExtractorHooks,
  ): Promise<Set<string>> {
    const allowed = candidates.slice(0, Math.max(0, Math.min(candidates.length, budget - report.historiesRead)));
    report.historiesRead += allowed.length;
    report.closedHistoriesRead += allowed.filter((candidate) => candidate.closed).length;
    const extracted = await mapWithConcurrency(allowed, fetchConcurrency, async (candidate) => {
      const { workflowId, runId } = candidate.info;
      try {
        const history = await this.client.workflow.getHandle(workflowId, runId).fetchHistory();
        hooks.onHistoryRead?.(workflowId, candidate.closed);
        const facts = await historyFactsOf(history, this.client.options.loadedDataConverter);
        const version = candidate.info.typedSearchAttributes.get(searchAttributes.processVersion);
        return extractCase(facts, candidate.definition, { workflowId, runId, ...(version ? { version } : {}) });
      } catch {
        // An unreadable history (gone with retention, a key no longer in the ring) is counted and tried next run.
        report.failures += 1;
        return undefined;
      }
    });
    const read = extracted.filter((entry) => entry !== undefined);
    await this.store.replaceCases(read);
    report.eventsWritten += read.reduce((sum, entry) => sum + entry.events.length, 0);
    return new Set(read.map((entry) => entry.record.runId));
  }
}
