import type { TaskView } from '../lib/process-contract';
import type { TaskHooks } from '../lib/human-task';
import { activities } from './activity-proxies';
import { roleMailbox } from './activities-contract';
import type { OrderContext } from './order-context';

export async function sendMail(
  ctx: OrderContext,
  step: string,
  mail: { to: string; subject: string; body: string; attachmentUrl?: string },
): Promise<void> {
  await ctx.tracker.runStep(
    step,
    () => activities.sendMail({ orderId: ctx.orderId, step, ...mail }),
    (sent) => `mail ${sent.messageId} to ${mail.to}`,
  );
}

async function mailRoles(ctx: OrderContext, roles: string[], step: string, subject: string, body: string): Promise<void> {
  for (const role of roles) {
    await sendMail(ctx, roles.length === 1 ? step : `${step}-${role}`, { to: roleMailbox(role), subject, body });
  }
}

function describe(task: TaskView): string {
  return `Task ${task.taskId} (${task.title}) is due at ${task.dueAt}.`;
}

/** Reminder, escalation and overdue mails to the mailboxes of the task's roles. */
export function roleMailHooks(ctx: OrderContext): TaskHooks {
  return {
    onReminder: (task, step) => mailRoles(ctx, task.candidateRoles, step, `Reminder: ${task.title}`, describe(task)),
    // The task helper records the escalation itself under `step`; the mail is a step of its own.
    onEscalated: (task, previousRoles, step) =>
      mailRoles(
        ctx,
        task.candidateRoles,
        `${step}-mail`,
        `Escalated to you: ${task.title}`,
        `${previousRoles.join(', ')} did not act in time. ${describe(task)}`,
      ),
    onOverdue: (task, step) =>
      mailRoles(ctx, task.candidateRoles, `${step}-mail`, `Overdue: ${task.title}`, `${describe(task)} It is now overdue.`),
  };
}
