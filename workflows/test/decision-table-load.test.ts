import { type Condition, DecisionTableDefinitionError, loadDecisionTable } from '../src/lib/decision-table';
import approvalFile from '../src/order-to-cash/approval-table.json';
import riskScore from './decision-tables/risk-score.json';
import shipping from './decision-tables/shipping-carrier.json';

/** The problems loading `json` reports; fails the test when the table is accepted. */
function problemsOf(json: unknown, signature?: Parameters<typeof loadDecisionTable>[1]): readonly string[] {
  try {
    if (signature) loadDecisionTable(json, signature);
    else loadDecisionTable(json);
  } catch (error) {
    expect(error).toBeInstanceOf(DecisionTableDefinitionError);
    return (error as DecisionTableDefinitionError).problems;
  }
  throw new Error('the table was accepted');
}

const base = {
  name: 'pricing',
  version: '4',
  hitPolicy: 'UNIQUE',
  inputs: { amount: 'number', region: { enum: ['EU', 'US', 'APAC'] }, vip: 'boolean' },
  outputs: { discount: 'number' },
};

type Rule = { id?: string; when?: Record<string, Condition>; then?: Record<string, unknown> };
const withRules = (rules: Rule[], extra: Record<string, unknown> = {}) => ({
  ...base,
  ...extra,
  rules: rules.map((rule) => ({ when: {}, then: { discount: 0 }, ...rule })),
});

describe('loading checks the shape of a table file', () => {
  test('every shape problem is named by its path', () => {
    const problems = problemsOf({
      ...withRules([{ when: { amount: { op: 'between', value: 1 } as never } }]),
      hitPolicy: 'PRIORITY',
      version: 3,
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^version: /),
        expect.stringMatching(/^hitPolicy: /),
        expect.stringMatching(/^rules\.0\.when\.amount/),
      ]),
    );
  });

  test('the error names the table and lists the problems', () => {
    expect(() => loadDecisionTable({ ...withRules([]), rules: [] })).toThrow(
      'decision table pricing v4: invalid table: rules: a table needs at least one rule',
    );
    expect(() => loadDecisionTable('not a table')).toThrow(/^decision table \(unnamed\) v\?: invalid table: table: /);
    expect(problemsOf({ ...withRules([{}]), inputs: { 'total amount': 'number' } })).toEqual([
      expect.stringContaining('must be an identifier'),
    ]);
    expect(problemsOf({ ...withRules([{ when: { amount: { op: 'range' } } }]) })).toEqual([
      expect.stringContaining('a range needs a min or a max'),
    ]);
  });
});

describe('loading checks conditions against the declared inputs', () => {
  test('a condition on an undeclared input', () => {
    expect(problemsOf(withRules([{ id: 'eu', when: { country: { op: '=', value: 'DE' } } }]))).toEqual([
      'rule 1 ("eu"): condition on undeclared input "country"',
    ]);
  });

  test('values of the wrong type, and operators the type does not support', () => {
    const problems = problemsOf(
      withRules(
        [
          { when: { amount: { op: '>', value: '100' } } },
          { when: { region: { op: '=', value: 'MARS' } } },
          { when: { vip: { op: '<', value: true } } },
          { when: { region: { op: 'range', min: 'A', max: 'Z' } } },
          { when: { amount: { op: 'in', values: [1, '2', 3] } } },
          { when: { amount: { op: 'not', condition: { op: '=', value: false } } } },
        ],
        { hitPolicy: 'FIRST' },
      ),
    );
    expect(problems).toEqual([
      'rule 1, input "amount": "100" is not a number',
      'rule 2, input "region": "MARS" is not one of "EU", "US", "APAC"',
      'rule 3, input "vip": "<" needs a number or string input, not a boolean',
      'rule 4, input "region": "range" needs a number or string input, not one of "EU", "US", "APAC"',
      'rule 5, input "amount": "2" is not a number',
      'rule 6, input "amount": false is not a number',
    ]);
  });

  test('a condition that can never hold', () => {
    expect(
      problemsOf(
        withRules(
          [
            { id: 'empty-range', when: { amount: { op: 'range', min: 10, max: 10 } } },
            { id: 'reversed', when: { amount: { op: 'range', min: 20, max: 10 } } },
            { id: 'nowhere', when: { region: { op: 'not', condition: '-' } } },
          ],
          { hitPolicy: 'FIRST' },
        ),
      ),
    ).toEqual([
      'rule 1 ("empty-range"), input "amount": the condition can never hold',
      'rule 2 ("reversed"), input "amount": the condition can never hold',
      'rule 3 ("nowhere"), input "region": the condition can never hold',
    ]);
  });

  test('rule ids are unique and default to the rule position', () => {
    expect(problemsOf(withRules([{ id: 'a' }, { id: 'a' }], { hitPolicy: 'FIRST' }))).toEqual([
      'rule 2: id "a" is already used by rule 1',
    ]);
    const table = loadDecisionTable(
      withRules([{ when: { vip: { op: '=', value: true } } }, { when: { vip: { op: '=', value: false } } }]),
    );
    expect(table.rules.map((rule) => [rule.id, rule.position])).toEqual([
      ['1', 1],
      ['2', 2],
    ]);
  });
});

describe('loading checks typed outputs', () => {
  test('every rule yields every declared output, with a value of its type', () => {
    const table = {
      ...base,
      hitPolicy: 'FIRST',
      outputs: {
        discount: 'number',
        label: { enum: ['gold', 'silver'] },
        note: { type: 'string', nullable: true },
        active: 'boolean',
      },
      rules: [
        { id: 'ok', then: { discount: 1, label: 'gold', note: null, active: true } },
        { id: 'bad', then: { discount: '5%', label: 'bronze', note: 7, active: null, extra: 1 } },
        { id: 'short', then: { discount: 2, label: 'silver', note: 'n' } },
      ],
    };
    expect(problemsOf(table)).toEqual([
      'rule 2 ("bad"), output "discount": "5%" is not a number',
      'rule 2 ("bad"), output "label": "bronze" is not one of "gold", "silver"',
      'rule 2 ("bad"), output "note": 7 is not a string or null',
      'rule 2 ("bad"), output "active": null is not a boolean',
      'rule 2 ("bad"): value for undeclared output "extra"',
      'rule 3 ("short"): no value for output "active"',
    ]);
  });

  test('aggregations need COLLECT and, except COUNT, exactly one non-nullable number output', () => {
    expect(problemsOf({ ...riskScore, hitPolicy: 'RULE ORDER' })).toEqual([
      'aggregation SUM needs hit policy COLLECT, not RULE ORDER',
    ]);
    expect(problemsOf({ ...riskScore, hitPolicy: 'FIRST', aggregation: 'COUNT' })).toEqual([
      'aggregation COUNT needs hit policy COLLECT, not FIRST',
    ]);
    expect(problemsOf({ ...riskScore, outputs: { points: { type: 'number', nullable: true } } })).toEqual([
      'aggregation SUM needs a non-nullable number output, "points" is a number or null',
    ]);
    const twoOutputs = { ...riskScore, aggregation: 'MAX', outputs: { points: 'number', reason: 'string' } };
    expect(
      problemsOf({
        ...twoOutputs,
        rules: riskScore.rules.map((rule) => ({ ...rule, then: { ...rule.then, reason: rule.id } })),
      }),
    ).toEqual(['aggregation MAX needs exactly one output, the table has 2']);
    const counted = loadDecisionTable({
      ...twoOutputs,
      aggregation: 'COUNT',
      rules: riskScore.rules.map((rule) => ({ ...rule, then: { ...rule.then, reason: rule.id } })),
    });
    expect(counted.aggregation).toBe('COUNT');
  });
});

describe('UNIQUE tables are checked for overlapping rules', () => {
  test('two rules that some input matches both are rejected, naming both rules and where they overlap', () => {
    const overlapping = withRules([
      { id: 'small', when: { amount: { op: '<', value: 100 } } },
      { id: 'medium', when: { amount: { op: 'range', min: 100, max: 1000, maxInclusive: true } } },
      { id: 'large', when: { amount: { op: '>=', value: 1000 } } },
    ]);
    expect(problemsOf(overlapping)).toEqual(['rules 2 and 3 overlap ("medium" and "large"): both match amount = 1000']);
    expect(() => loadDecisionTable(overlapping)).toThrow(/rules 2 and 3 overlap/);
  });

  test('rules overlap only when their conditions intersect on every input', () => {
    const table = withRules([
      { id: 'eu-big', when: { region: { op: '=', value: 'EU' }, amount: { op: '>', value: 500 } } },
      { id: 'vip-mid', when: { vip: { op: '=', value: true }, amount: { op: 'range', min: 100, max: 1000 } } },
      { id: 'us-vip', when: { region: { op: 'in', values: ['US', 'APAC'] }, vip: { op: '=', value: true } } },
    ]);
    expect(problemsOf(table)).toEqual([
      'rules 1 and 2 overlap ("eu-big" and "vip-mid"): both match amount in (500, 1000) and region = "EU" and vip = true',
      'rules 2 and 3 overlap ("vip-mid" and "us-vip"): both match amount in [100, 1000) and region in {"US", "APAC"} and vip = true',
    ]);
    // Restricting the second rule to non-EU regions removes its overlap with the first, not with the third.
    const notEu = { op: '!=', value: 'EU' };
    const fixed = {
      ...table,
      rules: table.rules.map((rule, index) =>
        index === 1 ? { ...rule, when: { ...rule.when, region: notEu } } : rule,
      ),
    };
    expect(problemsOf(fixed)).toEqual([expect.stringMatching(/^rules 2 and 3 overlap/)]);
  });

  test('touching ranges overlap only if both include the shared bound', () => {
    const tiles = (firstMaxInclusive: boolean, secondMinInclusive: boolean) =>
      withRules([
        { id: 'low', when: { amount: { op: 'range', min: 0, max: 10, maxInclusive: firstMaxInclusive } } },
        { id: 'high', when: { amount: { op: 'range', min: 10, max: 20, minInclusive: secondMinInclusive } } },
      ]);
    expect(() => loadDecisionTable(tiles(false, true))).not.toThrow();
    expect(() => loadDecisionTable(tiles(true, false))).not.toThrow();
    expect(() => loadDecisionTable(tiles(false, false))).not.toThrow();
    expect(problemsOf(tiles(true, true))).toEqual(['rules 1 and 2 overlap ("low" and "high"): both match amount = 10']);
  });

  test('lists, negations and catch-all rules are compared as sets', () => {
    expect(() =>
      loadDecisionTable(
        withRules([
          { when: { amount: { op: 'in', values: [1, 2, 3] } } },
          { when: { amount: { op: 'not', condition: { op: 'in', values: [1, 2, 3] } } } },
        ]),
      ),
    ).not.toThrow();
    expect(
      problemsOf(
        withRules([
          { when: { amount: { op: 'in', values: [1, 2, 3] } } },
          { when: { amount: { op: '!=', value: 2 } } },
        ]),
      ),
    ).toEqual(['rules 1 and 2 overlap ("1" and "2"): both match amount = 1 or amount = 3']);
    expect(problemsOf(withRules([{ when: { vip: { op: '=', value: true } } }, { when: {} }]))).toEqual([
      'rules 1 and 2 overlap ("1" and "2"): both match vip = true',
    ]);
    expect(problemsOf(withRules([{}, { when: { region: '-' } }]))).toEqual([
      'rules 1 and 2 overlap ("1" and "2"): both match any input',
    ]);
  });

  test('non-overlapping tables load, and FIRST, RULE ORDER and COLLECT tables may overlap', () => {
    expect(loadDecisionTable(approvalFile).hitPolicy).toBe('UNIQUE');
    expect(loadDecisionTable(shipping).rules).toHaveLength(5);
    const overlapping = withRules([
      { when: { amount: { op: '>', value: 10 } } },
      { when: { amount: { op: '>', value: 100 } } },
    ]);
    expect(problemsOf(overlapping)).toHaveLength(1);
    for (const hitPolicy of ['FIRST', 'RULE ORDER', 'COLLECT']) {
      expect(loadDecisionTable({ ...overlapping, hitPolicy }).hitPolicy).toBe(hitPolicy);
    }
  });
});

describe('a signature makes the table agree with the code using it', () => {
  const signature = {
    inputs: { total: 'number', channel: 'string' },
    outputs: { approverRole: { enum: ['cfo', 'manager'], nullable: true } },
    hitPolicies: ['UNIQUE', 'FIRST'],
  } as const;

  test('the approval table agrees with what the workflow supplies and reads', () => {
    expect(loadDecisionTable(approvalFile, signature).name).toBe('order-approval');
  });

  test('tables that disagree are rejected', () => {
    const withOutput = (approverRole: unknown) => ({ ...approvalFile, outputs: { approverRole } });
    expect(
      problemsOf({ ...approvalFile, hitPolicy: 'FIRST', inputs: { total: 'number', region: 'string' } }, signature),
    ).toEqual(['input "region" is not supplied by the code (it supplies total, channel)']);
    expect(
      problemsOf(
        { ...approvalFile, inputs: { total: 'string' }, rules: [{ when: {}, then: { approverRole: null } }] },
        signature,
      ),
    ).toEqual(['input "total" is a string, but the code passes a number']);
    expect(problemsOf(withOutput({ type: 'string', nullable: true }), signature)).toEqual([
      'output "approverRole" is a string or null, but the code handles one of "cfo", "manager" or null',
    ]);
    expect(problemsOf(withOutput({ enum: ['cfo', 'manager'] }), signature)).toEqual([
      'rule 3 ("default"), output "approverRole": null is not one of "cfo", "manager"',
    ]);
    expect(
      problemsOf(
        {
          ...approvalFile,
          outputs: { approver: approvalFile.outputs.approverRole },
          rules: [{ then: { approver: null } }],
        },
        signature,
      ),
    ).toEqual([
      'output "approverRole" is read by the code but not declared',
      'output "approver" is not read by the code',
    ]);
    expect(problemsOf({ ...approvalFile, hitPolicy: 'COLLECT' }, signature)).toEqual([
      'hit policy COLLECT is not one the code handles (UNIQUE, FIRST)',
    ]);
  });

  test('a table may accept more than the code passes, and answer less than it handles', () => {
    const narrower = {
      ...approvalFile,
      inputs: { total: 'number', channel: 'string' },
      outputs: { approverRole: { enum: ['manager'], nullable: true } },
      rules: [
        { id: 'web', when: { channel: { op: '=', value: 'web' } }, then: { approverRole: 'manager' } },
        { id: 'other', when: { channel: { op: '!=', value: 'web' } }, then: { approverRole: null } },
      ],
    };
    expect(loadDecisionTable(narrower, signature).rules.map((rule) => rule.then.approverRole)).toEqual([
      'manager',
      null,
    ]);
    const enumInput = { inputs: { region: { enum: ['EU'] } }, outputs: {} } as const;
    const wideRegions = {
      name: 't',
      version: '1',
      hitPolicy: 'FIRST',
      inputs: { region: { enum: ['EU', 'US'] } },
      outputs: {},
      rules: [{ then: {} }],
    };
    expect(() => loadDecisionTable(wideRegions, enumInput)).not.toThrow();
    expect(problemsOf({ ...wideRegions, inputs: { region: { enum: ['US'] } } }, enumInput)).toEqual([
      'input "region" is one of "US", but the code passes one of "EU"',
    ]);
  });
});
