import type { z } from 'zod';
import { compileCondition } from './compile';
import { DecisionTableDefinitionError } from './errors';
import { overlappingRules } from './overlap';
import { type DecisionTableFile, decisionTableFileSchema } from './schema';
import type {
  Condition,
  DecisionRule,
  DecisionTable,
  DecisionTableSignature,
  HitPolicy,
  InputSchema,
  OutputSchema,
  OutputValues,
} from './types';
import { isEmpty, type ValueSet } from './value-set';
import { describeType, domainOf, hasType, isSubtype, normalizeType, type ValueType } from './value-types';

type AnyRule = DecisionRule<InputSchema, OutputSchema>;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function typesOf(declared: Readonly<Record<string, Parameters<typeof normalizeType>[0]>>): Map<string, ValueType> {
  return new Map(Object.entries(declared).map(([name, spec]) => [name, normalizeType(spec)]));
}

function ruleLabel(position: number, id: string | undefined): string {
  return id === undefined ? `rule ${position}` : `rule ${position} (${JSON.stringify(id)})`;
}

/** The parts of a table that only make sense together: hit policy, aggregation and outputs. */
function checkPolicy(file: DecisionTableFile, outputs: ReadonlyMap<string, ValueType>, problems: string[]): void {
  const { hitPolicy, aggregation } = file;
  if (aggregation === undefined || aggregation === 'COUNT') {
    if (aggregation !== undefined && hitPolicy !== 'COLLECT')
      problems.push(`aggregation ${aggregation} needs hit policy COLLECT, not ${hitPolicy}`);
    return;
  }
  if (hitPolicy !== 'COLLECT') problems.push(`aggregation ${aggregation} needs hit policy COLLECT, not ${hitPolicy}`);
  const [only, ...more] = [...outputs];
  if (!only || more.length > 0) {
    problems.push(`aggregation ${aggregation} needs exactly one output, the table has ${outputs.size}`);
  } else if (only[1].base !== 'number' || only[1].nullable) {
    problems.push(
      `aggregation ${aggregation} needs a non-nullable number output, "${only[0]}" is ${describeType(only[1])}`,
    );
  }
}

function compileRule(
  source: DecisionTableFile['rules'][number],
  position: number,
  inputs: ReadonlyMap<string, ValueType>,
  outputs: ReadonlyMap<string, ValueType>,
  problems: string[],
): AnyRule {
  const label = ruleLabel(position, source.id);
  const accepts: Record<string, ValueSet> = {};
  for (const [input, condition] of Object.entries(source.when)) {
    const type = inputs.get(input);
    if (!type) {
      problems.push(`${label}: condition on undeclared input "${input}"`);
      continue;
    }
    const reported = problems.length;
    const set = compileCondition(condition, type, (problem) => problems.push(`${label}, input "${input}": ${problem}`));
    if (set === undefined) continue;
    // A condition with a bad value compiles to a partial set; its emptiness would be a second, misleading report.
    if (isEmpty(set) && problems.length === reported)
      problems.push(`${label}, input "${input}": the condition can never hold`);
    accepts[input] = set;
  }
  for (const [output, type] of outputs) {
    if (!(output in source.then)) {
      problems.push(`${label}: no value for output "${output}"`);
    } else if (!hasType(source.then[output], type)) {
      problems.push(
        `${label}, output "${output}": ${JSON.stringify(source.then[output])} is not ${describeType(type)}`,
      );
    }
  }
  for (const output of Object.keys(source.then)) {
    if (!outputs.has(output)) problems.push(`${label}: value for undeclared output "${output}"`);
  }
  return {
    id: source.id ?? String(position),
    position,
    ...(source.description !== undefined && { description: source.description }),
    when: source.when as Readonly<Record<string, Condition>>,
    then: source.then as OutputValues<OutputSchema>,
    accepts,
  };
}

function checkSignature(
  file: DecisionTableFile,
  inputs: ReadonlyMap<string, ValueType>,
  outputs: ReadonlyMap<string, ValueType>,
  signature: DecisionTableSignature<InputSchema, OutputSchema, HitPolicy>,
  problems: string[],
): void {
  const supplied = typesOf(signature.inputs);
  const expected = typesOf(signature.outputs);
  for (const [input, type] of inputs) {
    const given = supplied.get(input);
    if (!given) {
      problems.push(
        `input "${input}" is not supplied by the code (it supplies ${[...supplied.keys()].join(', ') || 'nothing'})`,
      );
    } else if (!isSubtype(given, type)) {
      problems.push(`input "${input}" is ${describeType(type)}, but the code passes ${describeType(given)}`);
    }
  }
  for (const [output, wanted] of expected) {
    const type = outputs.get(output);
    if (!type) problems.push(`output "${output}" is read by the code but not declared`);
    else if (!isSubtype(type, wanted))
      problems.push(`output "${output}" is ${describeType(type)}, but the code handles ${describeType(wanted)}`);
  }
  for (const output of outputs.keys()) {
    if (!expected.has(output)) problems.push(`output "${output}" is not read by the code`);
  }
  const policies: readonly HitPolicy[] | undefined = signature.hitPolicies;
  if (policies && !policies.includes(file.hitPolicy)) {
    problems.push(`hit policy ${file.hitPolicy} is not one the code handles (${policies.join(', ')})`);
  }
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const where = issue.path.length > 0 ? issue.path.join('.') : 'table';
  // A bad record key carries the key's own problems; its message alone says only "Invalid key".
  const messages = issue.code === 'invalid_key' ? issue.issues.map((inner) => inner.message) : [issue.message];
  return messages.map((message) => `${where}: ${message}`);
}

function identityOf(json: unknown): { name: string; version: string } {
  const candidate = (typeof json === 'object' && json !== null ? json : {}) as { name?: unknown; version?: unknown };
  return {
    name: typeof candidate.name === 'string' ? candidate.name : '(unnamed)',
    version: typeof candidate.version === 'string' ? candidate.version : '?',
  };
}

/**
 * Validates a table file and prepares it for evaluation. Checks its shape, that every condition
 * names a declared input and suits its type, that every rule yields well-typed outputs, that the
 * hit policy and aggregation fit, that no two rules of a UNIQUE table can match the same input, and,
 * given a signature, that the table agrees with the code using it. Throws a
 * `DecisionTableDefinitionError` listing every problem found.
 *
 * Meant to run once, when the module holding the table is loaded (in workflows too: it is pure).
 */
export function loadDecisionTable(json: unknown): DecisionTable;
export function loadDecisionTable<
  const S extends InputSchema,
  const O extends OutputSchema,
  const P extends HitPolicy = HitPolicy,
>(json: unknown, signature: DecisionTableSignature<S, O, P>): DecisionTable<S, O, P>;
export function loadDecisionTable(
  json: unknown,
  signature?: DecisionTableSignature<InputSchema, OutputSchema, HitPolicy>,
): DecisionTable {
  const parsed = decisionTableFileSchema.safeParse(json);
  if (!parsed.success) {
    const { name, version } = identityOf(json);
    const problems = parsed.error.issues.flatMap(describeIssue);
    throw new DecisionTableDefinitionError(name, version, problems);
  }
  const file = parsed.data;
  const inputs = typesOf(file.inputs);
  const outputs = typesOf(file.outputs);
  const problems: string[] = [];

  checkPolicy(file, outputs, problems);
  const rules = file.rules.map((rule, index) => compileRule(rule, index + 1, inputs, outputs, problems));
  const ids = rules.map((rule) => rule.id);
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index)
      problems.push(`rule ${index + 1}: id ${JSON.stringify(id)} is already used by rule ${ids.indexOf(id) + 1}`);
  });
  if (signature) checkSignature(file, inputs, outputs, signature, problems);
  // Overlaps are only meaningful between rules that compiled cleanly.
  if (problems.length === 0 && file.hitPolicy === 'UNIQUE') {
    const domains = new Map([...inputs].map(([name, type]) => [name, domainOf(type)]));
    problems.push(...overlappingRules(rules, domains));
  }
  if (problems.length > 0) throw new DecisionTableDefinitionError(file.name, file.version, problems);

  return deepFreeze({
    name: file.name,
    version: file.version,
    ...(file.description !== undefined && { description: file.description }),
    hitPolicy: file.hitPolicy,
    ...(file.aggregation !== undefined && { aggregation: file.aggregation }),
    inputs: file.inputs,
    outputs: file.outputs,
    rules,
  });
}
