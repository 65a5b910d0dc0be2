import type { OnboardingActivities } from '@ordo/workflows';
import { readOptions } from '../activity-context';
import type { ExternalClients } from '../clients';

/** The activities over HRIS: employee master data. */
export function createHrisActivities({ hris }: Pick<ExternalClients, 'hris'>) {
  return {
    async getHrisEmployee({ employeeId }) {
      return hris.employee(employeeId, readOptions());
    },
  } satisfies Pick<OnboardingActivities, 'getHrisEmployee'>;
}
