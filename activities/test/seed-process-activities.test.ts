import { createActivities, loadActivitiesConfig } from '../src';
import { ActivityRunner, asReportedFailure, rejectionOf } from './support/activity-harness';
import { startSandboxProcess, type SandboxProcess } from '@ordo/testing';

describe('onboarding and process-mail activities against a real sandbox', () => {
  let sandbox: SandboxProcess;
  let activities: ReturnType<typeof createActivities>;
  const env = () => new ActivityRunner('employee-onboarding:E-1001');

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    activities = createActivities(
      loadActivitiesConfig({ ORDO_SANDBOX_URL: sandbox.url, ORDO_HTTP_TIMEOUT_MS: '2000' }),
    );
  }, 120_000);
  afterAll(() => sandbox?.stop());
  beforeEach(() => sandbox.call('POST', '/reset'));

  it('reads HRIS records as HRIS keeps them; an unknown employee is a non-retryable EmployeeNotFound', async () => {
    expect(await env().run(activities.getHrisEmployee, { employeeId: 'E-1002' })).toMatchObject({
      lastName: '',
      salary: { currency: 'eur' },
    });
    const failure = asReportedFailure(
      await rejectionOf(env().run(activities.getHrisEmployee, { employeeId: 'E-404' })),
    );
    expect(failure).toMatchObject({ type: 'EmployeeNotFound', nonRetryable: true });
  });

  it('provisions and deprovisions an account, enrols and removes payroll, each effect once per step', async () => {
    const account = {
      step: 'directory-account',
      employeeId: 'E-1001',
      username: 'ada.lovelace',
      displayName: 'Ada Lovelace',
      groups: ['all-staff'],
    };
    const created = await env().run(activities.createDirectoryAccount, account);
    expect(await env().run(activities.createDirectoryAccount, account)).toEqual(created);
    expect(created).toEqual({ accountId: expect.stringMatching(/^ACC-/), email: 'ada.lovelace@corp.example' });

    const enrolment = {
      employeeId: 'E-1001',
      employeeName: 'Ada Lovelace',
      annualSalaryCents: 7_800_000,
      currency: 'EUR',
      firstPayDate: '2026-03-31',
    };
    const { payrollId } = await env().run(activities.enrolInPayroll, { step: 'payroll-enrolment', enrolment });
    await env().run(activities.removeFromPayroll, { step: 'remove-from-payroll', payrollId });
    await env().run(activities.deleteDirectoryAccount, { step: 'deprovision-account', accountId: created.accountId });

    const ledger = await sandbox.ledger();
    expect(ledger.map((entry) => `${entry.system} ${entry.action} ${entry.idempotencyKey}`)).toEqual([
      'directory account.created employee-onboarding:E-1001:directory-account',
      'payroll employee.enrolled employee-onboarding:E-1001:payroll-enrolment',
      'payroll employee.removed employee-onboarding:E-1001:remove-from-payroll',
      'directory account.deleted employee-onboarding:E-1001:deprovision-account',
    ]);
  });

  it('a username held by someone else is a non-retryable UsernameTaken', async () => {
    const account = { employeeId: 'E-1001', username: 'ada.lovelace', displayName: 'Ada Lovelace', groups: [] };
    await env().run(activities.createDirectoryAccount, { ...account, step: 'a' });
    const clash = await rejectionOf(
      env().run(activities.createDirectoryAccount, { ...account, employeeId: 'E-9', step: 'b' }),
    );
    expect(asReportedFailure(clash)).toMatchObject({ type: 'UsernameTaken', nonRetryable: true });
  });

  it('sends process mail with the business key as reference', async () => {
    const sent = await new ActivityRunner('support-ticket:T-1').run(activities.sendProcessMail, {
      reference: 'T-1',
      step: 'response-1',
      to: 'help@acme.example',
      subject: 'Re: login',
      body: 'Reset link sent.',
    });
    expect(sent.messageId).toMatch(/^MSG-/);
    const outbox = await sandbox.call('GET', '/mail/outbox?orderId=T-1');
    expect(outbox.messages).toEqual([expect.objectContaining({ to: 'help@acme.example', subject: 'Re: login' })]);
    expect((await sandbox.ledger())[0]).toMatchObject({ idempotencyKey: 'support-ticket:T-1:response-1' });
  });
});
