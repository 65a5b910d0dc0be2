import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';

const probeTimeoutMs = 2000;

/** Temporal is reachable when its frontend answers GetSystemInfo within the probe timeout. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async isReachable(key = 'temporal'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const target = { address: this.config.temporal.address, namespace: this.config.temporal.namespace };
    try {
      const info = await this.client.withDeadline(Date.now() + probeTimeoutMs, () =>
        this.client.workflowService.getSystemInfo({}),
      );
      return indicator.up({ ...target, serverVersion: info.serverVersion ?? 'unknown' });
    } catch (error) {
      return indicator.down({ ...target, message: error instanceof Error ? error.message : String(error) });
    }
  }
}
