import type { DocumentApprovalActivities } from '@ordo/workflows';
import { writeOptions } from '../activity-context';
import type { ActivitiesConfig } from '../config';
import { HttpClient } from '../http/http-client';
import { MailClient } from '../mail/client';

/** The activities of document approval (and the process mail the other seed processes share). */
export function createDocumentApprovalActivities(config: ActivitiesConfig): DocumentApprovalActivities {
  const mail = new MailClient(new HttpClient('mail', config.systemUrls.mail, config.httpTimeoutMs, config.bearerTokens?.mail));
  return {
    async sendProcessMail({ reference, step, to, subject, body }) {
      const { messageId } = await mail.send({ orderId: reference, to, subject, body }, writeOptions(step));
      return { messageId };
    },
  };
}
