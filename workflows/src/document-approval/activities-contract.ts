import type { ProcessMail } from '../lib/process-mail';

export type { ProcessMail };

/**
 * The activities document approval calls, implemented in `@ordo/activities`. It only notifies people:
 * the document itself stays wherever `documentUrl` points.
 *
 * `step` makes the call idempotent: the activity sends `Idempotency-Key: <workflowId>:<step>`.
 */
export interface DocumentApprovalActivities {
  /** Mail: a notification about a process instance (`reference` is its business key). */
  sendProcessMail(req: ProcessMail): Promise<{ messageId: string }>;
}

/** Mailbox of a person, by actor id, for notifications about their own requests. */
export function personMailbox(actorId: string): string {
  return `${actorId}@ordo.local`;
}
