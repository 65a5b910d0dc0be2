import { taskPriorities } from '@ordo/workflows';
import { z } from 'zod';
import { identifierPattern } from '../config/api-config';

/** An actor id, role or process name, as the task routes take them. */
export const identifierSchema = z.string().regex(identifierPattern, 'must be 1-128 letters, digits or . _ @ -');

const booleanFlag = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((value) => value === 'true');

export const inboxQuerySchema = z
  .object({
    role: identifierSchema.optional(),
    assignee: identifierSchema.optional(),
    process: identifierSchema.optional(),
    overdue: booleanFlag.optional(),
    dueBefore: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z' })
      .optional(),
    priority: z.enum(taskPriorities, { error: `must be one of ${taskPriorities.join(', ')}` }).optional(),
    pageSize: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(20),
    pageToken: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type InboxQuery = z.output<typeof inboxQuerySchema>;

export type { Inbox, InboxItem } from '@ordo/api-views';
