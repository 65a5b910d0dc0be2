import type { Actor, ProcessDefinition } from '@ordo/workflows';

/** The parts of the incoming request the API's guards and decorators read and annotate. */
export interface ApiRequest {
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string | undefined>;
  /** Set by the bearer guard once the token is known. */
  actor?: Actor;
  /** Set by the known-process guard on routes under `/v1/processes/:process`. */
  processDefinition?: ProcessDefinition;
}
