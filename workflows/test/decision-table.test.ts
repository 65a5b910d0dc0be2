import {
  aggregateDecisions,
  collectDecisions,
  type Condition,
  decide,
  DecisionTableError,
  evaluateDecisionTable,
  loadDecisionTable,
  matchingRules,
  toDecisionRecord,
} from '../src/lib/decision-table';
import { approvalTable } from '../src/order-to-cash/approval-table';
import discounts from './decision-tables/discounts.json';
import riskScore from './decision-tables/risk-score.json';
import shipping from './decision-tables/shipping-carrier.json';

describe('the order approval table', () => {
  test('routes by total: > 10,000 to the CFO, > 1,000 to a manager, else automatically', () => {
    const approverFor = (total: number) => evaluateDecisionTable(approvalTable, { total }).output.approverRole;
    expect([25_000, 10_000.01, 10_000, 1_000.01, 1_000, 0].map(approverFor)).toEqual([
      'cfo',
      'cfo',
      'manager',
      'manager',
      null,
      null,
    ]);
  });

  test('answers with table, version and rule, and the record the process keeps', () => {
    const decision = evaluateDecisionTable(approvalTable, { total: 5_000 });
    expect(decision).toEqual({
      kind: 'single',
      table: 'order-approval',
      version: '1',
      ruleId: 'above-1000',
      output: { approverRole: 'manager' },
      record: { table: 'order-approval', version: '1', output: { approverRole: 'manager', rule: 'above-1000' } },
    });
    expect(toDecisionRecord(decision)).toBe(decision.record);
  });

  test('is immutable once loaded', () => {
    expect(Object.isFrozen(approvalTable)).toBe(true);
    expect(Object.isFrozen(approvalTable.rules[0]!.then)).toBe(true);
    expect(Object.isFrozen(approvalTable.rules[0]!.accepts)).toBe(true);
  });
});

/** A one-input table whose rules are the given conditions on `x`, each answering its own id. */
function tableOn(
  type: 'number' | 'string' | 'boolean' | { enum: string[] },
  conditions: Condition[],
  hitPolicy = 'RULE ORDER',
) {
  return loadDecisionTable({
    name: 'conditions',
    version: '1',
    hitPolicy,
    inputs: { x: type },
    outputs: { id: 'string' },
    rules: conditions.map((condition, index) => ({
      id: `r${index + 1}`,
      when: { x: condition },
      then: { id: `r${index + 1}` },
    })),
  });
}

const matchedBy = (table: ReturnType<typeof tableOn>, x: number | string | boolean) =>
  matchingRules(table, { x }).map((rule) => rule.id);

describe('conditions', () => {
  test('comparisons on numbers', () => {
    const table = tableOn('number', [
      { op: '<', value: 5 },
      { op: '<=', value: 5 },
      { op: '=', value: 5 },
      { op: '!=', value: 5 },
      { op: '>=', value: 5 },
      { op: '>', value: 5 },
    ]);
    expect(matchedBy(table, 4.99)).toEqual(['r1', 'r2', 'r4']);
    expect(matchedBy(table, 5)).toEqual(['r2', 'r3', 'r5']);
    expect(matchedBy(table, 5.01)).toEqual(['r4', 'r5', 'r6']);
  });

  test('ranges: min inclusive and max exclusive by default, each bound switchable, open-ended without a bound', () => {
    const table = tableOn('number', [
      { op: 'range', min: 10, max: 20 },
      { op: 'range', min: 10, max: 20, minInclusive: false, maxInclusive: true },
      { op: 'range', min: 10, max: 20, minInclusive: false },
      { op: 'range', min: 10, max: 20, maxInclusive: true },
      { op: 'range', min: 10 },
      { op: 'range', max: 10 },
    ]);
    expect(matchedBy(table, 10)).toEqual(['r1', 'r4', 'r5']);
    expect(matchedBy(table, 15)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(matchedBy(table, 20)).toEqual(['r2', 'r4', 'r5']);
    expect(matchedBy(table, 9.5)).toEqual(['r6']);
    expect(matchedBy(table, 1e9)).toEqual(['r5']);
  });

  test('string comparisons and ranges follow string order (e.g. ISO dates)', () => {
    const table = tableOn('string', [
      { op: 'range', min: '2025-01-01', max: '2026-01-01' },
      { op: '<', value: '2025-01-01' },
      { op: '=', value: '2025-06-30' },
    ]);
    expect(matchedBy(table, '2025-06-30')).toEqual(['r1', 'r3']);
    expect(matchedBy(table, '2024-12-31')).toEqual(['r2']);
    expect(matchedBy(table, '2026-01-01')).toEqual([]);
  });

  test('lists, negated lists and any', () => {
    const table = tableOn('string', [
      { op: 'in', values: ['DE', 'FR'] },
      { op: 'not', condition: { op: 'in', values: ['DE', 'FR'] } },
      '-',
      { op: 'any' },
      { op: 'not', condition: { op: 'range', min: 'A', max: 'E' } },
    ]);
    expect(matchedBy(table, 'DE')).toEqual(['r1', 'r3', 'r4']);
    expect(matchedBy(table, 'CH')).toEqual(['r2', 'r3', 'r4']);
    expect(matchedBy(table, 'US')).toEqual(['r2', 'r3', 'r4', 'r5']);
  });

  test('booleans and enums by (in)equality, lists and negation', () => {
    const flags = tableOn('boolean', [
      { op: '=', value: true },
      { op: '!=', value: true },
      { op: 'not', condition: { op: '=', value: false } },
    ]);
    expect(matchedBy(flags, true)).toEqual(['r1', 'r3']);
    expect(matchedBy(flags, false)).toEqual(['r2']);

    const zones = tableOn({ enum: ['eu', 'us', 'apac'] }, [
      { op: '=', value: 'eu' },
      { op: 'in', values: ['us', 'apac'] },
      { op: '!=', value: 'us' },
    ]);
    expect(matchedBy(zones, 'eu')).toEqual(['r1', 'r3']);
    expect(matchedBy(zones, 'us')).toEqual(['r2']);
    expect(matchedBy(zones, 'apac')).toEqual(['r2', 'r3']);
  });

  test('inputs are checked against their declared types before any rule', () => {
    const table = loadDecisionTable(shipping);
    const bad = (input: Record<string, unknown>) => () => decide(table, input as never);
    expect(bad({ weightKg: '2', zone: 'eu', express: false })).toThrow(
      new DecisionTableError('shipping-carrier', '3', 'input "weightKg" must be a number, got "2"'),
    );
    expect(bad({ weightKg: Number.NaN, zone: 'eu', express: false })).toThrow(
      'input "weightKg" must be a number, got NaN',
    );
    expect(bad({ weightKg: 2, zone: 'EU', express: false })).toThrow(
      'input "zone" must be one of "domestic", "eu", "world", got "EU"',
    );
    expect(bad({ weightKg: 2, zone: 'eu' })).toThrow('input "express" must be a boolean, got nothing');
    expect(() => evaluateDecisionTable(approvalTable, { total: Number.POSITIVE_INFINITY })).toThrow(
      'input "total" must be a number',
    );
  });
});

describe('hit policies', () => {
  // Two rules match an express parcel of 40 kg to the EU once the table allows overlaps.
  const overlapping = {
    ...shipping,
    rules: [
      ...shipping.rules,
      {
        id: 'heavy-express',
        when: { weightKg: { op: '>', value: 30 }, express: { op: '=', value: true } },
        then: { carrier: 'freight', maxDays: 3 },
      },
    ],
  };
  const heavyExpress = { weightKg: 40, zone: 'eu', express: true } as const;

  test('UNIQUE answers with the one matching rule, and fails when none matches', () => {
    const table = loadDecisionTable(shipping, {
      inputs: { weightKg: 'number', zone: { enum: ['domestic', 'eu', 'world'] }, express: 'boolean' },
      outputs: { carrier: { enum: ['courier', 'air-freight', 'parcel', 'freight'] }, maxDays: 'number' },
      hitPolicies: ['UNIQUE'],
    });
    expect(evaluateDecisionTable(table, heavyExpress)).toMatchObject({
      ruleId: 'air-freight',
      output: { carrier: 'air-freight', maxDays: 2 },
    });
    expect(() => evaluateDecisionTable(table, { weightKg: 40, zone: 'world', express: false })).toThrow(
      'decision table shipping-carrier v3: no rule matches {"weightKg":40,"zone":"world","express":false}',
    );
  });

  test('FIRST takes the first match in rule order', () => {
    const table = loadDecisionTable({ ...overlapping, hitPolicy: 'FIRST' });
    expect(matchingRules(table, heavyExpress).map((rule) => rule.id)).toEqual(['air-freight', 'heavy-express']);
    expect(decide(table, heavyExpress)).toMatchObject({ kind: 'single', ruleId: 'air-freight' });
    const reordered = loadDecisionTable({
      ...overlapping,
      hitPolicy: 'FIRST',
      rules: [...overlapping.rules].reverse(),
    });
    expect(decide(reordered, heavyExpress)).toMatchObject({
      kind: 'single',
      ruleId: 'heavy-express',
      output: { carrier: 'freight', maxDays: 3 },
    });
  });

  test('RULE ORDER returns every match in table order, with a record of rules and outputs', () => {
    const table = loadDecisionTable({ ...overlapping, hitPolicy: 'RULE ORDER' });
    const decision = decide(table, heavyExpress);
    expect(decision).toEqual({
      kind: 'list',
      table: 'shipping-carrier',
      version: '3',
      ruleIds: ['air-freight', 'heavy-express'],
      outputs: [
        { carrier: 'air-freight', maxDays: 2 },
        { carrier: 'freight', maxDays: 3 },
      ],
      record: {
        table: 'shipping-carrier',
        version: '3',
        output: {
          outputs: [
            { carrier: 'air-freight', maxDays: 2 },
            { carrier: 'freight', maxDays: 3 },
          ],
          rules: ['air-freight', 'heavy-express'],
        },
      },
    });
    const ruleOrder = loadDecisionTable(discounts, {
      inputs: { tier: { enum: ['gold', 'silver', 'basic'] }, orderTotal: 'number', firstOrder: 'boolean' },
      outputs: { code: 'string', percent: 'number' },
      hitPolicies: ['RULE ORDER'],
    });
    expect(collectDecisions(ruleOrder, { tier: 'basic', orderTotal: 0, firstOrder: false }).outputs).toEqual([]);
  });

  test('COLLECT without aggregation lists every match', () => {
    const table = loadDecisionTable({ ...overlapping, hitPolicy: 'COLLECT' });
    expect(decide(table, heavyExpress)).toMatchObject({ kind: 'list', ruleIds: ['air-freight', 'heavy-express'] });
  });

  describe('COLLECT aggregations over the matches of the risk table', () => {
    const withAggregation = (aggregation: string) => loadDecisionTable({ ...riskScore, aggregation });
    const risky = { country: 'US', amount: 60_000, newCustomer: true, bookedOn: '2025-01-15' };
    const trusted = { country: 'DE', amount: 500, newCustomer: false, bookedOn: '2025-01-15' };
    // A table whose only rule cannot match this input: aggregates of nothing.
    const nothing = (aggregation: string) =>
      loadDecisionTable({
        ...riskScore,
        aggregation,
        rules: [{ id: 'never', when: { amount: { op: '<', value: 0 } }, then: { points: 1 } }],
      });

    test.each([
      // risky matches base 5, outside-core-markets 30, large 25, very-large 20, new-customer 15
      ['SUM', risky, 95],
      ['MIN', risky, 5],
      ['MAX', risky, 30],
      ['COUNT', risky, 5],
      // trusted matches base 5 and trusted -5
      ['SUM', trusted, 0],
      ['MIN', trusted, -5],
      ['MAX', trusted, 5],
      ['COUNT', trusted, 2],
    ])('%s of %o is %p', (aggregation, input, value) => {
      const decision = aggregateDecisions(withAggregation(aggregation) as never, input as never);
      expect(decision).toMatchObject({ kind: 'aggregate', aggregation, value });
      expect(decision.record.output).toEqual({ aggregation, value, rules: [...decision.ruleIds] });
    });

    test.each([
      ['SUM', 0],
      ['MIN', null],
      ['MAX', null],
      ['COUNT', 0],
    ])('%s of no match is %p', (aggregation, value) => {
      expect(decide(nothing(aggregation), { ...trusted, amount: 10 })).toMatchObject({
        kind: 'aggregate',
        ruleIds: [],
        value,
      });
    });
  });

  test('each evaluation refuses a table of another hit policy', () => {
    const unique = loadDecisionTable(shipping);
    const ruleOrder = loadDecisionTable(discounts);
    const summed = loadDecisionTable(riskScore);
    const input = { weightKg: 1, zone: 'eu', express: true };
    expect(() => collectDecisions(unique as never, input as never)).toThrow(
      'hit policy UNIQUE needs evaluateDecisionTable',
    );
    expect(() => evaluateDecisionTable(ruleOrder as never, input as never)).toThrow(
      'hit policy RULE ORDER needs collectDecisions or aggregateDecisions',
    );
    expect(() => collectDecisions(summed as never, input as never)).toThrow(
      'hit policy COLLECT SUM needs aggregateDecisions',
    );
    expect(() => aggregateDecisions(ruleOrder as never, input as never)).toThrow(
      'hit policy RULE ORDER needs collectDecisions',
    );
  });
});

describe('typed outputs', () => {
  test('a table loaded against a signature yields outputs of the declared types', () => {
    const table = loadDecisionTable(discounts, {
      inputs: { tier: { enum: ['gold', 'silver', 'basic'] }, orderTotal: 'number', firstOrder: 'boolean' },
      outputs: { code: 'string', percent: 'number' },
      hitPolicies: ['RULE ORDER', 'COLLECT'],
    });
    const decision = collectDecisions(table, { tier: 'gold', orderTotal: 5_000, firstOrder: false });
    // The sum only type-checks because `percent` is known to be a number.
    const totalPercent: number = decision.outputs.reduce((sum, output) => sum + output.percent, 0);
    expect(totalPercent).toBe(17);
    expect(decision.outputs.map((output) => typeof output.code)).toEqual(['string', 'string', 'string']);
  });

  test('nullable enum outputs: the approver is a known role or null', () => {
    const roles = new Set(approvalTable.rules.map((rule) => rule.then.approverRole));
    expect(roles).toEqual(new Set(['cfo', 'manager', null]));
  });
});
