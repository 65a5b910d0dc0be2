import type { OnboardingActivities } from '@ordo/workflows';
import { writeOptions } from '../activity-context';
import type { ExternalClients } from '../clients';

/** The activities over payroll: enrolment and removal. */
export function createPayrollActivities({ payroll }: Pick<ExternalClients, 'payroll'>) {
  return {
    async enrolInPayroll({ step, enrolment }) {
      const { payrollId } = await payroll.enrol(enrolment, writeOptions(step));
      return { payrollId };
    },

    async removeFromPayroll({ step, payrollId }) {
      await payroll.remove(payrollId, writeOptions(step));
    },
  } satisfies Pick<OnboardingActivities, 'enrolInPayroll' | 'removeFromPayroll'>;
}
