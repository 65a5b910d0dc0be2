import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type ActorRule,
  type ProcessDefinition,
  type ProcessEventDefinition,
  searchAttributes,
} from '@ordo/workflows';
import { forbidden } from '../errors/api-error';
import { ProcessInstanceReader } from '../processes/process-instance-reader.service';
import { literal, literalList } from '../temporal/visibility';
import { allows, allowsByRole, describeRule, readRuleOf } from './actor-rules';

/**
 * The process contracts' access rules, enforced before anything reaches Temporal: who starts, lists, cancels and
 * sends events. Task actions are decided by the workflow's own validators (candidate roles, four-eyes).
 */
@Injectable()
export class ProcessAccess {
  constructor(private readonly reader: ProcessInstanceReader) {}

  assertMayStart(definition: ProcessDefinition, actor: Actor): void {
    if (!allowsByRole(definition.access.start, actor))
      throw refusal(actor, `Starting ${definition.name}`, definition.access.start);
  }

  /**
   * The visibility condition limiting a listing to what the actor may read, or undefined when they read every
   * instance: a participant sees the instances they requested and those with a task for them.
   */
  listScope(definition: ProcessDefinition, actor: Actor): string | undefined {
    const rule = readRuleOf(definition);
    if (allowsByRole(rule, actor)) return undefined;
    const mine = [
      ...(rule.requester ? [`${searchAttributes.requestedBy.name} = ${literal(actor.id)}`] : []),
      ...(actor.roles.length > 0 ? [`${searchAttributes.openTaskRoles.name} IN ${literalList(actor.roles)}`] : []),
      `${searchAttributes.openTaskAssignees.name} = ${literal(actor.id)}`,
    ];
    return `(${mine.join(' OR ')})`;
  }

  async assertMayCancel(definition: ProcessDefinition, businessKey: string, actor: Actor): Promise<void> {
    await this.assertAllowed(
      definition,
      businessKey,
      actor,
      definition.access.cancel,
      `Cancelling ${definition.name} instances`,
    );
  }

  async assertMaySend(
    definition: ProcessDefinition,
    event: ProcessEventDefinition,
    businessKey: string,
    actor: Actor,
  ): Promise<void> {
    await this.assertAllowed(
      definition,
      businessKey,
      actor,
      event.senders,
      `Sending ${event.name} to ${definition.name} instances`,
    );
  }

  /** By role without a look at the instance; a rule that also lets the requester in reads who that is. */
  private async assertAllowed(
    definition: ProcessDefinition,
    businessKey: string,
    actor: Actor,
    rule: ActorRule,
    what: string,
  ) {
    if (allowsByRole(rule, actor)) return;
    if (rule.requester) {
      const facts = await this.reader.facts(definition, businessKey);
      if (!facts) throw this.reader.instanceNotFound(definition, businessKey);
      if (allows(rule, actor, facts.participation.requestedBy)) return;
    }
    throw refusal(actor, what, rule);
  }
}

function refusal(actor: Actor, what: string, rule: ActorRule) {
  return forbidden(`${what} needs ${describeRule(rule)}`, [
    { path: 'authorization', message: `${actor.id} (roles ${actor.roles.join(', ') || 'none'}) may not do this` },
  ]);
}
