import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { WorkerHealthIndicator } from './worker-health.indicator';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly worker: WorkerHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get(['', 'ready'])
  @HealthCheck()
  ready() {
    return this.health.check([() => this.worker.polling(), () => this.worker.temporalReachable()]);
  }
}
