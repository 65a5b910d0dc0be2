import { proxyExternalCalls } from './external-calls';
import type { TaskHooks } from './human-task';
import { roleMailbox } from './mailboxes';
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

export { roleMailbox };

/**
 * The activity that sends one mail: `sendProcessMail` unless the process has a mail activity of its own
 * (order-to-cash's `sendMail`, which takes attachments).
 */
export type MailActivity<Mail extends ProcessMail = ProcessMail> = (message: Mail) => Promise<{ messageId: string }>;

// Mail is transient when it fails: retried with backoff without a cap, like every external call.
const mail = proxyExternalCalls<ProcessMailActivities>();
const processMailActivity: MailActivity = (message) => mail.sendProcessMail(message);

/** Sends one notification as a step of the process (the step name is also its idempotency key). */
export async function sendProcessMail<Mail extends ProcessMail>(
  tracker: ProcessTracker<string>,
  message: Mail,
  send: MailActivity<Mail> = processMailActivity,
): Promise<void> {
  await tracker.runStep(
    message.step,
    () => send(message),
    (sent) => `mail ${sent.messageId} to ${message.to}`,
  );
}

function describeTask(task: TaskView): string {
  return `Task ${task.taskId} (${task.title}) is due at ${task.dueAt}.`;
}

/**
 * Reminder, escalation and overdue mails of a process's human tasks to the mailboxes of the task's
 * roles, sent through `send`. Shared by the seed processes; `reference` is the instance's business key.
 */
export function processMailHooks(
  tracker: ProcessTracker<string>,
  reference: string,
  send: MailActivity = processMailActivity,
): TaskHooks {
  const mailRoles = async (roles: string[], step: string, subject: string, body: string) => {
    for (const role of roles) {
      await sendProcessMail(
        tracker,
        { reference, step: roles.length === 1 ? step : `${step}-${role}`, to: roleMailbox(role), subject, body },
        send,
      );
    }
  };
  return {
    onReminder: (task, step) => mailRoles(task.candidateRoles, step, `Reminder: ${task.title}`, describeTask(task)),
    // The task helper records the escalation itself under `step`; the mail is a step of its own.
    onEscalated: (task, previousRoles, step) =>
      mailRoles(
        task.candidateRoles,
        `${step}-mail`,
        `Escalated to you: ${task.title}`,
        `${previousRoles.join(', ')} did not act in time. ${describeTask(task)}`,
      ),
    onOverdue: (task, step) =>
      mailRoles(
        task.candidateRoles,
        `${step}-mail`,
        `Overdue: ${task.title}`,
        `${describeTask(task)} It is now overdue.`,
      ),
  };
}
