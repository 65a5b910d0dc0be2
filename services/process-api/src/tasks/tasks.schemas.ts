import type { TaskView } from '@ordo/workflows';
import { z } from 'zod';
import { identifierPattern } from '../config/api-config';

const identifier = z.string().regex(identifierPattern, 'must be 1-128 letters, digits or . _ @ -');

export const inboxQuerySchema = z.object({ role: identifier.optional(), assignee: identifier.optional() }).strict();
export type InboxQuery = z.output<typeof inboxQuerySchema>;

export type InboxItem = { process: string; businessKey: string; workflowId: string } & TaskView;

export interface Inbox {
  items: InboxItem[];
  /** True when some instances could not be read (no worker answered) or the scan limit was reached. */
  partial: boolean;
}
