import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { dataConverterFor, requireKeyRing } from '@ordo/codec';
import { type ReportCollectorActivities, reportsTaskQueue } from '@ordo/workflows';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { AddressInfo } from 'node:net';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import type { MiningSettings } from '../mining/mining-settings';
import { MINING_SETTINGS } from '../mining/mining.tokens';
import { AgingCollector } from './aging-collector';
import { REPORT_SETTINGS, type ReportSettings } from './report-settings';
import { ReportStoreService } from './report-store.service';
import { SlaCollector } from './sla-collector';

/** Between attempts to reach Temporal when it is not up yet (the API starts before it, like its lazy client). */
const retryDelayMs = 5_000;

/**
 * The activity-only worker on `ordo-reports`: the reports' figures are read here, where the Temporal client, the
 * visibility decoding and the mining store are, and their documents are kept here, where they are served. It runs
 * on the replica that runs the mining extractor (`ORDO_MINING_EXTRACTOR`): that replica has the embedded store open.
 */
@Injectable()
export class ReportWorkerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReportWorkerService.name);
  private worker?: Worker;
  private workerRun?: Promise<void>;
  private connection?: NativeConnection;
  private stopped = false;
  private retry?: NodeJS.Timeout;
  private starting?: Promise<void>;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(REPORT_SETTINGS) private readonly settings: ReportSettings,
    private readonly modules: ModuleRef,
    private readonly http: HttpAdapterHost,
    private readonly aging: AgingCollector,
    private readonly sla: SlaCollector,
    private readonly store: ReportStoreService,
  ) {}

  onApplicationBootstrap(): void {
    const mining = this.modules.get<MiningSettings>(MINING_SETTINGS, { strict: false });
    if (mining.extractor) this.starting = this.start();
  }

  private activities(): ReportCollectorActivities {
    return {
      collectAgingFigures: ({ asOf }) => this.aging.collect(asOf),
      collectSlaFigures: ({ asOf, periodDays }) => this.sla.collect(asOf, periodDays),
      storeReport: async ({ pdfBase64, csv, ...record }) => {
        await this.store.put(record, { pdf: Buffer.from(pdfBase64, 'base64'), csv: Buffer.from(csv, 'utf8') });
        const base = `${this.publicUrl()}/v1/reports/${encodeURIComponent(record.reportId)}/document`;
        return { reportId: record.reportId, pdfUrl: `${base}?format=pdf`, csvUrl: `${base}?format=csv` };
      },
    };
  }

  /** The configured public address, else the one this process listens on. */
  private publicUrl(): string {
    if (this.settings.publicUrl) return this.settings.publicUrl;
    const address = this.http.httpAdapter.getHttpServer().address() as AddressInfo | null;
    const host = !address || ['::', '0.0.0.0'].includes(address.address) ? '127.0.0.1' : address.address;
    return `http://${host.includes(':') ? `[${host}]` : host}:${address?.port ?? 3000}`;
  }

  private async start(): Promise<void> {
    try {
      this.connection = await NativeConnection.connect({ address: this.config.temporal.address });
      if (this.stopped) return;
      this.worker = await Worker.create({
        connection: this.connection,
        namespace: this.config.temporal.namespace,
        taskQueue: reportsTaskQueue,
        activities: this.activities(),
        // The codec of every other client and worker: figures and documents are payloads like any other.
        dataConverter: dataConverterFor(requireKeyRing(this.config.codec.keyRing)),
        // Reports are rare and each reads a lot: one at a time keeps them off the API's request latency.
        maxConcurrentActivityTaskExecutions: 1,
      });
      if (this.stopped) return;
      this.workerRun = this.worker.run().catch((error: unknown) => {
        this.logger.error(`reports worker stopped: ${String(error)}`);
      });
      this.logger.log(`reports worker on task queue ${reportsTaskQueue}`);
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(`reports worker not started yet (${String(error)}); trying again in ${retryDelayMs} ms`);
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

  /** Before the mining store closes (application shutdown): the activity in progress finishes first. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.starting?.catch(() => undefined);
    await this.stopWorker();
  }
}
