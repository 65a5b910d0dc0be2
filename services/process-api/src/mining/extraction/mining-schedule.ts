import { miningExtractionWorkflowType, miningScheduleId, ordoTaskQueue } from '@ordo/workflows';
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

/**
 * Creates the extraction Schedule, or brings an existing one to this interval: idempotent, so every start of the
 * API (and every replica) may call it. A run still going when the next is due makes the Schedule skip that one.
 */
export async function ensureMiningSchedule(client: Client, intervalSeconds: number): Promise<void> {
  const spec = { intervals: [{ every: intervalSeconds * 1000 }] };
  try {
    await client.schedule.create({
      scheduleId: miningScheduleId,
      spec,
      action: {
        type: 'startWorkflow',
        workflowType: miningExtractionWorkflowType,
        taskQueue: ordoTaskQueue,
        args: [{}],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: intervalSeconds * 1000 },
      memo: { description: 'Process intelligence: extracts the event log from Temporal histories' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    const handle = client.schedule.getHandle(miningScheduleId);
    const current = await handle.describe();
    const every = current.spec.intervals?.[0]?.every;
    const everyMs = typeof every === 'number' ? every : undefined;
    if (everyMs !== intervalSeconds * 1000) await handle.update((previous) => ({ ...previous, spec }));
  }
}
