/**
 * FEEL unary tests of DMN cells as Ordo conditions (parsed by feelin's grammar), and the checks a candidate table
 * goes through: the committed approval table's own load-time checks, with each problem naming its field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { approvalTable, decide, loadDecisionTable } from '@ordo/workflows';
import { unaryTest } from 'feelin';
import { ApiError } from '../../src/errors/api-error';
import { conditionOfUnaryTests, valueOfOutputEntry } from '../../src/mining/dmn/feel-unary-tests';
import { loadCandidateTable, pathOfProblem } from '../../src/mining/what-if/candidate-table';
import { bindingOf } from '../../src/mining/what-if/decision-bindings';
import { whatIf } from '../../src/mining/what-if/what-if';
import type { MiningCase } from '../../src/mining/store/mining-records';

/** The committed table file, as the process loads it. */
const committed = JSON.parse(
  readFileSync(join(__dirname, '../../../../workflows/src/order-to-cash/approval-table.json'), 'utf8'),
) as Record<string, unknown>;

describe('FEEL unary tests → Ordo conditions', () => {
  it.each([
    ['-', '-'],
    ['', '-'],
    ['> 10000', { op: '>', value: 10000 }],
    ['<= -5', { op: '<=', value: -5 }],
    ['(1000..10000]', { op: 'range', min: 1000, max: 10000, minInclusive: false, maxInclusive: true }],
    ['[0..30)', { op: 'range', min: 0, max: 30, minInclusive: true, maxInclusive: false }],
    ['"EU","US"', { op: 'in', values: ['EU', 'US'] }],
    ['"legal"', { op: '=', value: 'legal' }],
    ['true', { op: '=', value: true }],
    ['not("legal", "it")', { op: 'not', condition: { op: 'in', values: ['legal', 'it'] } }],
  ])('%s', (cell, expected) => {
    expect(conditionOfUnaryTests(cell)).toEqual(expected);
  });

  it.each(['> ', 'total > 5', '>= 3, < 1', '> date("2020-01-01")'])('refuses %s', (cell) => {
    expect(() => conditionOfUnaryTests(cell)).toThrow();
  });

  it.each([
    ['> 10000', [9999, 10000, 10000.01, 1e9, -1]],
    ['<= -5', [-6, -5, -4.99, 0]],
    ['(1000..10000]', [1000, 1000.5, 9999, 10000, 10001]],
    ['[0..30)', [-0.1, 0, 29.9, 30]],
    ['"EU","US"', ['EU', 'US', 'DE', 'eu']],
    ['not("legal", "it")', ['legal', 'it', 'capital']],
    ['not(> 5)', [4, 5, 6]],
  ] as Array<[string, Array<number | string>]>)(
    '%s holds for the same values in Ordo as in FEEL (feelin)',
    (cell, probes) => {
      const type = typeof probes[0] === 'number' ? 'number' : 'string';
      const table = loadDecisionTable({
        name: 'probe',
        version: '1',
        hitPolicy: 'COLLECT',
        inputs: { x: type },
        outputs: { hit: 'boolean' },
        rules: [{ when: { x: conditionOfUnaryTests(cell) }, then: { hit: true } }],
      });
      for (const value of probes) {
        const decision = decide(table, { x: value });
        const ordo = decision.kind === 'list' && decision.ruleIds.length === 1;
        expect([value, ordo]).toEqual([value, unaryTest(cell, { '?': value })]);
      }
    },
  );

  it('reads output literals, null for none', () => {
    expect(valueOfOutputEntry('"cfo"')).toBe('cfo');
    expect(valueOfOutputEntry('null')).toBeNull();
    expect(valueOfOutputEntry('')).toBeNull();
    expect(valueOfOutputEntry('12.5')).toBe(12.5);
  });
});

describe('candidate tables', () => {
  const binding = bindingOf('order-to-cash')!;

  it('the committed table loads as a candidate', () => {
    expect(loadCandidateTable(committed, binding, 'table').rules.map((rule) => rule.id)).toEqual(
      approvalTable.rules.map((rule) => rule.id),
    );
  });

  it('each load-time problem names its field', () => {
    const overlapping = structuredClone(committed) as { rules: Array<{ when: Record<string, unknown> }> };
    overlapping.rules[0]!.when.total = { op: '>=', value: 10000 };
    try {
      loadCandidateTable(overlapping, binding, 'table');
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).details[0]).toMatchObject({ path: 'table.rules.0' });
      expect((error as ApiError).details[0]!.message).toContain('overlap');
    }
    expect(pathOfProblem('rules.2.when.total: must be "-" or an object', 'table')).toBe('table.rules.2.when.total');
    expect(pathOfProblem('input "region" is not supplied by the code', 'dmn')).toBe('dmn.inputs.region');
    expect(pathOfProblem('hit policy COLLECT is not one the code handles (UNIQUE, FIRST)', 'table')).toBe(
      'table.hitPolicy',
    );
    expect(() => loadCandidateTable({ ...committed, name: 'other' }, binding, 'table')).toThrow(/order-approval/);
  });

  it('what-if compares the recorded route with the candidate’s, newest first', () => {
    const order = (caseId: string, amount: number, rule: string, startedMs: number): MiningCase => ({
      process: 'order-to-cash',
      version: '1.0.0',
      caseId,
      workflowId: `order-to-cash:${caseId}`,
      runId: caseId,
      startedMs,
      closedMs: startedMs + 1,
      historyLength: 1,
      outcome: 'COMPLETED',
      amount,
      amountBand: null,
      currency: 'EUR',
      customer: 'C-1',
      requestedBy: 'clerk',
      ruleFired: `order-approval:${rule}`,
    });
    const cases = [
      order('A', 12_000, 'above-10000', 1),
      order('B', 30_000, 'above-10000', 2),
      order('C', 500, 'default', 3),
      { ...order('D', 700, 'default', 4), ruleFired: null },
    ];
    const raised = structuredClone(committed) as { rules: Array<{ when: { total: Record<string, unknown> } }> };
    raised.rules[0]!.when.total = { op: '>', value: 20000 };
    raised.rules[1]!.when.total = { ...raised.rules[1]!.when.total, max: 20000 };
    const candidate = loadCandidateTable(raised, binding, 'table');
    const bottleneck = {
      activity: 'approval',
      kind: 'task',
      count: 2,
      waiting: { p50: 0, p95: 0, mean: 0, total: 0 },
      shareOfCycleTime: 0,
    };
    const answer = whatIf(
      binding,
      candidate,
      cases,
      [
        { ...bottleneck, role: 'cfo', working: { p50: 0, p95: 0, mean: 7200, total: 14400 } },
        { ...bottleneck, role: 'manager', working: { p50: 0, p95: 0, mean: 1800, total: 3600 } },
      ],
      500,
    );
    expect(answer).toMatchObject({ evaluated: 3, skipped: 1, changed: 1 });
    expect(answer.changedInstances).toEqual([{ businessKey: 'A', before: 'cfo', after: 'manager' }]);
    expect(answer.workload).toEqual([
      { role: 'cfo', tasksBefore: 2, tasksAfter: 1, hoursBefore: 4, hoursAfter: 2, hoursPerTask: 2, measuredTasks: 2 },
      {
        role: 'manager',
        tasksBefore: 0,
        tasksAfter: 1,
        hoursBefore: 0,
        hoursAfter: 0.5,
        hoursPerTask: 0.5,
        measuredTasks: 2,
      },
    ]);
    expect(whatIf(binding, candidate, cases, [], 1).evaluated).toBe(1);
  });
});
