/**
 * The scheduled reports' Schedules: the worker creates them when it starts, on its own task queue; creating them
 * again changes nothing (a paused Schedule stays paused), and a Schedule of an older definition is brought up to date.
 * Against a real Temporal dev server.
 */
import { dataConverterFor, KeyRing } from '@ordo/codec';
import { allSearchAttributeKeys, reportScheduleIds, scheduledReportWorkflowType } from '@ordo/workflows';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLogger } from '../src/logging';
import { startWorkerService, type WorkerService } from '../src/main';
import { ensureReportSchedules } from '../src/report-schedules';

jest.setTimeout(180_000);

const taskQueue = 'report-schedules-test';
const keyRing = KeyRing.fromJson(KeyRing.generateJson('report-schedules-test'));
let env: TestWorkflowEnvironment;
let service: WorkerService;
let running: Promise<void>;

function temporalCli(): string {
  const path = process.env.ORDO_TEMPORAL_CLI;
  if (!path) throw new Error('ORDO_TEMPORAL_CLI must point at the Temporal CLI binary');
  return path;
}

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCli() },
      searchAttributes: allSearchAttributeKeys,
      extraArgs: ['--log-level', 'error'],
    },
    client: { dataConverter: dataConverterFor(keyRing) },
  });
  service = await startWorkerService({
    config: {
      temporalAddress: env.address,
      namespace: 'default',
      taskQueue,
      metricsBindAddress: '127.0.0.1:0',
      healthHost: '127.0.0.1',
      healthPort: 0,
      keyRing,
    },
    logger: createLogger('silent'),
  });
  running = service.run();
});

afterAll(async () => {
  if (service) {
    service.worker.shutdown();
    await running;
  }
  await env?.teardown();
});

const describeReport = (id: string) => env.client.schedule.getHandle(id).describe();

async function scheduleIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const schedule of env.client.schedule.list()) ids.push(schedule.scheduleId);
  return ids.filter((id) => id.startsWith('ordo-report-')).sort();
}

describe('report schedules', () => {
  it('exist once the worker has started: the aging daily, the SLA report weekly, on the worker’s task queue', async () => {
    const aging = await describeReport(reportScheduleIds['ar-aging']);
    const sla = await describeReport(reportScheduleIds.sla);

    for (const [schedule, report] of [
      [aging, 'ar-aging'],
      [sla, 'sla'],
    ] as const) {
      expect(schedule.action).toMatchObject({
        type: 'startWorkflow',
        workflowType: scheduledReportWorkflowType,
        taskQueue,
      });
      expect(schedule.action.type === 'startWorkflow' && schedule.action.args).toEqual([{ report }]);
      expect(schedule.policies.overlap).toBe('SKIP');
      expect(schedule.state.paused).toBe(false);
    }
    expect(aging.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 6 }], minute: [{ start: 0 }] });
    expect(sla.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 7 }], dayOfWeek: [{ start: 'MONDAY' }] });
    // The next aging run is the coming 06:00 UTC.
    const next = aging.info.nextActionTimes[0]!;
    expect(next.getUTCHours()).toBe(6);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
  });

  it('are created idempotently: again and again, the same two Schedules, a paused one still paused', async () => {
    const before = await describeReport(reportScheduleIds['ar-aging']);
    await env.client.schedule.getHandle(reportScheduleIds.sla).pause('quarter-end freeze');

    await ensureReportSchedules(env.client, taskQueue);
    await ensureReportSchedules(env.client, taskQueue);

    expect(await scheduleIds()).toEqual([reportScheduleIds['ar-aging'], reportScheduleIds.sla].sort());
    const after = await describeReport(reportScheduleIds['ar-aging']);
    // Not updated at all: an update would have stamped its time.
    expect(after.info.lastUpdatedAt).toEqual(before.info.lastUpdatedAt);
    const sla = await describeReport(reportScheduleIds.sla);
    expect(sla.state).toMatchObject({ paused: true, note: 'quarter-end freeze' });
    await env.client.schedule.getHandle(reportScheduleIds.sla).unpause('freeze over');
  });

  it('brings a Schedule of another definition (here: another task queue) to this one, keeping its state', async () => {
    await env.client.schedule.getHandle(reportScheduleIds['ar-aging']).pause('checking');
    await ensureReportSchedules(env.client, 'another-queue');
    expect((await describeReport(reportScheduleIds['ar-aging'])).action).toMatchObject({ taskQueue: 'another-queue' });

    await ensureReportSchedules(env.client, taskQueue);
    const restored = await describeReport(reportScheduleIds['ar-aging']);
    expect(restored.action).toMatchObject({ taskQueue });
    expect(restored.state).toMatchObject({ paused: true, note: 'checking' });
  });
});
