import { Inject, Injectable } from '@nestjs/common';
import type { DecisionTableView, ProcessDescription } from '@ordo/api-views';
import type { ProcessDefinition } from '@ordo/workflows';
import { notFound } from '../errors/api-error';
import { requestJsonSchema } from '../openapi/zod-json-schema';

export const PROCESS_CATALOG = Symbol('ProcessCatalog');

/** A catalog entry as the API publishes it: contracts as JSON Schema, no code. */
export type { ProcessDescription };

@Injectable()
export class ProcessCatalogService {
  constructor(@Inject(PROCESS_CATALOG) private readonly catalog: ReadonlyMap<string, ProcessDefinition>) {}

  names(): string[] {
    return [...this.catalog.keys()];
  }

  /** Every catalog process's definition, in catalog order. */
  definitions(): ProcessDefinition[] {
    return [...this.catalog.values()];
  }

  /** The definition of `name`, or 404 naming the processes that do exist. */
  get(name: string): ProcessDefinition {
    const definition = this.catalog.get(name);
    if (!definition) {
      throw notFound('unknown_process', `Unknown process '${name}'; known processes: ${this.names().join(', ')}`, [
        { path: 'process', message: 'is not in the process catalog' },
      ]);
    }
    return definition;
  }

  describeAll(): ProcessDescription[] {
    return [...this.catalog.values()].map((definition) => ({
      name: definition.name,
      version: definition.version,
      ownerTeam: definition.ownerTeam,
      description: definition.description,
      sla: definition.sla,
      inputSchema: requestJsonSchema(definition.inputSchema),
      events: Object.entries(definition.events).map(([name, event]) => ({
        name,
        description: event.description,
        schema: requestJsonSchema(event.schema),
      })),
      taskTypes: definition.taskTypes,
      decisionTables: (definition.decisionTables ?? []).map(publishedTable),
    }));
  }
}

/** A table as its file says it: the compiled value sets stay inside the workflow code. */
function publishedTable(table: NonNullable<ProcessDefinition['decisionTables']>[number]): DecisionTableView {
  const { name, version, description, hitPolicy, aggregation, inputs, outputs } = table;
  return {
    name,
    version,
    ...(description === undefined ? {} : { description }),
    hitPolicy,
    ...(aggregation === undefined ? {} : { aggregation }),
    inputs,
    outputs,
    rules: table.rules.map(({ id, description: why, when, then }) => ({
      id,
      ...(why === undefined ? {} : { description: why }),
      when,
      then,
    })),
  };
}
