import { z } from 'zod';
import { identifierSchema } from './tasks.schemas';

/** Kept in the task's audit. */
const comment = z.string().trim().max(2000).optional();

export const completeTaskBodySchema = z.object({ decision: z.string().trim().min(1).max(64), comment }).strict();
export type CompleteTaskBody = z.output<typeof completeTaskBodySchema>;

/** Claim and release take an optional comment; the body itself may be left out. */
export const taskActionFieldsSchema = z.object({ comment }).strict();
export const taskActionBodySchema = taskActionFieldsSchema.default({});
export type TaskActionBody = z.output<typeof taskActionBodySchema>;

export const assignTaskBodySchema = z.object({ assignee: identifierSchema, comment }).strict();
export type AssignTaskBody = z.output<typeof assignTaskBodySchema>;
