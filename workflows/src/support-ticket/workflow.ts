import { msToNumber } from '@temporalio/common/lib/time';
import { CancellationScope, condition, isCancellation, setHandler } from '@temporalio/workflow';
import { evaluateDecisionTable, toDecisionRecord } from '../lib/decision-table';
import { HumanTasks, type TaskOutcome } from '../lib/human-task';
import { processErrors, type ProcessResult, type ProcessStart, type TaskPriority } from '../lib/process-contract';
import { parseProcessInput, refuse, registerCancellation, registerStatusAndTasks } from '../lib/process-lifecycle';
import { eventIntake, registerEventIntake } from '../lib/process-events';
import { processMailHooks, roleMailbox, sendProcessMail } from '../lib/process-mail';
import { ProcessTracker } from '../lib/process-tracker';
import { classificationTable } from './classification-table';
import {
  customerRepliedSchema,
  customerRepliedEvent,
  customerRepliedSignal,
  type SupportTeam,
  type SupportTicketInput,
  supportTicketInputSchema,
  supportTicketPolicy as policy,
  supportTicketProcess,
  type SupportTicketStage,
  type SupportTicketSummary,
} from './contract';

interface TicketContext {
  ticketId: string;
  input: SupportTicketInput;
  priority: TaskPriority;
  /** The roles whose queue holds the ticket: the classified team, then whoever it was handed to. */
  roles: string[];
  tracker: ProcessTracker<SupportTicketStage>;
  tasks: HumanTasks;
  openedAt: number;
  resolutionDueAt: number;
  firstResponseAt?: string;
  firstResponseWithinSla?: boolean;
  resolutionBreached: boolean;
  agentResponses: number;
  customerReplies: number;
  /** Replies not yet seen by an agent. */
  unreadReplies: number;
  currentTaskId?: string;
  closed: boolean;
  cancellation?: string;
}

type Closing = Pick<SupportTicketSummary, 'closedBy' | 'resolvedBy' | 'resolution'>;

function mentionsUrgency(input: SupportTicketInput): boolean {
  const text = `${input.subject} ${input.description}`.toLowerCase();
  return policy.urgentKeywords.some((keyword) => new RegExp(`\\b${keyword}\\b`).test(text));
}

/** Roles a ticket moves through when it is overdue, after the roles it is with now. */
function escalationAfter(roles: readonly string[]): string[] {
  const team = roles[0] as SupportTeam;
  return [...(policy.escalationChain[team] ?? [])];
}

function ticketTitle(ctx: TicketContext): string {
  return `[${ctx.priority}] ${ctx.input.subject} (${ctx.input.customerId}, ${ctx.input.channel})`;
}

/** One stint of the ticket in a queue; resolves with the agent's outcome, or undefined when it was handed over. */
async function queueTicket(ctx: TicketContext): Promise<TaskOutcome | undefined> {
  ctx.tracker.setStage('queued');
  const firstResponse = ctx.firstResponseAt === undefined;
  const now = Date.now();
  // Before the first response the first-response SLA sets the due time; after it, the resolution deadline does.
  const dueMs = firstResponse
    ? msToNumber(policy.firstResponse[ctx.priority])
    : Math.max(ctx.resolutionDueAt - now, 60_000);
  // The first-response SLA escalates level by level; later stints end at the resolution deadline, which hands over.
  const next = firstResponse ? escalationAfter(ctx.roles) : [];
  const task = ctx.tasks.open({
    type: 'ticket',
    title: ticketTitle(ctx),
    candidateRoles: [...ctx.roles],
    decisions: ['respond', 'resolve'],
    // The agent who filed a ticket for a customer may work it: a reply is not a decision on their own request.
    requesterMayAct: true,
    priority: ctx.priority,
    due: dueMs,
    escalation: next.map((role) => ({ toRoles: [role] })),
    data: {
      ticketId: ctx.ticketId,
      customerId: ctx.input.customerId,
      customerTier: ctx.input.customerTier,
      channel: ctx.input.channel,
      category: ctx.input.category,
      subject: ctx.input.subject,
      description: ctx.input.description,
      firstResponse,
      customerReplies: ctx.customerReplies,
      resolutionDueAt: new Date(ctx.resolutionDueAt).toISOString(),
    },
    hooks: processMailHooks(ctx.tracker, ctx.ticketId),
  });
  ctx.currentTaskId = task.taskId;
  ctx.unreadReplies = 0;
  await condition(() => ctx.tasks.outcomeOf(task.taskId) !== undefined || !ctx.tasks.isOpen(task.taskId));
  return ctx.tasks.outcomeOf(task.taskId);
}

async function mailCustomer(ctx: TicketContext, step: string, subject: string, body: string): Promise<void> {
  await sendProcessMail(ctx.tracker, { reference: ctx.ticketId, step, to: ctx.input.customerEmail, subject, body });
}

async function work(ctx: TicketContext): Promise<Closing> {
  for (;;) {
    const outcome = await queueTicket(ctx);
    if (!outcome) continue; // handed over to the next level: queue it there
    if (outcome.decision === 'resolve') {
      const resolution = outcome.comment ?? 'resolved';
      await mailCustomer(ctx, 'resolution', `Resolved: ${ctx.input.subject}`, resolution);
      return { closedBy: 'resolution', resolvedBy: outcome.actor.id, resolution };
    }
    ctx.agentResponses += 1;
    if (ctx.firstResponseAt === undefined) {
      ctx.firstResponseAt = outcome.completedAt;
      ctx.firstResponseWithinSla =
        Date.parse(outcome.completedAt) - ctx.openedAt <= msToNumber(policy.firstResponse[ctx.priority]);
      ctx.tracker.finish(
        'first-response',
        'COMPLETED',
        `${ctx.firstResponseWithinSla ? 'within' : 'outside'} the ${policy.firstResponse[ctx.priority]} SLA`,
      );
    }
    await mailCustomer(
      ctx,
      `response-${ctx.agentResponses}`,
      `Re: ${ctx.input.subject}`,
      outcome.comment ?? 'An agent responded to your ticket.',
    );
    if (ctx.unreadReplies > 0) continue; // the customer wrote while the agent was answering
    ctx.tracker.setStage('awaiting-customer');
    const replied = await condition(() => ctx.unreadReplies > 0, policy.quietPeriod);
    if (!replied) return { closedBy: 'quiet-period' };
  }
}

/** The resolution SLA: when missed, the ticket goes to the next level and the SLA breach is recorded. */
async function watchResolution(ctx: TicketContext): Promise<void> {
  const resolved = await condition(() => ctx.closed, Math.max(ctx.resolutionDueAt - Date.now(), 1));
  if (resolved) return;
  ctx.resolutionBreached = true;
  const owner = policy.resolutionOwner;
  ctx.tracker.finish(
    'resolution-sla-breached',
    'COMPLETED',
    `${policy.resolution[ctx.priority]} passed; handed to ${owner}`,
  );
  // Counted here whatever the ticket is doing: while it waits for the customer no task is open whose due time would
  // record the miss. A task open now is due at this instant too; the task helper counts that one as task_due.
  ctx.tracker.metrics.slaBreached('resolution_due');
  ctx.roles = [owner];
  // The open task belongs to the previous owner: it is replaced by one for the new owner.
  if (ctx.currentTaskId && ctx.tasks.isOpen(ctx.currentTaskId))
    ctx.tasks.cancel(ctx.currentTaskId, `handed to ${owner}: resolution SLA missed`);
  await sendProcessMail(ctx.tracker, {
    reference: ctx.ticketId,
    step: 'resolution-sla-breached-mail',
    to: roleMailbox(owner),
    subject: `Resolution SLA missed: ${ctx.input.subject}`,
    body: `Ticket ${ctx.ticketId} was not resolved within ${policy.resolution[ctx.priority]}; it is now in your queue.`,
  });
}

function assertCancellable(ctx: TicketContext): void {
  if (ctx.closed || ctx.cancellation !== undefined)
    refuse(processErrors.notCancellable, `ticket ${ctx.ticketId} is already closed`);
}

function summaryOf(ctx: TicketContext, closing: Closing, team: string): SupportTicketSummary {
  return {
    priority: ctx.priority,
    team,
    handledBy: [...ctx.roles],
    ...(ctx.firstResponseAt === undefined
      ? {}
      : { firstResponseAt: ctx.firstResponseAt, firstResponseWithinSla: ctx.firstResponseWithinSla! }),
    resolutionWithinSla: !ctx.resolutionBreached,
    agentResponses: ctx.agentResponses,
    customerReplies: ctx.customerReplies,
    ...closing,
  };
}

/**
 * Support ticket: classified by the classification table, queued for its team with first-response and
 * resolution SLAs; agents respond or resolve, customer replies (`customer-replied`) requeue it, and a
 * ticket nobody writes on for the quiet period closes by itself.
 */
export async function supportTicket(start: ProcessStart<SupportTicketInput>): Promise<ProcessResult> {
  const input = parseProcessInput(supportTicketInputSchema, start, 'ticket');
  const tracker = new ProcessTracker<SupportTicketStage>(
    {
      process: supportTicketProcess.name,
      processVersion: supportTicketProcess.version,
      businessKey: start.businessKey,
    },
    'classifying',
  );
  const classification = evaluateDecisionTable(classificationTable, {
    channel: input.channel,
    customerTier: input.customerTier,
    category: input.category,
    mentionsUrgency: mentionsUrgency(input),
  });
  const { priority, team } = classification.output;
  const openedAt = Date.now();
  const ctx: TicketContext = {
    ticketId: start.businessKey,
    input,
    priority,
    roles: [team],
    tracker,
    tasks: new HumanTasks(tracker, tracker.metrics, { requestedBy: start.requestedBy }),
    openedAt,
    resolutionDueAt: openedAt + msToNumber(policy.resolution[priority]),
    resolutionBreached: false,
    agentResponses: 0,
    customerReplies: 0,
    unreadReplies: 0,
    closed: false,
  };
  const forward = new CancellationScope();
  registerStatusAndTasks(tracker, ctx.tasks);
  const receiveReply = () => {
    ctx.customerReplies += 1;
    ctx.unreadReplies += 1;
    ctx.tracker.finish(`customer-reply-${ctx.customerReplies}`, 'COMPLETED', 'the customer replied');
  };
  setHandler(customerRepliedSignal, (raw) => {
    if (!ctx.closed && customerRepliedSchema.safeParse(raw).success) receiveReply();
  });
  registerEventIntake([
    eventIntake({
      definition: customerRepliedEvent,
      assertAcceptable() {
        if (ctx.closed) refuse(processErrors.notAcceptingEvent, `ticket ${ctx.ticketId} is closed`);
      },
      apply: receiveReply,
    }),
  ]);
  registerCancellation({
    tracker,
    forward,
    assertMayCancel: () => assertCancellable(ctx),
    record: ({ reason }) => {
      ctx.cancellation = reason;
    },
  });
  tracker.announce();
  tracker.addDecision(toDecisionRecord(classification));
  tracker.finish('classification', 'COMPLETED', `${priority} for ${team} (rule ${classification.ruleId})`);

  let closing: Closing;
  try {
    closing = await forward.run(async () => {
      void watchResolution(ctx).catch((error: unknown) => {
        if (!isCancellation(error)) throw error;
      });
      return work(ctx);
    });
  } catch (error) {
    if (!isCancellation(error)) throw error;
    closing = { closedBy: 'cancellation' };
  }
  ctx.closed = true;
  ctx.tasks.cancelAll(`ticket closed by ${closing.closedBy}`);
  const cancelled = closing.closedBy === 'cancellation';
  const result: ProcessResult = {
    status: cancelled ? 'CANCELLED' : 'COMPLETED',
    reason: cancelled
      ? (ctx.cancellation ?? 'cancellation requested through Temporal')
      : closing.closedBy === 'resolution'
        ? `resolved by ${closing.resolvedBy}`
        : `closed after ${policy.quietPeriod} without a customer reply`,
    decisions: tracker.decisionRecords,
    summary: { ...summaryOf(ctx, closing, team) },
  };
  tracker.close(result, 'closed');
  return result;
}
