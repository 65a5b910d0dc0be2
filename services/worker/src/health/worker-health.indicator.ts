import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { NativeConnection, Worker } from '@temporalio/worker';

export const ORDO_WORKER = Symbol('ORDO_WORKER');
export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

@Injectable()
export class WorkerHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(ORDO_WORKER) private readonly worker: Worker,
    @Inject(TEMPORAL_CONNECTION) private readonly connection: NativeConnection,
  ) {}

  /** Ready means the worker is polling its task queue. */
  polling() {
    const check = this.indicators.check('worker');
    const state = this.worker.getState();
    return state === 'RUNNING' ? check.up({ state }) : check.down({ state });
  }

  /**
   * Status only: the endpoint answers anyone who can reach it, and the connection error would name Temporal's
   * address (the SDK logs it anyway).
   */
  async temporalReachable() {
    const check = this.indicators.check('temporal');
    try {
      await this.connection.workflowService.getSystemInfo({});
      return check.up();
    } catch {
      return check.down();
    }
  }
}
