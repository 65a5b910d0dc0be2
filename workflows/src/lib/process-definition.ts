import type { SignalDefinition } from '@temporalio/workflow';
import type { z } from 'zod';

/** An event a process accepts from outside (a payment, a restock), validated before it is signalled. */
export interface ProcessEventDefinition<Payload = unknown> {
  name: string;
  description: string;
  schema: z.ZodType<Payload>;
  signal: SignalDefinition<[Payload]>;
}

/** A catalog entry: everything the API and the worker need to know about a process, and no workflow code. */
export interface ProcessDefinition<Input = unknown> {
  /** URL segment and workflow id prefix, e.g. `order-to-cash`. */
  name: string;
  version: string;
  ownerTeam: string;
  description: string;
  workflowType: string;
  taskQueue: string;
  inputSchema: z.ZodType<Input>;
  events: Record<string, ProcessEventDefinition>;
  /** Every value the process writes to `OrdoStage`, e.g. for per-stage instance counts. */
  stages?: readonly string[];
  /** Task types the process opens, with the roles that act on them. */
  taskTypes: Array<{ type: string; roles: string[]; decisions: string[] }>;
  sla: { completionTarget: string; description: string };
  /** The decision tables the process evaluates, at the versions this process version ships with. */
  decisionTables?: Array<{ name: string; version: string }>;
}

export const ordoTaskQueue = 'ordo-processes';

/** Workflow id = `<process>:<businessKey>` (DESIGN.md decision 2). */
export function workflowIdFor(process: string, businessKey: string): string {
  return `${process}:${businessKey}`;
}

/** Business keys become part of workflow ids and idempotency keys: keep them URL- and header-safe. */
export const businessKeyPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
