import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

/**
 * Every custom search attribute Ordo uses, shared by all processes.
 *
 * SQL visibility pre-allocates only Keyword×10, KeywordList×3, Int×3, Double×3, Datetime×3,
 * Bool×3, Text×3 per namespace, so a new attribute is added here, deliberately, or not at all.
 * Spent so far: Keyword 7/10, KeywordList 2/3, Int 1/3, Double 2/3, Datetime 2/3.
 *
 * No personal data (docs/ARCHITECTURE.md decision 11). Payloads and memos are encrypted by the codec in every client and
 * worker (`@ordo/codec`), but search attributes cannot be: the server indexes and compares them, so they are stored
 * and shown in plaintext (visibility store, Temporal UI, CLI). Each one must stay free of personal data:
 * - OrdoProcess, OrdoProcessVersion, OrdoStatus, OrdoStage: catalog names, versions and fixed enumerations from code.
 * - OrdoBusinessKey: the caller's reference of the instance (order number, case id); `businessKeyPattern` admits no
 *   `@` or spaces, and callers must use a document number, never a person's name or e-mail address.
 * - OrdoOpenTaskRoles: role names from process contracts.
 * - OrdoOpenTaskAssignees, OrdoRequestedBy: actor ids, the pseudonymous staff ids the identity provider issues
 *   (claim `sub` by default), never names or e-mail addresses: ORDO_AUTH_ID_CLAIM must not name `email` or `name`.
 * - OrdoNextTaskDueAt, OrdoOpenTaskPriority: a time and a rank computed by the process.
 * - OrdoOpenTasksChangedAt: the workflow time at which the open tasks last changed.
 * - OrdoCurrency: the ISO 4217 code of the instance's value; the value itself (amount, outstanding) is the business's
 *   secret and lives in the encrypted memo `OrdoValue` (process-contract.ts), where the value gauges read it.
 * - OrdoAmount, OrdoAmountOutstanding: only on executions begun before the value moved to the memo (patch
 *   `amounts-in-encrypted-memo`); still read for them, written for no new one.
 * An attribute added here gets its line in this list, or is not added.
 */
export const searchAttributes = {
  process: defineSearchAttributeKey('OrdoProcess', SearchAttributeType.KEYWORD),
  businessKey: defineSearchAttributeKey('OrdoBusinessKey', SearchAttributeType.KEYWORD),
  processVersion: defineSearchAttributeKey('OrdoProcessVersion', SearchAttributeType.KEYWORD),
  /** Business status (RUNNING, COMPLETED, REJECTED, CANCELLED, FAILED); Temporal's own status cannot tell REJECTED apart. */
  status: defineSearchAttributeKey('OrdoStatus', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('OrdoStage', SearchAttributeType.KEYWORD),
  /** Roles that may act on at least one open task of the instance: the inbox filters on it. */
  openTaskRoles: defineSearchAttributeKey('OrdoOpenTaskRoles', SearchAttributeType.KEYWORD_LIST),
  /** Persons an open task is assigned to. */
  openTaskAssignees: defineSearchAttributeKey('OrdoOpenTaskAssignees', SearchAttributeType.KEYWORD_LIST),
  /** Earliest due time among open tasks (absent when none is open). */
  nextTaskDueAt: defineSearchAttributeKey('OrdoNextTaskDueAt', SearchAttributeType.DATETIME),
  /** Highest priority among open tasks as its rank: low 1, normal 2, high 3, urgent 4 (absent when none is open). */
  openTaskPriority: defineSearchAttributeKey('OrdoOpenTaskPriority', SearchAttributeType.INT),
  /**
   * When the open tasks (their attributes or their memo) last changed, in workflow time; kept after the last task
   * closes. Visibility has no "modified since" of its own: the API's inbox index polls this to stay fresh.
   */
  openTasksChangedAt: defineSearchAttributeKey('OrdoOpenTasksChangedAt', SearchAttributeType.DATETIME),
  /** Monetary value of the instance in its own currency; only executions begun before `OrdoValue` (memo) carry it. */
  amount: defineSearchAttributeKey('OrdoAmount', SearchAttributeType.DOUBLE),
  /** Amount still to be collected; like OrdoAmount, only on executions begun before `OrdoValue`. */
  amountOutstanding: defineSearchAttributeKey('OrdoAmountOutstanding', SearchAttributeType.DOUBLE),
  /** ISO 4217 code of the instance's value: amounts only add up within one currency; marks the instances that have one. */
  currency: defineSearchAttributeKey('OrdoCurrency', SearchAttributeType.KEYWORD),
  /** Actor id of whoever started the instance: the requester reads their own instances (the process's read rule). */
  requestedBy: defineSearchAttributeKey('OrdoRequestedBy', SearchAttributeType.KEYWORD),
} as const;

export const allSearchAttributeKeys = Object.values(searchAttributes);

/** The stage a starter writes: an instance still there has not been picked up by a worker. */
export const startedStage = 'started';

/**
 * What every starter (the API, tools) writes with a start, so the instance is listed and counted before any
 * worker runs it.
 */
export function searchAttributesAtStart(
  process: { name: string; version: string },
  businessKey: string,
  requestedBy?: string,
): SearchAttributePair[] {
  return [
    ...(requestedBy === undefined ? [] : [{ key: searchAttributes.requestedBy, value: requestedBy }]),
    { key: searchAttributes.process, value: process.name },
    { key: searchAttributes.businessKey, value: businessKey },
    { key: searchAttributes.processVersion, value: process.version },
    { key: searchAttributes.status, value: 'RUNNING' },
    { key: searchAttributes.stage, value: startedStage },
  ];
}
