export { HumanTasks, type HumanTaskOptions } from './human-tasks';
export type { EscalationLevel, OpenedTask, TaskHooks, TaskOutcome, TaskSpec } from './types';
export { assertCompleteTaskRequest, assertMayComplete } from './completion-rules';
export {
  assertAssignTaskRequest,
  assertClaimTaskRequest,
  assertMayAssign,
  assertMayClaim,
  assertMayRelease,
  assertReleaseTaskRequest,
} from './assignment-rules';
export { escalatedRoles } from './escalation';
export { fourEyesFor } from './four-eyes';
export { priorityRank } from './priority';
export { inboxFields, inboxSearchAttributeUpdates, type InboxFields } from './inbox-search-attributes';
