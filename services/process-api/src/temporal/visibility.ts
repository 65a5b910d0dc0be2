import {
  type InboxTaskView,
  type InstanceValue,
  openTasksMemoKey,
  type ProcessStatus,
  processStatuses,
  searchAttributes,
  valueMemoKey,
} from '@ordo/workflows';
import { type Client, defaultPayloadConverter, type WorkflowExecutionStatusName } from '@temporalio/client';

type ListResponse = Awaited<ReturnType<Client['workflowService']['listWorkflowExecutions']>>;
type RawExecution = ListResponse['executions'][number];
type RawPayload = NonNullable<NonNullable<RawExecution['searchAttributes']>['indexedFields']>[string];
type RawTimestamp = RawExecution['startTime'];
type PayloadCodec = Client['options']['loadedDataConverter']['payloadCodecs'][number];

/** A workflow execution as visibility lists it, with Ordo's search attributes decoded. */
export interface ListedExecution {
  workflowId: string;
  runId: string;
  temporalStatus: WorkflowExecutionStatusName;
  startedAt: string | null;
  closedAt: string | null;
  process?: string;
  businessKey?: string;
  processVersion?: string;
  /** Business status as the workflow last recorded it. */
  recordedStatus?: ProcessStatus;
  stage?: string;
  /** The open tasks the human-task helper keeps in the memo; undefined when the memo has no such key. */
  openTasks?: InboxTaskView[];
  /** Roles and persons the open tasks' search attributes name (empty when none is open): what may match without the memo. */
  openTaskRoles?: string[];
  openTaskAssignees?: string[];
  /** The instance's value and what is still to be collected, both in `currency`. */
  amount?: number;
  amountOutstanding?: number;
  currency?: string;
}

export interface ExecutionPage {
  executions: ListedExecution[];
  /** Temporal's cursor for the next page; undefined on the last page. */
  nextPageToken?: Uint8Array;
}

/** temporal.api.enums.v1.WorkflowExecutionStatus, by wire value. */
const statusNames: Record<number, WorkflowExecutionStatusName> = {
  1: 'RUNNING',
  2: 'COMPLETED',
  3: 'FAILED',
  4: 'CANCELLED',
  5: 'TERMINATED',
  6: 'CONTINUED_AS_NEW',
  7: 'TIMED_OUT',
};

/** Characters a visibility query literal may hold without escaping; catalog names, keys, roles and ids all fit. */
const safeLiteral = /^[A-Za-z0-9._@:-]+$/;

/** A single-quoted visibility query literal; refuses anything that could change the query's meaning. */
/** How many executions `query` matches, as visibility counts them (no listing). */
export async function countExecutions(client: Client, query: string): Promise<number> {
  const { count } = await client.workflowService.countWorkflowExecutions({
    namespace: client.options.namespace,
    query,
  });
  return Number(count ?? 0);
}

export function literal(value: string): string {
  if (!safeLiteral.test(value)) throw new Error(`Refusing to put ${JSON.stringify(value)} into a visibility query`);
  return `'${value}'`;
}

export function literalList(values: readonly string[]): string {
  return `(${values.map(literal).join(', ')})`;
}

/**
 * The business status of an execution that visibility or describe reports, without reading its result:
 * a failed, terminated or timed-out workflow is FAILED, a Temporal-cancelled one CANCELLED, and a completed
 * one says itself whether it COMPLETED, was REJECTED or CANCELLED.
 */
export function businessStatusOf(temporalStatus: WorkflowExecutionStatusName, recorded?: ProcessStatus): ProcessStatus {
  switch (temporalStatus) {
    case 'COMPLETED':
      return recorded === 'REJECTED' || recorded === 'CANCELLED' ? recorded : 'COMPLETED';
    case 'CANCELLED':
      return 'CANCELLED';
    case 'FAILED':
    case 'TERMINATED':
    case 'TIMED_OUT':
      return 'FAILED';
    default:
      return 'RUNNING';
  }
}

/** The visibility condition matching exactly the executions businessStatusOf maps to `status`. */
export function statusCondition(status: ProcessStatus): string {
  const recorded = searchAttributes.status.name;
  switch (status) {
    case 'RUNNING':
      return `ExecutionStatus = 'Running'`;
    case 'COMPLETED':
      return `(ExecutionStatus = 'Completed' AND ${recorded} NOT IN ('REJECTED', 'CANCELLED'))`;
    case 'REJECTED':
      return `(ExecutionStatus = 'Completed' AND ${recorded} = 'REJECTED')`;
    case 'CANCELLED':
      return `(ExecutionStatus = 'Canceled' OR (ExecutionStatus = 'Completed' AND ${recorded} = 'CANCELLED'))`;
    case 'FAILED':
      return `ExecutionStatus IN ('Failed', 'Terminated', 'TimedOut')`;
  }
}

function toIso(timestamp: RawTimestamp): string | null {
  if (!timestamp?.seconds) return null;
  const millis = Number(timestamp.seconds.toString()) * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6);
  return new Date(millis).toISOString();
}

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

function decoded(fields: Record<string, RawPayload> | null | undefined, name: string): unknown {
  const payload = fields?.[name];
  if (!payload) return undefined;
  return defaultPayloadConverter.fromPayload<unknown>(
    payload as Parameters<typeof defaultPayloadConverter.fromPayload>[0],
  );
}

function keyword(fields: Record<string, RawPayload> | null | undefined, name: string): string | undefined {
  const value = decoded(fields, name);
  return typeof value === 'string' ? value : undefined;
}

function keywordList(fields: Record<string, RawPayload> | null | undefined, name: string): string[] {
  const value = decoded(fields, name);
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

function double(fields: Record<string, RawPayload> | null | undefined, name: string): number | undefined {
  return finite(decoded(fields, name));
}

function openTasksInMemo(raw: RawExecution): InboxTaskView[] | undefined {
  const value = decoded(raw.memo?.fields, openTasksMemoKey);
  return Array.isArray(value) ? (value as InboxTaskView[]) : undefined;
}

/** The instance's value from its memo, or from the search attributes of executions that began before the memo held it. */
function valueOf(raw: RawExecution): Pick<ListedExecution, 'amount' | 'amountOutstanding' | 'currency'> {
  const fields = raw.searchAttributes?.indexedFields;
  const memo = decoded(raw.memo?.fields, valueMemoKey) as Partial<InstanceValue> | null | undefined;
  if (memo && typeof memo === 'object') {
    return {
      amount: finite(memo.amount),
      amountOutstanding: finite(memo.amountOutstanding),
      currency: keyword(fields, searchAttributes.currency.name),
    };
  }
  return {
    amount: double(fields, searchAttributes.amount.name),
    amountOutstanding: double(fields, searchAttributes.amountOutstanding.name),
    currency: keyword(fields, searchAttributes.currency.name),
  };
}

/** Runs payloads through the client's codecs (decryption), last codec first, as the SDK does. */
async function decodeWithCodecs(client: Client, payloads: RawPayload[]): Promise<RawPayload[]> {
  let decodedPayloads = payloads as Parameters<PayloadCodec['decode']>[0];
  for (const codec of [...client.options.loadedDataConverter.payloadCodecs].reverse())
    decodedPayloads = await codec.decode(decodedPayloads);
  return decodedPayloads as RawPayload[];
}

/** The memo keys Ordo's workflows write, all of them read from listings. */
const listedMemoKeys = [openTasksMemoKey, valueMemoKey];

/**
 * Memos are payloads like any other, so the worker's codec encrypted them; ListWorkflowExecutions returns them as
 * stored, and the SDK's `workflow.list` (which would decode them) hides page tokens. This decrypts the open-tasks and
 * value memos of every listed execution in one batch; search attributes are plaintext and need nothing. A memo that
 * does not decrypt (a key no longer in the ring) counts as absent, so that instance is asked through its query
 * instead of failing the whole listing.
 */
export async function withDecodedMemos(client: Client, executions: RawExecution[]): Promise<RawExecution[]> {
  const indexed = executions.flatMap((raw, index) =>
    listedMemoKeys.flatMap((key) => {
      const payload = raw.memo?.fields?.[key];
      return payload ? [{ index, key, payload }] : [];
    }),
  );
  if (indexed.length === 0 || client.options.loadedDataConverter.payloadCodecs.length === 0) return executions;
  let plain: Array<RawPayload | undefined>;
  try {
    plain = await decodeWithCodecs(
      client,
      indexed.map(({ payload }) => payload),
    );
  } catch {
    plain = await Promise.all(
      indexed.map(({ payload }) =>
        decodeWithCodecs(client, [payload]).then(
          ([one]) => one,
          () => undefined,
        ),
      ),
    );
  }
  const result = [...executions];
  indexed.forEach(({ index, key }, position) => {
    const raw = result[index]!;
    const fields = { ...raw.memo?.fields };
    const payload = plain[position];
    if (payload) fields[key] = payload;
    else delete fields[key];
    result[index] = { ...raw, memo: { ...raw.memo, fields } } as RawExecution;
  });
  return result;
}

function asProcessStatus(value: string | undefined): ProcessStatus | undefined {
  return processStatuses.find((status) => status === value);
}

/** Decodes one listed execution; its memo must be decrypted already ({@link withDecodedMemos}). */
export function decodeExecution(raw: RawExecution): ListedExecution {
  const fields = raw.searchAttributes?.indexedFields;
  return {
    workflowId: raw.execution?.workflowId ?? '',
    runId: raw.execution?.runId ?? '',
    temporalStatus: statusNames[Number(raw.status ?? 0)] ?? 'UNKNOWN',
    startedAt: toIso(raw.startTime),
    closedAt: toIso(raw.closeTime),
    process: keyword(fields, searchAttributes.process.name),
    businessKey: keyword(fields, searchAttributes.businessKey.name),
    processVersion: keyword(fields, searchAttributes.processVersion.name),
    recordedStatus: asProcessStatus(keyword(fields, searchAttributes.status.name)),
    stage: keyword(fields, searchAttributes.stage.name),
    openTasks: openTasksInMemo(raw),
    openTaskRoles: keywordList(fields, searchAttributes.openTaskRoles.name),
    openTaskAssignees: keywordList(fields, searchAttributes.openTaskAssignees.name),
    ...valueOf(raw),
  };
}

/**
 * One page of a visibility query. The SDK's `workflow.list` hides page tokens,
 * so this calls ListWorkflowExecutions itself to let clients resume where a page ended.
 */
export async function listExecutionPage(
  client: Client,
  query: string,
  pageSize: number,
  pageToken?: Uint8Array,
): Promise<ExecutionPage> {
  const response = await client.workflowService.listWorkflowExecutions({
    namespace: client.options.namespace,
    query,
    pageSize,
    nextPageToken: pageToken,
  });
  const next = response.nextPageToken;
  return {
    executions: (await withDecodedMemos(client, response.executions)).map(decodeExecution),
    nextPageToken: next && next.length > 0 ? next : undefined,
  };
}

/** Visibility's largest page (the server's default `frontend.visibilityMaxPageSize`): a scan costs round trips. */
export const visibilityMaxPageSize = 1000;

export interface BoundedListing {
  /** At most `limit` executions, in visibility's order. */
  executions: ListedExecution[];
  /** False when more than `limit` executions match: `executions` is only part of them. */
  complete: boolean;
}

/**
 * Every execution a visibility query matches, page by page, reading no more than `limit` + 1 of them;
 * `around` wraps each page's call (a deadline, an abort signal). `mayReadMore` is asked before each page after
 * the first: when it says no, the listing ends there, incomplete.
 */
export async function listExecutionsUpTo(
  client: Client,
  query: string,
  limit: number,
  around: (call: () => Promise<ExecutionPage>) => Promise<ExecutionPage> = (call) => call(),
  mayReadMore: () => boolean = () => true,
): Promise<BoundedListing> {
  const executions: ListedExecution[] = [];
  let cursor: Uint8Array | undefined;
  do {
    const pageSize = Math.min(visibilityMaxPageSize, limit + 1 - executions.length);
    const page = await around(() => listExecutionPage(client, query, pageSize, cursor));
    executions.push(...page.executions);
    cursor = page.nextPageToken;
  } while (cursor && executions.length <= limit && mayReadMore());
  // The loop stops at the last page, at the first execution past the limit, or when told to.
  return { executions: executions.slice(0, limit), complete: cursor === undefined && executions.length <= limit };
}
