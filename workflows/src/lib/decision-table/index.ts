export * from './types';
export { DecisionTableDefinitionError, DecisionTableError } from './errors';
export { loadDecisionTable } from './load';
export { aggregateDecisions, collectDecisions, decide, evaluateDecisionTable, matchingRules } from './evaluate';
export { toDecisionRecord } from './record';
export type { ValueSet } from './value-set';
