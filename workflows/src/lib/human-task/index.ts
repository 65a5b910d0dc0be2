export { HumanTasks } from './human-tasks';
export type { OpenedTask, TaskHooks, TaskOutcome, TaskSpec } from './types';
export { assertCompleteTaskRequest, assertMayComplete } from './completion-rules';
export { escalatedRoles } from './escalation';
export { inboxFields, inboxSearchAttributeUpdates, type InboxFields } from './inbox-search-attributes';
