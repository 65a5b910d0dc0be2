import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { TaskHooks } from './human-task';
import type { TaskView } from './process-contract';
import type { ProcessTracker } from './process-tracker';

/** A notification about a process instance; `reference` is its business key. */
export interface ProcessMail {
  reference: string;
  step: string;
  to: string;
  subject: string;
  body: string;
}

/**
 * The mail activity every seed process calls, implemented in `@ordo/activities`. `step` makes the
 * call idempotent: the activity sends `Idempotency-Key: <workflowId>:<step>`.
 */
export interface ProcessMailActivities {
  sendProcessMail(req: ProcessMail): Promise<{ messageId: string }>;
}

// Mail is transient when it fails: retried with backoff without a cap, like every external call.
const retry: ActivityOptions['retry'] = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };
const mail = proxyActivities<ProcessMailActivities>({ startToCloseTimeout: '30 seconds', retry });

/** Sends one notification as a step of the process (the step name is also its idempotency key). */
export async function sendProcessMail(tracker: ProcessTracker<string>, message: ProcessMail): Promise<void> {
  await tracker.runStep(
    message.step,
    () => mail.sendProcessMail(message),
    (sent) => `mail ${sent.messageId} to ${message.to}`,
  );
}

/** Addresses of role mailboxes for task notifications (the same convention as order-to-cash). */
export function roleMailbox(role: string): string {
  return `${role}@ordo.local`;
}

function describeTask(task: TaskView): string {
  return `Task ${task.taskId} (${task.title}) is due at ${task.dueAt}.`;
}

/**
 * Reminder, escalation and overdue mails of a process's human tasks to the mailboxes of the task's
 * roles. Shared by the seed processes; `reference` is the instance's business key.
 */
export function processMailHooks(tracker: ProcessTracker<string>, reference: string): TaskHooks {
  const mailRoles = async (roles: string[], step: string, subject: string, body: string) => {
    for (const role of roles) {
      await sendProcessMail(tracker, { reference, step: roles.length === 1 ? step : `${step}-${role}`, to: roleMailbox(role), subject, body });
    }
  };
  return {
    onReminder: (task, step) => mailRoles(task.candidateRoles, step, `Reminder: ${task.title}`, describeTask(task)),
    // The task helper records the escalation itself under `step`; the mail is a step of its own.
    onEscalated: (task, previousRoles, step) =>
      mailRoles(task.candidateRoles, `${step}-mail`, `Escalated to you: ${task.title}`, `${previousRoles.join(', ')} did not act in time. ${describeTask(task)}`),
    onOverdue: (task, step) =>
      mailRoles(task.candidateRoles, `${step}-mail`, `Overdue: ${task.title}`, `${describeTask(task)} It is now overdue.`),
  };
}
