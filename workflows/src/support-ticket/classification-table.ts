import { loadDecisionTable } from '../lib/decision-table';
import classificationFile from './classification-table.json';

/**
 * Priority and team of a new ticket: the rules live in `classification-table.json` (cases in
 * `classification-table.cases.json`); the first matching rule answers, the last one catches all.
 */
export const classificationTable = loadDecisionTable(classificationFile, {
  inputs: {
    channel: { enum: ['email', 'chat', 'phone', 'web'] },
    customerTier: { enum: ['standard', 'premium', 'enterprise'] },
    category: { enum: ['billing', 'technical', 'account', 'outage', 'other'] },
    mentionsUrgency: 'boolean',
  },
  outputs: {
    priority: { enum: ['low', 'normal', 'high', 'urgent'], nullable: false },
    team: { enum: ['support-l1', 'support-l2'], nullable: false },
  },
  hitPolicies: ['FIRST', 'UNIQUE'],
});
