import type { OnboardingActivities } from '@ordo/workflows';
import { readOptions, writeOptions } from '../activity-context';
import type { ActivitiesConfig } from '../config';
import { createDocumentApprovalActivities } from '../document-approval/activities';
import { DirectoryClient } from '../directory/client';
import { HrisClient } from '../hris/client';
import { HttpClient } from '../http/http-client';
import { PayrollClient } from '../payroll/client';

/** The activities of employee onboarding over HRIS, directory and payroll. */
export function createOnboardingActivities(config: ActivitiesConfig): OnboardingActivities {
  const http = (system: 'directory' | 'hris' | 'payroll') => new HttpClient(system, config.systemUrls[system], config.httpTimeoutMs, config.bearerTokens?.[system]);
  const directory = new DirectoryClient(http('directory'));
  const hris = new HrisClient(http('hris'));
  const payroll = new PayrollClient(http('payroll'));
  return {
    ...createDocumentApprovalActivities(config),

    async getHrisEmployee({ employeeId }) {
      return hris.employee(employeeId, readOptions());
    },

    async createDirectoryAccount({ step, employeeId, username, displayName, groups }) {
      const { accountId, email } = await directory.createAccount({ employeeId, username, displayName, groups }, writeOptions(step));
      return { accountId, email };
    },

    async deleteDirectoryAccount({ step, accountId }) {
      await directory.deleteAccount(accountId, writeOptions(step));
    },

    async enrolInPayroll({ step, enrolment }) {
      const { payrollId } = await payroll.enrol(enrolment, writeOptions(step));
      return { payrollId };
    },

    async removeFromPayroll({ step, payrollId }) {
      await payroll.remove(payrollId, writeOptions(step));
    },
  };
}
