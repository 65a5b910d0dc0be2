import type { OnboardingActivities } from '@ordo/workflows';
import { writeOptions } from '../activity-context';
import type { ExternalClients } from '../clients';

/** The activities over the directory: user accounts. */
export function createDirectoryActivities({ directory }: Pick<ExternalClients, 'directory'>) {
  return {
    async createDirectoryAccount({ step, employeeId, username, displayName, groups }) {
      const { accountId, email } = await directory.createAccount(
        { employeeId, username, displayName, groups },
        writeOptions(step),
      );
      return { accountId, email };
    },

    async deleteDirectoryAccount({ step, accountId }) {
      await directory.deleteAccount(accountId, writeOptions(step));
    },
  } satisfies Pick<OnboardingActivities, 'createDirectoryAccount' | 'deleteDirectoryAccount'>;
}
