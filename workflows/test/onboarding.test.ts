import { cancelUpdate } from '../src/lib/process-contract';
import { onboardingProcess } from '../src/onboarding/contract';
import { toPayrollEnrolment } from '../src/onboarding/payroll-mapping';
import { replayScenario } from './replay';
import { useTestStack } from './support/environment';
import { createOnboardingSystems } from './support/onboarding-activities';
import { actor, DAY, expectElapsed, stepNamed } from './support/orders';
import {
  completeTask,
  openTask,
  type ProcessHandle,
  startProcess,
  statusOfProcess,
  statusWhen,
} from './support/processes';

const systems = createOnboardingSystems();
const stack = useTestStack('onboarding-tests', systems.activities);

const ada = {
  employeeId: 'E-1',
  firstName: 'Ada',
  lastName: 'Lovelace',
  department: 'Engineering',
  startDate: '2026-03-16',
  salary: { amount: 5_000, currency: 'EUR', period: 'monthly' },
};

const start = (key: string, employeeId: string) =>
  startProcess(stack(), onboardingProcess, key, { employeeId, managerId: 'max' }, 'hr-clerk');

async function checklistOpen(handle: ProcessHandle) {
  return statusWhen(handle, (status) =>
    expect(status.openTasks.map((task) => task.type).sort()).toEqual([
      'facilities-checklist',
      'hr-checklist',
      'it-checklist',
      'manager-checklist',
    ]),
  );
}

describe('HRIS → payroll mapping', () => {
  test('maps names, salary per year in cents and the first pay date, and lists every problem', () => {
    expect(toPayrollEnrolment(ada)).toMatchObject({
      ok: true,
      enrolment: {
        employeeId: 'E-1',
        employeeName: 'Ada Lovelace',
        annualSalaryCents: 6_000_000,
        currency: 'EUR',
        firstPayDate: '2026-03-31',
      },
    });
    expect(
      toPayrollEnrolment({
        ...ada,
        startDate: '2028-02-10',
        salary: { amount: 40.5, currency: 'GBP', period: 'hourly' },
      }),
    ).toMatchObject({
      enrolment: { annualSalaryCents: 8_424_000, firstPayDate: '2028-02-29' },
    });
    const invalid = toPayrollEnrolment({
      ...ada,
      lastName: ' ',
      startDate: '2026-02-30',
      salary: { amount: 0, currency: 'euro', period: 'monthly' },
    });
    expect(invalid).toEqual({
      ok: false,
      problems: [
        'lastName: last name is missing',
        'salary.amount: salary must be positive',
        'salary.currency: salary currency must be an ISO 4217 code such as EUR',
      ],
    });
    expect(toPayrollEnrolment({ ...ada, startDate: '2026-02-30' })).toEqual({
      ok: false,
      problems: ['startDate: 2026-02-30 is not a calendar date'],
    });
  });
});

describe('employee onboarding', () => {
  test('provisions, enrols, and completes when all four checklists are done; reminders and overdue on time', async () => {
    systems.hris.set('E-1', ada);
    const handle = await start('E-1', 'E-1');
    const opened = await checklistOpen(handle);
    const calls = systems.callsOf(handle.workflowId);
    expect(calls.map((call) => call.name)).toEqual(['getHrisEmployee', 'createDirectoryAccount', 'enrolInPayroll']);
    expect(calls[1]!.request).toEqual({
      step: 'directory-account',
      employeeId: 'E-1',
      username: 'ada.lovelace',
      displayName: 'Ada Lovelace',
      groups: ['all-staff', 'dept-engineering'],
    });
    expect(systems.payroll.get('PAY-E-1')).toEqual({
      employeeId: 'E-1',
      employeeName: 'Ada Lovelace',
      annualSalaryCents: 6_000_000,
      currency: 'EUR',
      firstPayDate: '2026-03-31',
    });
    const it = opened.openTasks.find((task) => task.type === 'it-checklist')!;
    expect(Date.parse(it.dueAt) - Date.parse(it.createdAt)).toBe(2 * DAY);
    expect(opened.openTasks.find((task) => task.type === 'manager-checklist')).toMatchObject({
      assignee: 'max',
      candidateRoles: ['manager'],
    });

    await stack().env.sleep(DAY + 60_000);
    const reminded = await statusWhen(handle, (status) =>
      expect(stepNamed(status, 'it-checklist-1-reminder-1').status).toBe('COMPLETED'),
    );
    expectElapsed(it.createdAt, stepNamed(reminded, 'it-checklist-1-reminder-1').startedAt, DAY);
    expect(systems.mailsOf(handle.workflowId).filter((mail) => mail.to === 'it@ordo.local')).toHaveLength(1);
    await stack().env.sleep(DAY);
    const overdue = await statusWhen(handle, (status) =>
      expect(status.openTasks.find((task) => task.type === 'it-checklist')?.overdue).toBe(true),
    );
    expectElapsed(it.createdAt, stepNamed(overdue, 'it-checklist-1-overdue').completedAt!, 2 * DAY);

    for (const [taskId, role, id] of [
      ['hr-checklist-1', 'hr', 'hanna'],
      ['it-checklist-1', 'it', 'ivan'],
      ['facilities-checklist-1', 'facilities', 'fay'],
      ['manager-checklist-1', 'manager', 'max'],
    ] as const) {
      await completeTask(handle, { taskId, actor: actor(role, id), decision: 'done' });
    }
    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'COMPLETED',
      summary: {
        employeeName: 'Ada Lovelace',
        username: 'ada.lovelace',
        accountId: 'ACC-E-1',
        payrollId: 'PAY-E-1',
        checklist: [
          { type: 'hr-checklist', completedBy: 'hanna' },
          { type: 'it-checklist', completedBy: 'ivan' },
          { type: 'facilities-checklist', completedBy: 'fay' },
          { type: 'manager-checklist', completedBy: 'max' },
        ],
      },
    });
    await replayScenario(handle, 'employee-onboarding', 'completed');
  });

  test('an HRIS record payroll cannot take goes to HR; once fixed, onboarding continues', async () => {
    systems.hris.set('E-2', {
      ...ada,
      employeeId: 'E-2',
      firstName: 'Grace',
      lastName: 'Hopper',
      salary: { amount: 70_000, currency: 'usd', period: 'annual' },
    });
    const handle = await start('E-2', 'E-2');
    const fix = await openTask(handle, 'hr-data-fix-1');
    expect(fix).toMatchObject({
      candidateRoles: ['hr'],
      priority: 'high',
      data: { problems: ['salary.currency: salary currency must be an ISO 4217 code such as EUR'] },
    });
    expect(systems.callsOf(handle.workflowId).map((call) => call.name)).toEqual(['getHrisEmployee']);

    systems.hris.set('E-2', {
      ...ada,
      employeeId: 'E-2',
      firstName: 'Grace',
      lastName: 'Hopper',
      salary: { amount: 70_000, currency: 'USD', period: 'annual' },
    });
    await completeTask(handle, { taskId: 'hr-data-fix-1', actor: actor('hr', 'hanna'), decision: 'fixed' });
    await checklistOpen(handle);
    expect(systems.payroll.get('PAY-E-2')).toMatchObject({
      employeeName: 'Grace Hopper',
      annualSalaryCents: 7_000_000,
      currency: 'USD',
    });
    const status = await statusOfProcess(handle);
    expect(stepNamed(status, 'hris-validation-1')).toMatchObject({ status: 'FAILED' });
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('hr', 'hanna'), reason: 'test over' }] });
    await handle.result();
    await replayScenario(handle, 'employee-onboarding', 'payroll-fixed-by-hr');
  });

  test('cancelled during the checklist: account deprovisioned, payroll record removed, tasks cancelled', async () => {
    systems.hris.set('E-3', { ...ada, employeeId: 'E-3', firstName: 'Alan', lastName: 'Turing' });
    const handle = await start('E-3', 'E-3');
    await checklistOpen(handle);
    expect(systems.accounts.has('ACC-E-3')).toBe(true);
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('hr', 'hanna'), reason: 'offer withdrawn' }] });
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'CANCELLED', reason: 'offer withdrawn' });
    expect(
      systems
        .callsOf(handle.workflowId)
        .map((call) => call.name)
        .slice(-2),
    ).toEqual(['removeFromPayroll', 'deleteDirectoryAccount']);
    expect(systems.accounts.has('ACC-E-3')).toBe(false);
    expect(systems.payroll.has('PAY-E-3')).toBe(false);
    const closed = await statusOfProcess(handle);
    expect(closed.openTasks).toEqual([]);
    expect(stepNamed(closed, 'directory-account').status).toBe('COMPENSATED');
    expect(stepNamed(closed, 'payroll-enrolment').status).toBe('COMPENSATED');
    await replayScenario(handle, 'employee-onboarding', 'cancelled-during-checklist');
  });
});
