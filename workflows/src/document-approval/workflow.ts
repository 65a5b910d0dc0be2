import { CancellationScope, condition, isCancellation, patched, setHandler } from '@temporalio/workflow';
import { HumanTasks, type TaskOutcome } from '../lib/human-task';
import { processErrors, type ProcessResult, type ProcessStart } from '../lib/process-contract';
import { eventIntake, registerEventIntake } from '../lib/process-events';
import { parseProcessInput, refuse, registerCancellation, registerStatusAndTasks } from '../lib/process-lifecycle';
import { processMailHooks, sendProcessMail } from '../lib/process-mail';
import { ProcessTracker } from '../lib/process-tracker';
import { personMailbox } from './activities-contract';
import { approvalChainFor, approvalsStillValid, resumeLevel, type SeenApproval } from './chain';
import {
  type ApproverRole,
  type DocumentApprovalInput,
  documentApprovalInputSchema,
  documentApprovalPolicy as policy,
  documentApprovalProcess,
  type DocumentApprovalStage,
  type DocumentApprovalSummary,
  type Resubmitted,
  resubmittedEvent,
  resubmittedSchema,
  resubmittedSignal,
} from './contract';

interface ApprovalContext {
  key: string;
  requestedBy: string;
  document: DocumentApprovalInput;
  chain: string[];
  /** Approvals of the current chain, level by level (0-based levels, 1-based in what people see). */
  approvals: SeenApproval[];
  revisions: number;
  tracker: ProcessTracker<DocumentApprovalStage>;
  tasks: HumanTasks;
  /** A resubmission that arrived while the document was with its requester. */
  pendingResubmission?: Resubmitted;
  cancellation?: { reason: string; requestedBy: string };
  settled: boolean;
}

type FlowEnd = { status: 'COMPLETED' | 'REJECTED' | 'CANCELLED'; reason?: string };

function formatAmount(document: DocumentApprovalInput): string {
  return `${document.amount.toFixed(2)} ${document.currency}`;
}

function assertCancellable(ctx: ApprovalContext): void {
  if (ctx.settled || ctx.cancellation) refuse(processErrors.notCancellable, `document ${ctx.key} is already closed`);
}

/** The facts an approver sees on the task. */
function taskData(ctx: ApprovalContext, level: number): Record<string, unknown> {
  const { document } = ctx;
  return {
    documentType: document.documentType,
    title: document.title,
    amount: document.amount,
    currency: document.currency,
    category: document.category,
    department: document.department,
    ...(document.documentUrl ? { documentUrl: document.documentUrl } : {}),
    ...(document.summary ? { summary: document.summary } : {}),
    requestedBy: ctx.requestedBy,
    level: level + 1,
    levels: ctx.chain.length,
    chain: [...ctx.chain],
    revision: ctx.revisions,
    approvedSoFar: ctx.approvals.map((approval) => `${approval.role}: ${approval.approvedBy}`),
  };
}

function route(ctx: ApprovalContext): string[] {
  const chain = approvalChainFor(ctx.document);
  ctx.tracker.addDecision(chain.record);
  ctx.tracker.finish(`routing-${ctx.revisions + 1}`, 'COMPLETED', `chain ${chain.roles.join(' → ')}`);
  return chain.roles;
}

async function decideLevel(ctx: ApprovalContext, level: number): Promise<TaskOutcome> {
  const role = ctx.chain[level]!;
  const task = ctx.tasks.open({
    type: 'approval',
    title: `Approve ${ctx.document.documentType} "${ctx.document.title}" (${formatAmount(ctx.document)}), level ${level + 1} of ${ctx.chain.length}`,
    candidateRoles: [role],
    decisions: ['approve', 'reject', 'return'],
    due: policy.levelDue[role as ApproverRole] ?? policy.levelDue.manager,
    escalationTargets: policy.escalationTargets,
    // Four-eyes: the requester never decides their own document, nor does one person approve two levels.
    fourEyes: { excludedActorIds: [ctx.requestedBy, ...ctx.approvals.map((approval) => approval.approvedBy)] },
    data: taskData(ctx, level),
    hooks: processMailHooks(ctx.tracker, ctx.key),
  });
  return task.completion;
}

async function notifyRequester(ctx: ApprovalContext, step: string, subject: string, body: string): Promise<void> {
  await sendProcessMail(ctx.tracker, { reference: ctx.key, step, to: personMailbox(ctx.requestedBy), subject, body });
}

/** Waits for the revision of a returned document; undefined when the window closed without one. */
async function awaitResubmission(ctx: ApprovalContext): Promise<Resubmitted | undefined> {
  ctx.tracker.setStage('awaiting-resubmission');
  const arrived = await condition(() => ctx.pendingResubmission !== undefined, policy.resubmissionWindow);
  if (!arrived) return undefined;
  const resubmission = ctx.pendingResubmission!;
  delete ctx.pendingResubmission;
  return resubmission;
}

async function runChain(ctx: ApprovalContext): Promise<FlowEnd> {
  ctx.tracker.setStage('routing');
  ctx.chain = route(ctx);
  let level = 0;
  while (level < ctx.chain.length) {
    ctx.tracker.setStage('approval');
    const outcome = await decideLevel(ctx, level);
    const comment = outcome.comment ? `: ${outcome.comment}` : '';
    if (outcome.decision === 'approve') {
      ctx.approvals.push({
        level: level + 1,
        role: ctx.chain[level]!,
        approvedBy: outcome.actor.id,
        seen: ctx.document,
      });
      level += 1;
      continue;
    }
    if (outcome.decision === 'reject') {
      return {
        status: 'REJECTED',
        reason: `rejected at level ${level + 1} (${ctx.chain[level]}) by ${outcome.actor.id}${comment}`,
      };
    }
    // Returned for changes: the requester revises and resubmits, or the request lapses.
    await notifyRequester(
      ctx,
      `returned-${ctx.revisions + 1}`,
      `Returned for changes: ${ctx.document.title}`,
      `${outcome.actor.id} returned your document at level ${level + 1}${comment}. Resubmit the revision within ${policy.resubmissionWindow}.`,
    );
    const resubmission = await awaitResubmission(ctx);
    if (!resubmission) {
      return {
        status: 'REJECTED',
        reason: `returned at level ${level + 1} and not resubmitted within ${policy.resubmissionWindow}`,
      };
    }
    ctx.revisions += 1;
    ctx.document = resubmission.document;
    // The value visibility sums follows the revision; histories recorded before this upsert existed replay without it.
    if (patched('amount-follows-revision'))
      ctx.tracker.setAmounts({ amount: ctx.document.amount, currency: ctx.document.currency });
    ctx.tracker.finish(
      `resubmission-${ctx.revisions}`,
      'COMPLETED',
      resubmission.note ?? 'revised document resubmitted',
    );
    const previous = ctx.chain;
    ctx.chain = route(ctx);
    level = resumeLevel(previous, ctx.chain, level);
    // Approvals of a chain that no longer applies, or of levels that will decide again, no longer count.
    ctx.approvals = ctx.approvals.filter((approval) => approval.level <= level);
    // Nor does an approval of content that has changed since: its approver never saw the revision.
    if (patched('approvals-void-on-changed-content')) {
      ctx.approvals = approvalsStillValid(ctx.approvals, ctx.document);
      level = ctx.approvals.length;
    }
  }
  return { status: 'COMPLETED' };
}

function summaryOf(ctx: ApprovalContext): DocumentApprovalSummary {
  return {
    documentType: ctx.document.documentType,
    title: ctx.document.title,
    amount: ctx.document.amount,
    currency: ctx.document.currency,
    chain: [...ctx.chain],
    approvals: ctx.approvals.map(({ level, role, approvedBy }) => ({ level, role, approvedBy })),
    revisions: ctx.revisions,
  };
}

async function close(ctx: ApprovalContext, end: FlowEnd): Promise<ProcessResult> {
  ctx.settled = true;
  ctx.tasks.cancelAll(end.reason ?? `document ${end.status.toLowerCase()}`);
  const result: ProcessResult = {
    status: end.status,
    ...(end.reason === undefined ? {} : { reason: end.reason }),
    decisions: ctx.tracker.decisionRecords,
    summary: { ...summaryOf(ctx) },
  };
  ctx.tracker.close(result, 'closed');
  // Cancellation came from the requester or an operator: a mail about it would tell them nothing new.
  if (end.status !== 'CANCELLED') {
    await notifyRequester(
      ctx,
      'outcome',
      `Your ${ctx.document.documentType} was ${end.status === 'COMPLETED' ? 'approved' : 'not approved'}`,
      end.reason ?? 'Approved at every level.',
    );
  }
  return result;
}

/**
 * Document approval: a sequential chain of approver roles from the chain table; each level approves,
 * rejects or returns the document for a revision the requester resubmits (`resubmitted` event).
 * The requester never approves their own document (four-eyes).
 */
export async function documentApproval(start: ProcessStart<DocumentApprovalInput>): Promise<ProcessResult> {
  const tracker = new ProcessTracker<DocumentApprovalStage>(
    {
      process: documentApprovalProcess.name,
      processVersion: documentApprovalProcess.version,
      businessKey: start.businessKey,
    },
    'routing',
  );
  const ctx: ApprovalContext = {
    key: start.businessKey,
    requestedBy: start.requestedBy,
    document: parseProcessInput(documentApprovalInputSchema, start, 'document'),
    chain: [],
    approvals: [],
    revisions: 0,
    tracker,
    tasks: new HumanTasks(tracker, tracker.metrics, { requestedBy: start.requestedBy }),
    settled: false,
  };
  const forward = new CancellationScope();
  registerStatusAndTasks(ctx.tracker, ctx.tasks);
  const awaitsRevision = () => ctx.tracker.currentStage === 'awaiting-resubmission';
  setHandler(resubmittedSignal, (raw) => {
    const parsed = resubmittedSchema.safeParse(raw);
    // Only a document that is back with its requester can be revised; a stray event changes nothing.
    if (parsed.success && awaitsRevision()) ctx.pendingResubmission = parsed.data;
  });
  registerEventIntake([
    eventIntake<Resubmitted>({
      definition: resubmittedEvent,
      assertAcceptable(_revision, sender) {
        if (sender.id !== ctx.requestedBy) {
          refuse(processErrors.forbidden, `only the requester ${ctx.requestedBy} may resubmit document ${ctx.key}`);
        }
        if (!awaitsRevision())
          refuse(processErrors.notAcceptingEvent, `document ${ctx.key} is not waiting for a revision`);
      },
      apply(revision) {
        ctx.pendingResubmission = revision;
      },
    }),
  ]);
  registerCancellation({
    tracker,
    forward,
    assertMayCancel: () => assertCancellable(ctx),
    record: (cancellation) => {
      ctx.cancellation = cancellation;
    },
  });
  tracker.announce();
  tracker.setAmounts({ amount: ctx.document.amount, currency: ctx.document.currency });

  let end: FlowEnd;
  try {
    end = await forward.run(() => runChain(ctx));
  } catch (error) {
    if (!isCancellation(error)) throw error;
    end = { status: 'CANCELLED', reason: ctx.cancellation?.reason ?? 'cancellation requested through Temporal' };
  }
  return close(ctx, end);
}
