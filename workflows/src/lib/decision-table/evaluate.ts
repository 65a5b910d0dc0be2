import { DecisionTableError } from './errors';
import { aggregateRecord, listRecord, singleRecord } from './record';
import type {
  AggregateDecision,
  Decision,
  DecisionRule,
  DecisionTable,
  HitPolicy,
  InputSchema,
  InputValues,
  ListDecision,
  MultiHitPolicy,
  OutputSchema,
  OutputValues,
  SingleDecision,
  SingleHitPolicy,
} from './types';
import { contains } from './value-set';
import { describeType, hasType, normalizeType } from './value-types';

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

function checkInputs(
  table: DecisionTable<InputSchema, OutputSchema, HitPolicy>,
  input: Readonly<Record<string, unknown>>,
): void {
  for (const [name, spec] of Object.entries(table.inputs)) {
    const type = normalizeType(spec);
    if (!hasType(input[name], type)) {
      throw new DecisionTableError(
        table.name,
        table.version,
        `input "${name}" must be ${describeType(type)}, got ${shown(input[name])}`,
      );
    }
  }
}

/** Every rule that matches, in table order: the common ground of all hit policies. Inputs are type-checked first. */
export function matchingRules<S extends InputSchema, O extends OutputSchema>(
  table: DecisionTable<S, O, HitPolicy>,
  input: InputValues<S>,
): Array<DecisionRule<S, O>> {
  const values = input as Readonly<Record<string, unknown>>;
  checkInputs(table, values);
  return table.rules.filter((rule) =>
    Object.entries(rule.accepts).every(([name, accepted]) => contains(accepted, values[name])),
  );
}

function refuse(table: DecisionTable<InputSchema, OutputSchema, HitPolicy>, use: string): never {
  throw new DecisionTableError(
    table.name,
    table.version,
    `hit policy ${[table.hitPolicy, table.aggregation].filter(Boolean).join(' ')} needs ${use}`,
  );
}

/**
 * The answer of a UNIQUE or FIRST table. Throws `DecisionTableError` when no rule matches (a table
 * meant to always answer needs a catch-all rule) or when the table has another hit policy.
 */
export function evaluateDecisionTable<S extends InputSchema, O extends OutputSchema>(
  table: DecisionTable<S, O, SingleHitPolicy>,
  input: InputValues<S>,
): SingleDecision<OutputValues<O>> {
  if (table.hitPolicy !== 'UNIQUE' && table.hitPolicy !== 'FIRST')
    refuse(table, 'collectDecisions or aggregateDecisions');
  const matches = matchingRules(table, input);
  const [first] = matches;
  if (!first) throw new DecisionTableError(table.name, table.version, `no rule matches ${JSON.stringify(input)}`);
  // Loading proved UNIQUE rules disjoint; this guards against a table object built by hand.
  if (table.hitPolicy === 'UNIQUE' && matches.length > 1) {
    throw new DecisionTableError(
      table.name,
      table.version,
      `UNIQUE table has several matching rules (${matches.map((rule) => rule.id).join(', ')})`,
    );
  }
  const decision = { table: table.name, version: table.version, ruleId: first.id, output: first.then };
  return { kind: 'single', ...decision, record: singleRecord(decision) };
}

/** Every match's output in table order: the answer of a RULE ORDER table or of COLLECT without aggregation. */
export function collectDecisions<S extends InputSchema, O extends OutputSchema>(
  table: DecisionTable<S, O, MultiHitPolicy>,
  input: InputValues<S>,
): ListDecision<OutputValues<O>> {
  if ((table.hitPolicy !== 'RULE ORDER' && table.hitPolicy !== 'COLLECT') || table.aggregation !== undefined) {
    refuse(table, table.aggregation ? 'aggregateDecisions' : 'evaluateDecisionTable');
  }
  const matches = matchingRules(table, input);
  const decision = {
    table: table.name,
    version: table.version,
    ruleIds: matches.map((rule) => rule.id),
    outputs: matches.map((rule) => rule.then),
  };
  return { kind: 'list', ...decision, record: listRecord(decision) };
}

function aggregate<S extends InputSchema, O extends OutputSchema>(
  table: DecisionTable<S, O, 'COLLECT'>,
  matches: ReadonlyArray<DecisionRule<S, O>>,
): number | null {
  if (table.aggregation === 'COUNT') return matches.length;
  // Loading guarantees SUM/MIN/MAX tables have exactly one output, a number.
  const [output] = Object.keys(table.outputs);
  const values = matches.map((rule) => (rule.then as Readonly<Record<string, unknown>>)[output!] as number);
  switch (table.aggregation) {
    case 'SUM':
      return values.reduce((sum, value) => sum + value, 0);
    case 'MIN':
      return values.length === 0 ? null : Math.min(...values);
    case 'MAX':
      return values.length === 0 ? null : Math.max(...values);
    default:
      return refuse(table, 'collectDecisions');
  }
}

/** The aggregate of every match: the answer of COLLECT with SUM, MIN, MAX or COUNT. */
export function aggregateDecisions<S extends InputSchema, O extends OutputSchema>(
  table: DecisionTable<S, O, 'COLLECT'>,
  input: InputValues<S>,
): AggregateDecision {
  if (table.hitPolicy !== 'COLLECT' || table.aggregation === undefined) {
    refuse(
      table,
      table.hitPolicy === 'COLLECT' || table.hitPolicy === 'RULE ORDER' ? 'collectDecisions' : 'evaluateDecisionTable',
    );
  }
  const matches = matchingRules(table, input);
  const decision = {
    table: table.name,
    version: table.version,
    aggregation: table.aggregation,
    ruleIds: matches.map((rule) => rule.id),
    value: aggregate(table, matches),
  };
  return { kind: 'aggregate', ...decision, record: aggregateRecord(decision) };
}

/** Evaluates any table the way its hit policy says; callers tell the answers apart by `kind`. */
export function decide<S extends InputSchema, O extends OutputSchema>(
  table: DecisionTable<S, O, HitPolicy>,
  input: InputValues<S>,
): Decision<OutputValues<O>> {
  switch (table.hitPolicy) {
    case 'UNIQUE':
    case 'FIRST':
      return evaluateDecisionTable(table as DecisionTable<S, O, SingleHitPolicy>, input);
    case 'RULE ORDER':
    case 'COLLECT':
      return table.aggregation === undefined
        ? collectDecisions(table as DecisionTable<S, O, MultiHitPolicy>, input)
        : aggregateDecisions(table as DecisionTable<S, O, 'COLLECT'>, input);
  }
}
