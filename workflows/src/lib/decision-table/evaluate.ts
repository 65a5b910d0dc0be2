import { type AnyCondition, conditionHolds } from './conditions';
import { DecisionTableError } from './errors';
import type { DecisionOutcome, DecisionTable, InputSchema, InputValues, Rule, SingleHitPolicy } from './types';

/** Identity with inference: lets a table literal be checked against its own input schema. */
export function defineDecisionTable<S extends InputSchema, Output>(
  table: DecisionTable<S, Output, SingleHitPolicy>,
): DecisionTable<S, Output, SingleHitPolicy> {
  return table;
}

function checkInputs<S extends InputSchema>(table: DecisionTable<S, unknown, SingleHitPolicy>, input: InputValues<S>): void {
  for (const [name, type] of Object.entries(table.inputs)) {
    const value: unknown = (input as Record<string, unknown>)[name];
    const wellTyped = typeof value === type && !(type === 'number' && !Number.isFinite(value));
    if (!wellTyped) {
      throw new DecisionTableError(table.name, table.version, `input "${name}" must be a ${type}, got ${String(value)}`);
    }
  }
}

function ruleMatches<S extends InputSchema>(rule: Rule<S, unknown>, input: InputValues<S>): boolean {
  return Object.entries(rule.when).every(([name, condition]) =>
    conditionHolds(condition as AnyCondition, (input as Record<string, number | string | boolean>)[name]!),
  );
}

/** Every rule that matches, in table order: the common ground of all hit policies. */
export function matchingRules<S extends InputSchema, Output>(
  table: DecisionTable<S, Output, SingleHitPolicy>,
  input: InputValues<S>,
): Array<Rule<S, Output>> {
  checkInputs(table, input);
  return table.rules.filter((rule) => ruleMatches(rule, input));
}

/**
 * Evaluates a single-hit table. Throws `DecisionTableError` when no rule matches, or when a UNIQUE
 * table has overlapping rules for this input (a defect of the table, not of the input).
 */
export function evaluateDecisionTable<S extends InputSchema, Output>(
  table: DecisionTable<S, Output, SingleHitPolicy>,
  input: InputValues<S>,
): DecisionOutcome<Output> {
  const matches = matchingRules(table, input);
  const [first] = matches;
  if (!first) {
    throw new DecisionTableError(table.name, table.version, `no rule matches ${JSON.stringify(input)}`);
  }
  if (table.hitPolicy === 'UNIQUE' && matches.length > 1) {
    const ids = matches.map((rule) => rule.id).join(', ');
    throw new DecisionTableError(table.name, table.version, `UNIQUE table has several matching rules (${ids})`);
  }
  return { table: table.name, version: table.version, ruleId: first.id, output: first.then };
}
