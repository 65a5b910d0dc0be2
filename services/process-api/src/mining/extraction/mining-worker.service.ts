import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { dataConverterFor, requireKeyRing } from '@ordo/codec';
import { type MiningActivities, miningTaskQueue } from '@ordo/workflows';
import { Context } from '@temporalio/activity';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { ApiConfig } from '../../config/api-config';
import { API_CONFIG } from '../../config/config.module';
import type { MiningSettings } from '../mining-settings';
import { MINING_SETTINGS } from '../mining.tokens';
import { ensureMiningSchedule } from './mining-schedule';
import { MiningExtractionService } from './mining-extraction.service';

/** Between attempts to reach Temporal when it is not up yet (the API starts before it, like its lazy client). */
const retryDelayMs = 5_000;

/**
 * The activity-only worker on `ordo-mining`, inside the API because the API owns the store (DuckDB has one writer
 * per file), and the extraction Schedule. Started in the background: the API serves while Temporal is unreachable,
 * and the worker starts once it is. Off where `ORDO_MINING_EXTRACTOR=off` (replicas that only read the store).
 */
@Injectable()
export class MiningWorkerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MiningWorkerService.name);
  private worker?: Worker;
  private workerRun?: Promise<void>;
  private connection?: NativeConnection;
  private stopped = false;
  private retry?: NodeJS.Timeout;
  private starting?: Promise<void>;

  constructor(
    @Inject(MINING_SETTINGS) private readonly settings: MiningSettings,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly client: Client,
    private readonly extraction: MiningExtractionService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.extractor) this.starting = this.start();
  }

  private async start(): Promise<void> {
    try {
      this.connection = await NativeConnection.connect({ address: this.config.temporal.address });
      if (this.stopped) return;
      const activities: MiningActivities = {
        // A heartbeat per history read: a run whose API died is retried after the heartbeat timeout, not after the
        // whole start-to-close timeout, and resumes from the store's watermark.
        extractProcessEvents: (request) =>
          this.extraction.run(request, { onHistoryRead: () => Context.current().heartbeat() }),
      };
      this.worker = await Worker.create({
        connection: this.connection,
        namespace: this.config.temporal.namespace,
        taskQueue: miningTaskQueue,
        activities,
        // The codec of every other client and worker: the run's request and report are payloads like any other.
        dataConverter: dataConverterFor(requireKeyRing(this.config.codec.keyRing)),
        // One run at a time per replica: the store has one writer and the Schedule skips overlapping runs anyway.
        maxConcurrentActivityTaskExecutions: 1,
      });
      if (this.stopped) return;
      this.workerRun = this.worker.run().catch((error: unknown) => {
        this.logger.error(`mining worker stopped: ${String(error)}`);
      });
      await ensureMiningSchedule(this.client, this.settings.intervalSeconds);
      this.logger.log(`mining extractor on task queue ${miningTaskQueue}, every ${this.settings.intervalSeconds}s`);
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(`mining extractor not started yet (${String(error)}); trying again in ${retryDelayMs} ms`);
      await this.stopWorker();
      this.retry = setTimeout(() => {
        this.starting = this.start();
      }, retryDelayMs);
      this.retry.unref();
    }
  }

  private async stopWorker(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.workerRun;
    this.worker = undefined;
    this.workerRun = undefined;
    await this.connection?.close().catch(() => undefined);
    this.connection = undefined;
  }

  /** Before the store closes (on application shutdown): the activity in progress finishes its write first. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.starting?.catch(() => undefined);
    await this.stopWorker();
  }
}
