import { type InboxTaskView, openTasksMemoKey } from '../process-contract';

/** The memo update mirroring the open tasks; the key is removed (null) when none is open, like the inbox search attributes. */
export function inboxMemo(openTasks: readonly InboxTaskView[]): Record<string, InboxTaskView[] | null> {
  return { [openTasksMemoKey]: openTasks.length > 0 ? [...openTasks] : null };
}
