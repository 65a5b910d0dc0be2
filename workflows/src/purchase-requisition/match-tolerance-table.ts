import { loadDecisionTable, type OutputValues } from '../lib/decision-table';
import toleranceFile from './match-tolerance-table.json';

/**
 * How far an invoice may be from the purchase order and the goods receipt and still match, per line, by the order's
 * total: the rules live in `match-tolerance-table.json` (cases in `match-tolerance-table.cases.json`). Prices compare
 * the invoiced unit price with the ordered one, quantities the invoiced quantity with the received one, each within
 * its percentage of the reference value.
 */
export const matchToleranceTable = loadDecisionTable(toleranceFile, {
  inputs: { amount: 'number' },
  outputs: { pricePercent: 'number', quantityPercent: 'number' },
  hitPolicies: ['UNIQUE', 'FIRST'],
});

export type MatchTolerance = OutputValues<typeof matchToleranceTable.outputs>;
