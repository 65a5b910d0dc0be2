import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { HrisEmployee, OnboardingActivities } from '../../src/onboarding/activities-contract';
import { createMailRecorder } from './process-mail-activities';

export interface SystemCall {
  name: keyof OnboardingActivities;
  workflowId: string;
  request: Record<string, unknown>;
}

/** In-memory HRIS, directory and payroll for onboarding tests; records every call by workflow. */
export function createOnboardingSystems() {
  const mail = createMailRecorder();
  const calls: SystemCall[] = [];
  const hris = new Map<string, unknown>();
  const accounts = new Map<string, { username: string; groups: string[] }>();
  const payroll = new Map<string, unknown>();
  const record = (name: keyof OnboardingActivities, request: object) =>
    calls.push({
      name,
      workflowId: Context.current().info.workflowExecution?.workflowId ?? '',
      request: { ...request },
    });

  const activities: OnboardingActivities = {
    sendProcessMail: mail.activities.sendProcessMail,
    async getHrisEmployee(req) {
      record('getHrisEmployee', req);
      const employee = hris.get(req.employeeId);
      if (!employee) throw ApplicationFailure.nonRetryable(`employee ${req.employeeId} not found`, 'EmployeeNotFound');
      return structuredClone(employee) as HrisEmployee;
    },
    async createDirectoryAccount(req) {
      record('createDirectoryAccount', req);
      const accountId = `ACC-${req.employeeId}`;
      accounts.set(accountId, { username: req.username, groups: req.groups });
      return { accountId, email: `${req.username}@corp.test` };
    },
    async deleteDirectoryAccount(req) {
      record('deleteDirectoryAccount', req);
      accounts.delete(req.accountId);
    },
    async enrolInPayroll(req) {
      record('enrolInPayroll', req);
      const payrollId = `PAY-${req.enrolment.employeeId}`;
      payroll.set(payrollId, req.enrolment);
      return { payrollId };
    },
    async removeFromPayroll(req) {
      record('removeFromPayroll', req);
      payroll.delete(req.payrollId);
    },
  };
  return {
    activities,
    hris,
    accounts,
    payroll,
    mailsOf: mail.mailsOf,
    callsOf: (workflowId: string) => calls.filter((call) => call.workflowId === workflowId),
  };
}
