import { Injectable } from '@nestjs/common';
import type { InsightsAnswer, WhatIfResponse } from '@ordo/api-views';
import type { DecisionTable, ProcessDefinition } from '@ordo/workflows';
import { notFound } from '../errors/api-error';
import { isoDurationSeconds } from './analysis/iso-duration';
import { tableFileOfDmn } from './dmn/dmn-table';
import { rootCauses } from './insights/root-causes';
import { selectTarget } from './insights/targets';
import type { DmnImportBody, InsightsQuery, WhatIfBody } from './mining.schemas';
import type { MiningEvent } from './store/mining-records';
import { MiningStoreProvider } from './store/mining-store.provider';
import { loadCandidateTable } from './what-if/candidate-table';
import { bindingOf, type DecisionBinding } from './what-if/decision-bindings';
import { whatIf } from './what-if/what-if';

export type { InsightsAnswer, WhatIfResponse };

export interface DmnAnswer {
  process: string;
  /** The table in Ordo's format, checked like a committed one: ready to commit as a new version. */
  table: Record<string, unknown>;
}

/** The object an instance of each process is, in explanations ("orders of customer C-200 are…"). */
const caseNouns: Readonly<Record<string, string>> = {
  'order-to-cash': 'order',
  'document-approval': 'document',
  'purchase-requisition': 'requisition',
  'support-ticket': 'ticket',
};

function nextVersion(version: string): string {
  return /^\d+$/.test(version) ? String(Number(version) + 1) : `${version}-next`;
}

/** Root causes, what-if and DMN import: read the store, write nothing (decision 9). */
@Injectable()
export class MiningInsightsService {
  constructor(private readonly stores: MiningStoreProvider) {}

  async insights(definition: ProcessDefinition, query: InsightsQuery): Promise<InsightsAnswer> {
    const store = await this.stores.store();
    const filter = {
      process: definition.name,
      ...(query.version !== undefined && { version: query.version }),
      ...(query.from !== undefined && { fromMs: Date.parse(query.from) }),
      ...(query.to !== undefined && { toMs: Date.parse(query.to) }),
    };
    // Root causes read of the events only the roles that completed human tasks (see attributesOfCase).
    const [cases, events] = [
      await store.cases(filter),
      await store.events(filter, { kind: 'task', lifecycle: 'complete' }),
    ];
    const eventsByRun = new Map<string, MiningEvent[]>();
    for (const event of events) {
      const ofRun = eventsByRun.get(event.runId);
      if (ofRun) ofRun.push(event);
      else eventsByRun.set(event.runId, [event]);
    }
    const selection = selectTarget(query.target, cases, {
      slaSeconds: isoDurationSeconds(definition.sla.completionTarget) ?? Number.MAX_SAFE_INTEGER,
      ...(query.slowerThan !== undefined && { slowerThanSeconds: isoDurationSeconds(query.slowerThan)! }),
      nowMs: Date.now(),
    });
    const noun = caseNouns[definition.name] ?? 'instance';
    return {
      process: definition.name,
      target: query.target,
      definition: `${selection.definition}; per attribute value Fisher's exact test (one-sided, greater) against the rest, Benjamini–Hochberg adjusted, significant below 0.05`,
      ...rootCauses(selection, eventsByRun, noun),
    };
  }

  private binding(definition: ProcessDefinition): DecisionBinding {
    const binding = bindingOf(definition.name);
    if (!binding)
      throw notFound('no_routing_table', `${definition.name} has no decision table bound to its event log`, [
        { path: 'process', message: 'what-if and DMN import know the tables of order-to-cash' },
      ]);
    return binding;
  }

  private async candidateOf(binding: DecisionBinding, body: WhatIfBody): Promise<DecisionTable> {
    if (body.table !== undefined) return loadCandidateTable(body.table, binding, 'table');
    const file = await tableFileOfDmn({
      xml: body.dmn!,
      ...(body.decision !== undefined && { decision: body.decision }),
      tableName: binding.committed.name,
      version: `${binding.committed.version}-dmn`,
    });
    return loadCandidateTable(file, binding, 'dmn');
  }

  async whatIf(definition: ProcessDefinition, body: WhatIfBody): Promise<WhatIfResponse> {
    const binding = this.binding(definition);
    const candidate = await this.candidateOf(binding, body);
    const store = await this.stores.store();
    const filter = { process: definition.name };
    const answer = whatIf(binding, candidate, await store.cases(filter), await store.bottlenecks(filter), body.last);
    return { process: definition.name, ...answer };
  }

  async importDmn(definition: ProcessDefinition, body: DmnImportBody): Promise<DmnAnswer> {
    const binding = this.binding(definition);
    const table = await tableFileOfDmn({
      xml: body.dmn,
      ...(body.decision !== undefined && { decision: body.decision }),
      tableName: binding.committed.name,
      version: body.version ?? nextVersion(binding.committed.version),
    });
    loadCandidateTable(table, binding, 'dmn');
    return { process: definition.name, table };
  }
}
