import type { OrderToCashActivities } from '@ordo/workflows';
import { writeOptions } from '../activity-context';
import type { ExternalClients } from '../clients';

/** The activities over mail that a process calls itself: order-to-cash's `sendMail`, which takes an attachment. */
export function createMailActivities({ mail }: Pick<ExternalClients, 'mail'>) {
  return {
    async sendMail({ orderId, step, to, subject, body, attachmentUrl }) {
      const { messageId } = await mail.send({ orderId, to, subject, body, attachmentUrl }, writeOptions(step));
      return { messageId };
    },
  } satisfies Pick<OrderToCashActivities, 'sendMail'>;
}
