export * from './types';
export { DecisionTableError } from './errors';
export { defineDecisionTable, evaluateDecisionTable, matchingRules } from './evaluate';
export { toDecisionRecord } from './record';
