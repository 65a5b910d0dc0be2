import { ActivityFailure, ApplicationFailure, TemporalFailure } from '@temporalio/common';
import { type ActivityOptions, CancellationScope, isCancellation, proxyActivities } from '@temporalio/workflow';
import { CompensationStack } from '../lib/compensation';
import { HumanTasks } from '../lib/human-task';
import { processErrors, type ProcessResult, type ProcessStart } from '../lib/process-contract';
import { parseProcessInput, refuse, registerCancellation, registerStatusAndTasks } from '../lib/process-lifecycle';
import { processMailHooks } from '../lib/process-mail';
import { ProcessTracker } from '../lib/process-tracker';
import type { OnboardingActivities } from './activities-contract';
import {
  type OnboardingInput,
  onboardingInputSchema,
  onboardingPolicy as policy,
  onboardingProcess,
  type OnboardingStage,
  type OnboardingSummary,
} from './contract';
import { toPayrollEnrolment, usernameFor, type ValidHrisRecord } from './payroll-mapping';

const retry: ActivityOptions['retry'] = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
};
const systems = proxyActivities<OnboardingActivities>({ startToCloseTimeout: '30 seconds', retry });

interface OnboardingContext {
  key: string;
  input: OnboardingInput;
  tracker: ProcessTracker<OnboardingStage>;
  tasks: HumanTasks;
  saga: CompensationStack;
  summary: OnboardingSummary;
  cancellation?: string;
  settled: boolean;
}

type FlowEnd = { status: 'COMPLETED' | 'REJECTED'; reason?: string };

/** Reads the new hire from HRIS until the record maps onto payroll; HR fixes a bad record in HRIS. */
async function validHrisRecord(ctx: OnboardingContext): Promise<ReturnType<typeof toPayrollEnrolment> | FlowEnd> {
  for (let attempt = 1; ; attempt += 1) {
    ctx.tracker.setStage('hris');
    const raw = await ctx.tracker.runStep(`hris-read-${attempt}`, () =>
      systems.getHrisEmployee({ employeeId: ctx.input.employeeId }),
    );
    const mapping = toPayrollEnrolment(raw);
    if (mapping.ok) return mapping;
    ctx.tracker.finish(`hris-validation-${attempt}`, 'FAILED', mapping.problems.join('; '));
    ctx.tracker.setStage('hris-data-fix');
    const fix = ctx.tasks.open({
      type: 'hr-data-fix',
      title: `Fix the HRIS record of ${ctx.input.employeeId} before payroll`,
      candidateRoles: ['hr'],
      decisions: ['fixed', 'abort'],
      due: policy.dataFixDue,
      priority: 'high',
      // Fixing HRIS data is HR's work, not a decision on the request: the HR person who started it may do it.
      requesterMayAct: true,
      data: { employeeId: ctx.input.employeeId, problems: mapping.problems },
      hooks: processMailHooks(ctx.tracker, ctx.key),
    });
    const outcome = await fix.completion;
    if (outcome.decision === 'abort') {
      return {
        status: 'REJECTED',
        reason: `HRIS record not usable, onboarding aborted by ${outcome.actor.id}: ${mapping.problems.join('; ')}`,
      };
    }
  }
}

async function provision(ctx: OnboardingContext, record: ValidHrisRecord): Promise<void> {
  ctx.tracker.setStage('provisioning');
  const username = usernameFor(record.firstName, record.lastName);
  const groups = [
    ...new Set([
      'all-staff',
      `dept-${record.department.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      ...ctx.input.extraGroups,
    ]),
  ];
  // Finished even when cancelled half-way: an account the saga does not know of would be left behind.
  const account = await CancellationScope.nonCancellable(() =>
    ctx.tracker.runStep(
      'directory-account',
      () =>
        systems.createDirectoryAccount({
          step: 'directory-account',
          employeeId: record.employeeId,
          username,
          displayName: `${record.firstName} ${record.lastName}`,
          groups,
        }),
      (created) => `${created.accountId} (${username}) in ${groups.join(', ')}`,
    ),
  );
  ctx.summary.username = username;
  ctx.summary.accountId = account.accountId;
  ctx.saga.push('deprovision-account', async () => {
    await ctx.tracker.runStep('deprovision-account', () =>
      systems.deleteDirectoryAccount({ step: 'deprovision-account', accountId: account.accountId }),
    );
    ctx.tracker.markCompensated('directory-account');
  });
}

async function enrol(
  ctx: OnboardingContext,
  mapping: Extract<ReturnType<typeof toPayrollEnrolment>, { ok: true }>,
): Promise<void> {
  ctx.tracker.setStage('payroll');
  const { payrollId } = await CancellationScope.nonCancellable(() =>
    ctx.tracker.runStep(
      'payroll-enrolment',
      () => systems.enrolInPayroll({ step: 'payroll-enrolment', enrolment: mapping.enrolment }),
      (enrolled) => enrolled.payrollId,
    ),
  );
  ctx.summary.employeeName = mapping.enrolment.employeeName;
  ctx.summary.payrollId = payrollId;
  ctx.saga.push('remove-from-payroll', async () => {
    await ctx.tracker.runStep('remove-from-payroll', () =>
      systems.removeFromPayroll({ step: 'remove-from-payroll', payrollId }),
    );
    ctx.tracker.markCompensated('payroll-enrolment');
  });
}

/** The four checklists run in parallel; onboarding is done when every item is. */
async function checklist(ctx: OnboardingContext, record: ValidHrisRecord): Promise<void> {
  ctx.tracker.setStage('checklist');
  const opened = policy.checklist.map((item) =>
    ctx.tasks.open({
      type: item.type,
      title: `${item.title} for ${record.firstName} ${record.lastName}`,
      candidateRoles: [item.role],
      ...(item.role === 'manager' ? { assignee: ctx.input.managerId } : {}),
      decisions: ['done'],
      requesterMayAct: true,
      due: item.due,
      reminders: item.reminders,
      data: {
        employeeId: record.employeeId,
        startDate: record.startDate,
        department: record.department,
        username: ctx.summary.username,
      },
      hooks: processMailHooks(ctx.tracker, ctx.key),
    }),
  );
  const outcomes = await Promise.all(opened.map((task) => task.completion));
  ctx.summary.checklist = outcomes.map((outcome, index) => ({
    type: policy.checklist[index]!.type,
    completedBy: outcome.actor.id,
  }));
}

async function runForward(ctx: OnboardingContext): Promise<FlowEnd> {
  const mapping = await validHrisRecord(ctx);
  if (!('ok' in mapping)) return mapping;
  if (!mapping.ok) throw new Error('unreachable: an invalid mapping is never returned');
  await provision(ctx, mapping.record);
  await enrol(ctx, mapping);
  await checklist(ctx, mapping.record);
  return { status: 'COMPLETED' };
}

function assertCancellable(ctx: OnboardingContext): void {
  if (ctx.settled || ctx.cancellation !== undefined)
    refuse(processErrors.notCancellable, `onboarding ${ctx.key} is already closed`);
}

function close(ctx: OnboardingContext, status: ProcessResult['status'], reason?: string): ProcessResult {
  const result: ProcessResult = {
    status,
    ...(reason === undefined ? {} : { reason }),
    decisions: ctx.tracker.decisionRecords,
    summary: { ...ctx.summary },
  };
  ctx.tracker.close(result, 'closed');
  return result;
}

/** Undoes account and payroll record, newest first; a clean-up that fails is named in the reason. */
async function cleanUp(ctx: OnboardingContext, why: string): Promise<string | undefined> {
  ctx.tracker.setStage('compensating');
  ctx.tasks.cancelAll(why);
  const report = await ctx.saga.unwind();
  return report.failed.length === 0
    ? undefined
    : `clean-up incomplete: ${report.failed.map((failure) => `${failure.name} (${failure.error})`).join(', ')}`;
}

/**
 * Employee onboarding: HRIS → directory account → payroll → parallel checklists. Cancelled through
 * `cancelUpdate` (or Temporal), it deprovisions the account and removes the payroll record.
 */
export async function employeeOnboarding(start: ProcessStart<OnboardingInput>): Promise<ProcessResult> {
  const input = parseProcessInput(onboardingInputSchema, start, 'onboarding');
  const tracker = new ProcessTracker<OnboardingStage>(
    { process: onboardingProcess.name, processVersion: onboardingProcess.version, businessKey: start.businessKey },
    'hris',
  );
  const ctx: OnboardingContext = {
    key: start.businessKey,
    input,
    tracker,
    tasks: new HumanTasks(tracker, tracker.metrics, { requestedBy: start.requestedBy }),
    saga: new CompensationStack(),
    summary: { employeeId: input.employeeId, checklist: [] },
    settled: false,
  };
  const forward = new CancellationScope();
  registerStatusAndTasks(tracker, ctx.tasks);
  registerCancellation({
    tracker,
    forward,
    assertMayCancel: () => assertCancellable(ctx),
    record: ({ reason }) => {
      ctx.cancellation = reason;
    },
  });
  tracker.announce();

  let end: FlowEnd;
  try {
    end = await forward.run(() => runForward(ctx));
  } catch (error) {
    ctx.settled = true;
    if (isCancellation(error)) {
      const reason = ctx.cancellation ?? 'cancellation requested through Temporal';
      const problem = await cleanUp(ctx, `onboarding cancelled: ${reason}`);
      return close(ctx, 'CANCELLED', problem ? `${reason}; ${problem}` : reason);
    }
    if (!(error instanceof TemporalFailure)) throw error;
    const failure =
      error instanceof ActivityFailure && error.cause ? `${error.activityType}: ${error.cause.message}` : error.message;
    const problem = await cleanUp(ctx, `onboarding failed: ${failure}`);
    tracker.setStatus('FAILED');
    tracker.setStage('closed');
    throw ApplicationFailure.create({
      type: 'OnboardingFailed',
      message: `onboarding ${ctx.key} failed: ${failure}${problem ? `; ${problem}` : ''}`,
      nonRetryable: true,
      cause: error,
    });
  }
  ctx.settled = true;
  return close(ctx, end.status, end.reason);
}
