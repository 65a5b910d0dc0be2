import { z } from 'zod';
import { created, ok } from '../http/answers';
import { identifier } from '../http/common-schemas';
import type { SystemRouter } from '../http/system-router';
import { Sequence } from '../core/sequence';

interface MailMessage {
  messageId: string;
  orderId?: string;
  to: string;
  subject: string;
  body: string;
  attachmentUrl?: string;
  sentAt: string;
}

const messageRequest = z.object({
  orderId: identifier.optional(),
  to: z.email(),
  subject: z.string().trim().min(1).max(500),
  body: z.string().max(100_000),
  attachmentUrl: z.url({ protocol: /^https?$/ }).optional(),
});
const outboxQuery = z.object({ orderId: identifier.optional() });

/** Mail: an outbox instead of real delivery. */
export class Mail {
  private outbox: MailMessage[] = [];
  private readonly messageIds = new Sequence('MSG');

  constructor(private readonly now: () => Date) {}

  reset(): void {
    this.outbox = [];
  }

  send(message: z.infer<typeof messageRequest>): MailMessage {
    const sent: MailMessage = { ...message, messageId: this.messageIds.issue(), sentAt: this.now().toISOString() };
    this.outbox.push(sent);
    return sent;
  }

  messages(orderId?: string): MailMessage[] {
    return this.outbox.filter((message) => orderId === undefined || message.orderId === orderId);
  }
}

export function registerMailRoutes(router: SystemRouter, mail: Mail): void {
  router.read('/outbox', { query: outboxQuery }, ({ query }) => ok({ messages: mail.messages(query.orderId) }));

  router.write('POST', '/messages', { body: messageRequest }, ({ body, record }) => {
    const message = mail.send(body);
    record('message.sent', body.orderId ?? null, {
      messageId: message.messageId,
      to: body.to,
      subject: body.subject,
      attachmentUrl: body.attachmentUrl,
    });
    return created({ messageId: message.messageId });
  });
}
