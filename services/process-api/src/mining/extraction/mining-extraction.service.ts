import { Injectable } from '@nestjs/common';
import type { MiningRunReport, MiningRunRequest, ProcessDefinition } from '@ordo/workflows';
import { Client } from '@temporalio/client';
import { ProcessCatalogService } from '../../catalog/process-catalog.service';
import { MiningStoreProvider } from '../store/mining-store.provider';
import { MiningExtractionMetrics } from './mining-extraction-metrics';
import { type ExtractorHooks, MiningExtractor } from './mining-extractor';

/** Runs the extractor on the configured store; one run at a time, a second caller waits for the first. */
@Injectable()
export class MiningExtractionService {
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: Client,
    private readonly stores: MiningStoreProvider,
    private readonly catalog: ProcessCatalogService,
    private readonly metrics: MiningExtractionMetrics,
  ) {}

  /** The catalog's processes: every instance of these is extracted. */
  private processes(): ReadonlyMap<string, ProcessDefinition> {
    return new Map(this.catalog.definitions().map((definition) => [definition.name, definition]));
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
    const began = performance.now();
    const seconds = () => (performance.now() - began) / 1000;
    try {
      const extractor = new MiningExtractor(this.client, await this.stores.store(), this.processes());
      const report = await extractor.run(request, hooks);
      this.metrics.completed(report, seconds());
      return report;
    } catch (error) {
      this.metrics.failed(seconds());
      throw error;
    }
  }
}
