import { defineDecisionTable, DecisionTableError, evaluateDecisionTable, matchingRules, toDecisionRecord } from '../src/lib/decision-table';
import { approvalTable } from '../src/order-to-cash/approval-table';

describe('order approval table', () => {
  test.each([
    [25_000, 'cfo', 'above-10000'],
    [10_000.01, 'cfo', 'above-10000'],
    [10_000, 'manager', 'above-1000'],
    [1_000.01, 'manager', 'above-1000'],
    [1_000, null, 'default'],
    [12.5, null, 'default'],
  ])('a total of %p goes to %p', (total, approverRole, ruleId) => {
    expect(evaluateDecisionTable(approvalTable, { total })).toEqual({
      table: 'order-approval',
      version: '1',
      ruleId,
      output: { approverRole },
    });
  });

  test('the outcome is recorded with table, version and rule', () => {
    expect(toDecisionRecord(evaluateDecisionTable(approvalTable, { total: 5_000 }))).toEqual({
      table: 'order-approval',
      version: '1',
      output: { approverRole: 'manager', rule: 'above-1000' },
    });
  });
});

const shippingTable = defineDecisionTable<{ weightKg: 'number'; country: 'string'; express: 'boolean' }, { carrier: string }>({
  name: 'shipping-carrier',
  version: '3',
  hitPolicy: 'UNIQUE',
  inputs: { weightKg: 'number', country: 'string', express: 'boolean' },
  rules: [
    { id: 'express', when: { express: { op: '=', value: true }, weightKg: { op: '<=', value: 30 } }, then: { carrier: 'courier' } },
    { id: 'parcel-eu', when: { express: { op: '=', value: false }, weightKg: { op: 'range', max: 30 }, country: { op: 'in', values: ['DE', 'FR', 'NL'] } }, then: { carrier: 'parcel-eu' } },
    { id: 'parcel-world', when: { express: { op: '=', value: false }, weightKg: { op: '<', value: 30 }, country: { op: 'in', values: ['US', 'JP'] } }, then: { carrier: 'parcel-world' } },
    { id: 'freight', when: { weightKg: { op: 'range', min: 30, minInclusive: false } }, then: { carrier: 'freight' } },
    { id: 'heavy-express', when: { weightKg: { op: '>', value: 30 }, express: { op: '=', value: true } }, then: { carrier: 'air-freight' } },
  ],
});

describe('decision table evaluator', () => {
  test('lists, ranges with default bounds, comparisons and booleans select the unique rule', () => {
    expect(evaluateDecisionTable(shippingTable, { weightKg: 2, country: 'FR', express: false }).output).toEqual({ carrier: 'parcel-eu' });
    expect(evaluateDecisionTable(shippingTable, { weightKg: 2, country: 'JP', express: false }).output).toEqual({ carrier: 'parcel-world' });
    expect(evaluateDecisionTable(shippingTable, { weightKg: 30, country: 'JP', express: true }).ruleId).toBe('express');
  });

  test('range bounds: min inclusive and max exclusive unless told otherwise', () => {
    // 30 kg is outside parcel-eu's [.., 30) and outside freight's (30, ..).
    expect(() => evaluateDecisionTable(shippingTable, { weightKg: 30, country: 'DE', express: false })).toThrow(/no rule matches/);
    expect(evaluateDecisionTable(shippingTable, { weightKg: 30.5, country: 'DE', express: false }).ruleId).toBe('freight');
  });

  test('UNIQUE rejects an input that several rules match', () => {
    expect(() => evaluateDecisionTable(shippingTable, { weightKg: 40, country: 'DE', express: true })).toThrow(
      new DecisionTableError('shipping-carrier', '3', 'UNIQUE table has several matching rules (freight, heavy-express)'),
    );
  });

  test('FIRST takes the first match in rule order where UNIQUE would refuse', () => {
    const first = { ...shippingTable, hitPolicy: 'FIRST' as const };
    expect(evaluateDecisionTable(first, { weightKg: 40, country: 'DE', express: true }).ruleId).toBe('freight');
    expect(matchingRules(first, { weightKg: 40, country: 'DE', express: true }).map((rule) => rule.id)).toEqual(['freight', 'heavy-express']);
  });

  test('inputs are checked against their declared types', () => {
    const wrong = { weightKg: '2', country: 'DE', express: false } as unknown as { weightKg: number; country: string; express: boolean };
    expect(() => evaluateDecisionTable(shippingTable, wrong)).toThrow('input "weightKg" must be a number, got 2');
    expect(() => evaluateDecisionTable(approvalTable, { total: Number.NaN })).toThrow(/input "total" must be a number/);
  });
});
