import type { operations } from '@ordo/client';
import { ApiError } from './api-error';
import { bearerToken } from './bearer-token';
import { apiClient } from './client';
import type { ProcessStatus, TaskPriority } from './views';

/**
 * Every call the Console makes, one function each, through the typed client: paths, parameters and request bodies
 * are checked against the API's OpenAPI document. A failed answer throws an ApiError with what the API said.
 */

interface Answer<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/** The answer's body, typed by the document's schema of the route's answer, or its error as an ApiError. */
async function answerOf<Data>(call: Promise<Answer<Data>>): Promise<Data> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiError.fromAnswer(response.status, error);
  // openapi-fetch leaves `data` undefined only with an error, which threw above.
  return data as Data;
}

export function signInOptions() {
  return answerOf(apiClient.GET('/v1/sign-in-options'));
}
type JsonAnswer<Operation extends keyof operations> = operations[Operation] extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

export type SignInOptions = JsonAnswer<'SignInController_signInOptions'>;
export type CurrentActor = JsonAnswer<'SignInController_me'>;

/** Who a token authenticates; checked before a sign-in is kept. */
export function currentActor(token: string) {
  return answerOf(apiClient.GET('/v1/me', { headers: { Authorization: `Bearer ${token}` } }));
}

/** Per process the caller oversees: the figures of the Overview page. */
export function overview() {
  return answerOf(apiClient.GET('/v1/overview'));
}

export function processCatalog() {
  return answerOf(apiClient.GET('/v1/processes'));
}

export interface InboxFilter {
  process?: string;
  overdue?: 'true' | 'false';
  /** One of the caller's roles. */
  role?: string;
  /** Only tasks assigned to the caller (their own id). */
  assignee?: string;
  priority?: TaskPriority;
  /** ISO 8601 date-time. */
  dueBefore?: string;
  pageToken?: string;
  pageSize?: number;
}

export function inbox(filter: InboxFilter) {
  return answerOf(apiClient.GET('/v1/tasks', { params: { query: filter } }));
}

interface TaskRef {
  process: string;
  businessKey: string;
  taskId: string;
}

const taskPath = ({ process, businessKey, taskId }: TaskRef) => ({ path: { process, businessKey, taskId } });

export function claimTask(task: TaskRef, comment?: string) {
  return answerOf(
    apiClient.POST('/v1/processes/{process}/instances/{businessKey}/tasks/{taskId}/claim', {
      params: taskPath(task),
      body: comment ? { comment } : {},
    }),
  );
}

export function releaseTask(task: TaskRef, comment?: string) {
  return answerOf(
    apiClient.POST('/v1/processes/{process}/instances/{businessKey}/tasks/{taskId}/release', {
      params: taskPath(task),
      body: comment ? { comment } : {},
    }),
  );
}

export function assignTask(task: TaskRef, assignee: string, comment?: string) {
  return answerOf(
    apiClient.POST('/v1/processes/{process}/instances/{businessKey}/tasks/{taskId}/assign', {
      params: taskPath(task),
      body: { assignee, ...(comment ? { comment } : {}) },
    }),
  );
}

export function completeTask(task: TaskRef, decision: string, comment?: string) {
  return answerOf(
    apiClient.POST('/v1/processes/{process}/instances/{businessKey}/tasks/{taskId}/complete', {
      params: taskPath(task),
      body: { decision, ...(comment ? { comment } : {}) },
    }),
  );
}

export function startInstance(process: string, businessKey: string, input: unknown) {
  return answerOf(
    apiClient.POST('/v1/processes/{process}/instances', {
      params: { path: { process } },
      // The document describes `input` as each catalog process's schema; the form built it from that schema.
      body: { businessKey, input } as never,
    }),
  );
}

export function instance(process: string, businessKey: string) {
  return answerOf(
    apiClient.GET('/v1/processes/{process}/instances/{businessKey}', { params: { path: { process, businessKey } } }),
  );
}

export function instances(process: string, query: { status?: ProcessStatus; pageToken?: string; pageSize?: number }) {
  return answerOf(apiClient.GET('/v1/processes/{process}/instances', { params: { path: { process }, query } }));
}

export function cancelInstance(process: string, businessKey: string, reason: string) {
  return answerOf(
    apiClient.POST('/v1/processes/{process}/instances/{businessKey}/cancel', {
      params: { path: { process, businessKey } },
      body: { reason },
    }),
  );
}

export function sendEvent(process: string, businessKey: string, event: string, payload: unknown) {
  return answerOf(
    apiClient.POST('/v1/processes/{process}/instances/{businessKey}/events/{event}', {
      params: { path: { process, businessKey, event } },
      body: payload as never,
    }),
  );
}

/**
 * A document's bytes. Its `url` needs the bearer token like every /v1 route, so a plain link would answer 401: the
 * Console fetches it and opens what it got.
 */
export async function documentBlob(url: string): Promise<Blob> {
  const token = bearerToken();
  const response = await fetch(new URL(url, window.location.origin), {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw ApiError.fromAnswer(response.status, await response.json().catch(() => undefined));
  return response.blob();
}

/** Which instances an analysis covers: those of one process version, else all. */
export interface MiningWindow {
  version?: string;
}
const miningParams = (process: string, window: MiningWindow) => ({
  params: { path: { process }, query: window.version ? { version: window.version } : {} },
});

export function miningDfg(process: string, window: MiningWindow = {}) {
  return answerOf(apiClient.GET('/v1/mining/{process}/dfg', miningParams(process, window)));
}

export function miningBottlenecks(process: string, window: MiningWindow = {}) {
  return answerOf(apiClient.GET('/v1/mining/{process}/bottlenecks', miningParams(process, window)));
}

export function miningConformance(process: string, window: MiningWindow = {}) {
  return answerOf(apiClient.GET('/v1/mining/{process}/conformance', miningParams(process, window)));
}

export function miningVersions(process: string) {
  return answerOf(apiClient.GET('/v1/mining/{process}/versions', { params: { path: { process } } }));
}

export type InsightTarget = 'slow' | 'rejected' | 'cancelled' | 'sla-breach';

export function miningInsights(process: string, target: InsightTarget, window: MiningWindow = {}) {
  return answerOf(
    apiClient.GET('/v1/mining/{process}/insights', {
      params: { path: { process }, query: { target, ...(window.version ? { version: window.version } : {}) } },
    }),
  );
}

/** A candidate decision table (Ordo's table format) on the recorded inputs of the newest `last` instances. */
export function whatIf(process: string, table: Record<string, unknown>, last?: number) {
  return answerOf(
    apiClient.POST('/v1/mining/{process}/what-if', {
      params: { path: { process } },
      // The document types the table only as an object: its shape is checked by the API (400 naming the field).
      body: { table: table as Record<string, never>, ...(last ? { last } : {}) },
    }),
  );
}
