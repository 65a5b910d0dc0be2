import type { DocumentApprovalActivities, OnboardingActivities } from '@ordo/workflows';
import { writeOptions } from '../activity-context';
import type { ExternalClients } from '../clients';

/**
 * Process mail, shared by every process: the notifications of `workflows/src/lib/process-mail.ts` (reminders,
 * escalations, a process's own notices), sent through the mail system with `reference` as the business key.
 */
export function createProcessMailActivities({ mail }: Pick<ExternalClients, 'mail'>) {
  return {
    async sendProcessMail({ reference, step, to, subject, body }) {
      const { messageId } = await mail.send({ orderId: reference, to, subject, body }, writeOptions(step));
      return { messageId };
    },
  } satisfies DocumentApprovalActivities & Pick<OnboardingActivities, 'sendProcessMail'>;
}
