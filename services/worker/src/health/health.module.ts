import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { HealthController } from './health.controller';
import { ORDO_WORKER, TEMPORAL_CONNECTION, WorkerHealthIndicator } from './worker-health.indicator';

@Module({})
export class WorkerHealthModule {
  static forWorker(worker: Worker, connection: NativeConnection): DynamicModule {
    return {
      module: WorkerHealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        WorkerHealthIndicator,
        { provide: ORDO_WORKER, useValue: worker },
        { provide: TEMPORAL_CONNECTION, useValue: connection },
      ],
    };
  }
}
