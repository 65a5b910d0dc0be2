import { HealthIndicatorService } from '@nestjs/terminus';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { WorkerHealthIndicator } from '../src/health/worker-health.indicator';

/** The worker's health endpoint answers anyone who reaches it: statuses, never what the connection error said. */
describe('WorkerHealthIndicator', () => {
  const worker = { getState: () => 'RUNNING' } as unknown as Worker;
  const connectionFailing = (message: string) =>
    ({ workflowService: { getSystemInfo: () => Promise.reject(new Error(message)) } }) as unknown as NativeConnection;

  it('reports Temporal down without the error message (it names the address)', async () => {
    const indicator = new WorkerHealthIndicator(
      new HealthIndicatorService(),
      worker,
      connectionFailing('14 UNAVAILABLE: tcp connect error temporal.internal:7233'),
    );
    const result = await indicator.temporalReachable();
    expect(result).toEqual({ temporal: { status: 'down' } });
    expect(JSON.stringify(result)).not.toContain('temporal.internal');
  });

  it('reports up with the worker state only', async () => {
    const connection = {
      workflowService: { getSystemInfo: () => Promise.resolve({ serverVersion: '1.32.0' }) },
    } as unknown as NativeConnection;
    const indicator = new WorkerHealthIndicator(new HealthIndicatorService(), worker, connection);
    expect(await indicator.temporalReachable()).toEqual({ temporal: { status: 'up' } });
    expect(indicator.polling()).toEqual({ worker: { status: 'up', state: 'RUNNING' } });
  });
});
