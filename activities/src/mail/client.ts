import type { HttpClient, MutationOptions } from '../http/http-client';

export interface MailMessage {
  orderId?: string;
  to: string;
  subject: string;
  body: string;
  attachmentUrl?: string;
}

/** Mail: outgoing messages. */
export class MailClient {
  constructor(private readonly http: HttpClient) {}

  send(message: MailMessage, options: MutationOptions): Promise<{ messageId: string }> {
    return this.http.send('POST', '/messages', { json: message }, options);
  }
}
