import { Injectable } from '@nestjs/common';
import type { MiningRunReport, MiningRunRequest, ProcessDefinition } from '@ordo/workflows';
import { Client } from '@temporalio/client';
import { ProcessCatalogService } from '../../catalog/process-catalog.service';
import { MiningStoreProvider } from '../store/mining-store.provider';
import { type ExtractorHooks, MiningExtractor } from './mining-extractor';

/** Totals over the runs of this API process (not yet exported on `/metrics`). */
export interface ExtractionTotals {
  runs: number;
  historiesRead: number;
  closedHistoriesRead: number;
}

/** Runs the extractor on the configured store; one run at a time, a second caller waits for the first. */
@Injectable()
export class MiningExtractionService {
  private running: Promise<unknown> = Promise.resolve();
  readonly totals: ExtractionTotals = { runs: 0, historiesRead: 0, closedHistoriesRead: 0 };

  constructor(
    private readonly client: Client,
    private readonly stores: MiningStoreProvider,
    private readonly catalog: ProcessCatalogService,
  ) {}

  /** The catalog's processes: every instance of these is extracted. */
  private processes(): ReadonlyMap<string, ProcessDefinition> {
    return new Map(this.catalog.names().map((name) => [name, this.catalog.get(name)]));
  }

  run(request: MiningRunRequest = {}, hooks: ExtractorHooks = {}): Promise<MiningRunReport> {
    const next = this.running.then(
      () => this.runNow(request, hooks),
      () => this.runNow(request, hooks),
    );
    this.running = next.catch(() => undefined);
    return next;
  }

  private async runNow(request: MiningRunRequest, hooks: ExtractorHooks): Promise<MiningRunReport> {
    const extractor = new MiningExtractor(this.client, await this.stores.store(), this.processes());
    const report = await extractor.run(request, hooks);
    this.totals.runs += 1;
    this.totals.historiesRead += report.historiesRead;
    this.totals.closedHistoriesRead += report.closedHistoriesRead;
    return report;
  }
}
