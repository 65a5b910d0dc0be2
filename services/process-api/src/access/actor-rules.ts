import { type Actor, type ActorRule, oversightRoles, type ProcessDefinition } from '@ordo/workflows';

/** What an instance tells about who takes part in it, from its search attributes. */
export interface Participation {
  requestedBy?: string;
  openTaskRoles: readonly string[];
  openTaskAssignees: readonly string[];
}

export function holdsAnyRole(actor: Actor, roles: readonly string[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

/** Whether the rule lets the actor act, without looking at the instance: by role, or because anyone may. */
export function allowsByRole(rule: ActorRule, actor: Actor): boolean {
  return rule.anyone === true || holdsAnyRole(actor, rule.roles);
}

export function allows(rule: ActorRule, actor: Actor, requestedBy: string | undefined): boolean {
  return (
    allowsByRole(rule, actor) || (rule.requester === true && requestedBy !== undefined && requestedBy === actor.id)
  );
}

/** "one of the roles manager, cfo, or the instance's requester": what a refusal tells the caller they need. */
export function describeRule(rule: ActorRule): string {
  if (rule.anyone) return 'a signed-in caller';
  const parts = [
    ...(rule.roles.length > 0 ? [`one of the roles ${rule.roles.join(', ')}`] : []),
    ...(rule.requester ? ["being the instance's requester"] : []),
  ];
  return parts.length > 0 ? parts.join(', or ') : 'a right nobody holds';
}

/** Reading follows the process's rule; analysts and auditors read every process. */
export function readRuleOf(definition: ProcessDefinition): ActorRule {
  return { ...definition.access.read, roles: [...new Set([...definition.access.read.roles, ...oversightRoles])] };
}

/**
 * A participant reads the instance while they take part: as its requester (where the rule says so) or as someone an
 * open task is offered to (one of its roles) or assigned to.
 */
export function mayRead(definition: ProcessDefinition, actor: Actor, participation: Participation): boolean {
  if (allows(readRuleOf(definition), actor, participation.requestedBy)) return true;
  return holdsAnyRole(actor, participation.openTaskRoles) || participation.openTaskAssignees.includes(actor.id);
}
