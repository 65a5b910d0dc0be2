import type { SignalDefinition } from '@temporalio/workflow';
import type { z } from 'zod';
// Type-only: importers of a contract (the API) load no workflow code; the compiler alone reads the bundle entry.
import type * as workflowBundle from '../workflows';
import type { DecisionTable } from './decision-table';
import type { ProcessResult, ProcessStart } from './process-contract';

/**
 * The name of a process workflow function that the worker's bundle entry (`workflows.ts`) exports. A catalog entry's
 * `workflowType` has this type, so a name that the bundle does not export (a typo, a renamed function, a workflow
 * left out of `workflows.ts`) fails to compile; `test/catalog-registration.test.ts` checks the same at run time.
 */
export type BundledWorkflowType = {
  [Name in keyof typeof workflowBundle]: (typeof workflowBundle)[Name] extends (
    start: ProcessStart<never>,
  ) => Promise<ProcessResult>
    ? Name
    : never;
}[keyof typeof workflowBundle];

/**
 * Who may do something to a process: anyone signed in, holders of one of `roles`, and — where `requester` is
 * set — the person who started the instance. Declared per process; the API enforces it before anything
 * reaches Temporal.
 */
export interface ActorRule {
  roles: readonly string[];
  requester?: boolean;
  /** Every authenticated actor (e.g. anybody may ask for a document's sign-off). */
  anyone?: boolean;
}

/** The rules of one process: who starts it, reads its instances, cancels them. Events carry their own (`senders`). */
export interface ProcessAccess {
  start: ActorRule;
  /** Besides these, whoever an open task is offered or assigned to reads the instance, and so do `oversightRoles`. */
  read: ActorRule;
  cancel: ActorRule;
}

/** Roles that read every instance of every process (never act on one): analysts of the processes and auditors. */
export const oversightRoles = ['process-analyst', 'auditor'] as const;

/** An event a process accepts from outside (a payment, a restock), validated before it is delivered. */
export interface ProcessEventDefinition<Payload = unknown> {
  name: string;
  description: string;
  schema: z.ZodType<Payload>;
  /** The signal older instances and Temporal-side senders use; the API delivers events as `processEventUpdate`. */
  signal: SignalDefinition<[Payload]>;
  senders: ActorRule;
  /**
   * The payload field that identifies one event (a payment's reference), compared in any letter case: an event whose
   * key was taken before is answered as taken again and changes nothing, also once the instance has closed.
   */
  idempotencyKey?: keyof Payload & string;
}

/** A catalog entry: everything the API and the worker need to know about a process, and no workflow code. */
export interface ProcessDefinition<Input = unknown> {
  /** URL segment and workflow id prefix, e.g. `order-to-cash`. */
  name: string;
  version: string;
  ownerTeam: string;
  description: string;
  /** The workflow function's export name in `workflows.ts` (checked by the compiler, see {@link BundledWorkflowType}). */
  workflowType: BundledWorkflowType;
  taskQueue: string;
  inputSchema: z.ZodType<Input>;
  events: Record<string, ProcessEventDefinition>;
  /** Every value the process writes to `OrdoStage`, e.g. for per-stage instance counts. */
  stages?: readonly string[];
  /** Task types the process opens, with the roles that act on them. */
  taskTypes: Array<{ type: string; roles: string[]; decisions: string[] }>;
  sla: { completionTarget: string; description: string };
  /** The decision tables the process evaluates, as this process version ships them (the catalog publishes their rules). */
  decisionTables?: readonly DecisionTable[];
  access: ProcessAccess;
  /** How the process is designed to flow and which rules each instance must keep: checked by process intelligence. */
  conformance?: ConformanceSpec;
}

/**
 * The designed model as data, over the business names of completed activities in the event log (process
 * intelligence, docs/ARCHITECTURE.md §10): where an instance starts and ends, and which activity may directly follow
 * which (`*` as `from`: after any). Activities starting with one of `ignored` (notifications, reminders, polling,
 * events that may arrive at any time) are left out before the check.
 */
export interface DesignedModel {
  start: readonly string[];
  end: readonly string[];
  transitions: ReadonlyArray<readonly [from: string, to: string]>;
  ignored: readonly string[];
}

/** A condition on the instance: its amount (the value in `OrdoValue`, the input's amount otherwise). */
export interface ConformanceCondition {
  attribute: 'amount';
  op: '>' | '>=' | '<' | '<=';
  value: number;
}

/** A rule as data; the API's evaluator knows each kind. */
export type ConformanceRule = { id: string; description: string } & (
  | {
      /** Every approving completion of `activity` is by one of `roles`, and a completed instance had one. */
      kind: 'performed-by-role';
      activity: string;
      roles: readonly string[];
      when?: ConformanceCondition;
    }
  | {
      /** `after` never completes before an approving completion of `before`. */
      kind: 'precedes';
      before: string;
      after: string;
      when?: ConformanceCondition;
    }
  /** Nobody completes `activity` on an instance they requested (four-eyes). */
  | { kind: 'not-performed-by-requester'; activity: string }
  /** The task instances of `activity` (`approval-1`, `approval-2`…) complete in the order they were opened. */
  | { kind: 'instances-in-order'; activity: string }
);

export interface ConformanceSpec {
  model: DesignedModel;
  rules: readonly ConformanceRule[];
}

export const ordoTaskQueue = 'ordo-processes';

/** Workflow id = `<process>:<businessKey>` (docs/ARCHITECTURE.md decision 2). */
export function workflowIdFor(process: string, businessKey: string): string {
  return `${process}:${businessKey}`;
}

/** Business keys become part of workflow ids and idempotency keys: keep them URL- and header-safe. */
export const businessKeyPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
