import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type ReportKind,
  reportKindOfSchedule,
  reportKinds,
  reportScheduleIds,
  scheduledReportWorkflowType,
} from '@ordo/workflows';
import {
  Client,
  type ScheduleDescription,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { ApiError, forbidden, notFound } from '../errors/api-error';
import { holdsOneOf, reportOperatorRoles, reportReaderRoles } from './report-access';
import type { ReportFormat, ReportRecord } from './report-store';
import { ReportStoreService } from './report-store.service';
import type { ListQuery, RunRequest } from './reports.schemas';

export interface ReportView extends ReportRecord {
  /** The API's download of each format, behind the same right as the listing. */
  documents: Record<ReportFormat, string>;
}

export interface ReportScheduleView {
  schedule: string;
  report: ReportKind;
  paused: boolean;
  /** Why it was paused or unpaused last, and by whom. */
  note: string | null;
  nextRunAt: string | null;
  lastRunAt: string | null;
}

export interface RunAnswer {
  schedule: string;
  report: ReportKind;
  triggeredAt: string;
  /** Known at once for a run as of a given date (its id says the date); a Schedule's trigger names its run itself. */
  reportId: string | null;
}

/** The stored reports (per the caller's roles) and the report Schedules (run now, pause, unpause). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly client: Client,
    private readonly store: ReportStoreService,
  ) {}

  async list(actor: Actor, query: ListQuery): Promise<ReportView[]> {
    const readable = reportKinds.filter((kind) => holdsOneOf(actor, reportReaderRoles[kind]));
    if (readable.length === 0)
      throw refusal(actor, 'Reading reports', [...new Set(Object.values(reportReaderRoles).flat())]);
    const kind = query.schedule === undefined ? undefined : this.kindOf(query.schedule);
    if (kind !== undefined && !readable.includes(kind))
      throw refusal(actor, `Reading ${kind} reports`, reportReaderRoles[kind]);
    return (await this.store.list())
      .filter((record) => readable.includes(record.report) && (kind === undefined || record.report === kind))
      .slice(0, query.limit)
      .map(viewOf);
  }

  async document(
    actor: Actor,
    reportId: string,
    format: ReportFormat,
  ): Promise<{ record: ReportRecord; content: Buffer }> {
    const record = await this.store.get(reportId);
    const content = record && (await this.store.document(reportId, format));
    if (!record || !content) {
      throw notFound('report_not_found', `No report '${reportId}'`, [
        { path: 'id', message: 'is not a stored report' },
      ]);
    }
    if (!holdsOneOf(actor, reportReaderRoles[record.report])) {
      throw refusal(actor, `Reading ${record.report} reports`, reportReaderRoles[record.report]);
    }
    return { record, content };
  }

  async schedules(actor: Actor): Promise<ReportScheduleView[]> {
    const readable = reportKinds.filter((kind) => holdsOneOf(actor, reportReaderRoles[kind]));
    if (readable.length === 0)
      throw refusal(actor, 'Reading reports', [...new Set(Object.values(reportReaderRoles).flat())]);
    const views: ReportScheduleView[] = [];
    for (const kind of readable) {
      const description = await this.describe(reportScheduleIds[kind]).catch((error: unknown) => {
        if (error instanceof ApiError && error.getStatus() === 404) return undefined;
        throw error;
      });
      if (description) views.push(scheduleViewOf(kind, description));
    }
    return views;
  }

  async run(actor: Actor, schedule: string, request: RunRequest): Promise<RunAnswer> {
    const report = this.operable(actor, schedule);
    const description = await this.describe(schedule);
    const triggeredAt = new Date().toISOString();
    if (request.asOf === undefined) {
      // A run that overlaps one still going is wanted here: someone asked for it now.
      await this.client.schedule.getHandle(schedule).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
      return { schedule, report, triggeredAt, reportId: null };
    }
    const asOf = new Date(request.asOf).toISOString();
    // One report per date: asking again for the same date answers with the same report.
    const reportId = `${schedule}-as-of-${asOf}`;
    const taskQueue = description.action.type === 'startWorkflow' ? description.action.taskQueue : undefined;
    if (!taskQueue) throw new Error(`Schedule ${schedule} does not start a workflow`);
    try {
      await this.client.workflow.start(scheduledReportWorkflowType, {
        workflowId: reportId,
        taskQueue,
        args: [{ report, asOf }],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    return { schedule, report, triggeredAt, reportId };
  }

  async pause(actor: Actor, schedule: string, reason: string): Promise<ReportScheduleView> {
    const report = this.operable(actor, schedule);
    await this.describe(schedule);
    await this.client.schedule.getHandle(schedule).pause(`${reason} (paused by ${actor.id})`);
    return scheduleViewOf(report, await this.describe(schedule));
  }

  async unpause(actor: Actor, schedule: string, reason: string): Promise<ReportScheduleView> {
    const report = this.operable(actor, schedule);
    await this.describe(schedule);
    await this.client.schedule.getHandle(schedule).unpause(`${reason} (unpaused by ${actor.id})`);
    return scheduleViewOf(report, await this.describe(schedule));
  }

  private kindOf(schedule: string): ReportKind {
    const kind = reportKindOfSchedule(schedule);
    if (!kind) {
      throw notFound('schedule_not_found', `No report schedule '${schedule}'`, [
        { path: 'schedule', message: `must be one of ${Object.values(reportScheduleIds).join(', ')}` },
      ]);
    }
    return kind;
  }

  private operable(actor: Actor, schedule: string): ReportKind {
    const kind = this.kindOf(schedule);
    if (!holdsOneOf(actor, reportOperatorRoles[kind])) {
      throw refusal(actor, `Running or pausing the ${kind} report`, reportOperatorRoles[kind]);
    }
    return kind;
  }

  private async describe(schedule: string): Promise<ScheduleDescription> {
    try {
      return await this.client.schedule.getHandle(schedule).describe();
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
      throw notFound(
        'schedule_not_found',
        `The schedule '${schedule}' does not exist yet: a worker creates it when it starts`,
        [{ path: 'schedule', message: 'has not been created yet' }],
      );
    }
  }
}

function refusal(actor: Actor, what: string, roles: readonly string[]): ApiError {
  return forbidden(`${what} needs one of the roles ${roles.join(', ')}`, [
    { path: 'authorization', message: `${actor.id} (roles ${actor.roles.join(', ') || 'none'}) may not` },
  ]);
}

export function reportDocumentPath(reportId: string, format: ReportFormat): string {
  return `/v1/reports/${encodeURIComponent(reportId)}/document?format=${format}`;
}

function viewOf(record: ReportRecord): ReportView {
  return {
    ...record,
    documents: { pdf: reportDocumentPath(record.reportId, 'pdf'), csv: reportDocumentPath(record.reportId, 'csv') },
  };
}

function scheduleViewOf(report: ReportKind, description: ScheduleDescription): ReportScheduleView {
  const last = description.info.recentActions.at(-1);
  return {
    schedule: description.scheduleId,
    report,
    paused: description.state.paused,
    note: description.state.note ?? null,
    nextRunAt: description.info.nextActionTimes[0]?.toISOString() ?? null,
    lastRunAt: last?.takenAt.toISOString() ?? null,
  };
}
