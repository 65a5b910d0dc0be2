import type { ProcessDefinition } from './lib/process-definition';
import { orderToCashProcess } from './order-to-cash/contract';

/** The process catalog: every process Ordo runs, by name. */
export const processCatalog: ReadonlyMap<string, ProcessDefinition> = new Map<string, ProcessDefinition>(
  [orderToCashProcess as ProcessDefinition].map((definition) => [definition.name, definition]),
);
