import {
  type ReportKind,
  type ReportRequest,
  reportKinds,
  reportScheduleIds,
  scheduledReportWorkflowType,
} from '@ordo/workflows';
import {
  type CalendarSpec,
  type CalendarSpecDescription,
  type Client,
  ScheduleAlreadyRunning,
  type ScheduleDescription,
  ScheduleOverlapPolicy,
} from '@temporalio/client';

/** When each report runs, in UTC: the aging before the working day starts, the SLA report on Monday mornings. */
export const reportCalendars: Record<ReportKind, CalendarSpec> = {
  'ar-aging': { hour: 6, minute: 0, comment: 'daily at 06:00 UTC' },
  sla: { dayOfWeek: 'MONDAY', hour: 7, minute: 0, comment: 'Mondays at 07:00 UTC' },
};

const descriptions: Record<ReportKind, string> = {
  'ar-aging': 'Accounts-receivable aging of open invoices (0–30, 31–60, 61–90, 90+ days past due), PDF and CSV',
  sla: 'SLA report per process: breaches, overdue tasks, top 3 bottlenecks, PDF and CSV',
};

/** The first value of a described calendar field, the shape `describe()` answers for the one we created. */
function first<T>(ranges: ReadonlyArray<{ start: T }> | undefined): T | undefined {
  return ranges?.[0]?.start;
}

/** Whether the existing Schedule already runs this report at this time on this task queue. */
function isCurrent(current: ScheduleDescription, kind: ReportKind, taskQueue: string): boolean {
  const wanted = reportCalendars[kind];
  const calendar: CalendarSpecDescription | undefined = current.spec.calendars?.[0];
  return (
    current.action.type === 'startWorkflow' &&
    current.action.workflowType === scheduledReportWorkflowType &&
    current.action.workflowId === reportScheduleIds[kind] &&
    current.action.taskQueue === taskQueue &&
    current.spec.calendars?.length === 1 &&
    // The comment names the days (the server describes "every day" as one range, not as seven days).
    calendar?.comment === wanted.comment &&
    first(calendar?.hour) === wanted.hour &&
    first(calendar?.minute) === wanted.minute
  );
}

/**
 * Creates each report's Schedule, or brings an existing one to this definition: idempotent, so every start of every
 * worker replica may call it. A paused Schedule stays paused (its note too); a run still going when the next is due
 * makes the Schedule skip that one; a worker down at the due time has the run caught up within a day.
 */
export async function ensureReportSchedules(client: Client, taskQueue: string): Promise<void> {
  for (const kind of reportKinds) await ensureReportSchedule(client, kind, taskQueue);
}

async function ensureReportSchedule(client: Client, kind: ReportKind, taskQueue: string): Promise<void> {
  const scheduleId = reportScheduleIds[kind];
  const request: ReportRequest = { report: kind };
  const spec = { calendars: [reportCalendars[kind]] };
  const action = {
    type: 'startWorkflow' as const,
    // Each run's id is this plus its scheduled time (`ordo-report-ar-aging-2026-12-04T06:00:00Z`): the report's id.
    workflowId: scheduleId,
    workflowType: scheduledReportWorkflowType,
    taskQueue,
    args: [request],
  };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 86_400_000 };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies, memo: { description: descriptions[kind] } });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    const handle = client.schedule.getHandle(scheduleId);
    if (isCurrent(await handle.describe(), kind, taskQueue)) return;
    await handle.update((previous) => ({ ...previous, spec, action, policies }));
  }
}
