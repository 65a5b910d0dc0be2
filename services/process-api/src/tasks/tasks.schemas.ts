import { type InboxTaskView, taskPriorities } from '@ordo/workflows';
import { z } from 'zod';
import { identifierPattern } from '../config/api-config';

const identifier = z.string().regex(identifierPattern, 'must be 1-128 letters, digits or . _ @ -');
const comment = z.string().trim().max(2000).optional();

/** Claim and release take an optional comment for the task's audit; the body itself may be left out. */
export const taskActionFieldsSchema = z.object({ comment }).strict();
export const taskActionBodySchema = taskActionFieldsSchema.default({});
export type TaskActionBody = z.output<typeof taskActionBodySchema>;

export const assignTaskBodySchema = z.object({ assignee: identifier, comment }).strict();
export type AssignTaskBody = z.output<typeof assignTaskBodySchema>;

const booleanFlag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true');

export const inboxQuerySchema = z
  .object({
    role: identifier.optional(),
    assignee: identifier.optional(),
    process: identifier.optional(),
    overdue: booleanFlag.optional(),
    dueBefore: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z' }).optional(),
    priority: z.enum(taskPriorities, { error: `must be one of ${taskPriorities.join(', ')}` }).optional(),
    pageSize: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(20),
    pageToken: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type InboxQuery = z.output<typeof inboxQuerySchema>;

/** A task without its audit (the instance's status has it), with where it lives. */
export type InboxItem = { process: string; businessKey: string; workflowId: string } & InboxTaskView;

export interface Inbox {
  items: InboxItem[];
  /** Pass as `pageToken` (with the same filters) for the next page; null on the last page. */
  nextPageToken: string | null;
  /** True when some instances could not be read (no worker answered) or the scan limit was reached. */
  partial: boolean;
}
