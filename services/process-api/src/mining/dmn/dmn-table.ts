import DmnModdle from 'dmn-moddle';
import { RequestValidationError } from '../../errors/api-error';
import {
  conditionOfUnaryTests,
  enumOfAllowedValues,
  FeelConversionError,
  type TableCondition,
  valueOfOutputEntry,
} from './feel-unary-tests';

/** The parts of dmn-moddle's object model the conversion reads (DMN 1.3 names). */
interface DmnText {
  text?: string;
}
interface DmnDecisionTable {
  $type: string;
  hitPolicy?: string;
  aggregation?: string;
  input?: Array<{ label?: string; inputExpression?: DmnText & { typeRef?: string }; inputValues?: DmnText }>;
  output?: Array<{ name?: string; typeRef?: string; outputValues?: DmnText }>;
  rule?: Array<{ id?: string; description?: string; inputEntry?: DmnText[]; outputEntry?: DmnText[] }>;
}
interface DmnDecision {
  $type: string;
  id?: string;
  name?: string;
  decisionLogic?: DmnDecisionTable;
}

const numberTypes = new Set(['number', 'integer', 'long', 'double']);

/** A DMN problem, named by where it is in the XML (`dmn.rules.1.inputEntry.0`…), as a 400. */
function refuse(path: string, message: string): never {
  throw new RequestValidationError([{ path, message }]);
}

function scalarType(typeRef: string | undefined, path: string): 'number' | 'string' | 'boolean' {
  const type = (typeRef ?? '').trim().toLowerCase();
  if (numberTypes.has(type)) return 'number';
  if (type === 'string' || type === 'boolean') return type;
  return refuse(path, `typeRef "${typeRef ?? ''}" is not number, string or boolean`);
}

function converted<T>(path: string, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    if (error instanceof FeelConversionError) refuse(path, error.message);
    throw error;
  }
}

async function decisionsOf(xml: string): Promise<DmnDecision[]> {
  let root: unknown;
  try {
    ({ rootElement: root } = await new DmnModdle().fromXML(xml, 'dmn:Definitions'));
  } catch (error) {
    refuse('dmn', `not a DMN 1.3 document: ${(error as Error).message.split('\n')[0]}`);
  }
  const elements = (root as { drgElement?: DmnDecision[] } | undefined)?.drgElement ?? [];
  return elements.filter((element) => element.decisionLogic?.$type === 'dmn:DecisionTable');
}

export interface DmnImport {
  xml: string;
  /** The decision to convert (its id); default: the one named like `tableName`, else the only one. */
  decision?: string;
  /** The name the table must have (the committed table's). */
  tableName: string;
  version: string;
}

/**
 * A DMN 1.3 decision table as an Ordo table file: the decision's id is the table's name, each input's expression its
 * input's name, `inputValues`/`outputValues` of strings its enums, each rule's id and description kept, FEEL cells
 * converted by {@link conditionOfUnaryTests}. The result is only a file: the caller loads it with the same checks as
 * a committed table (hit policy, UNIQUE overlaps, the code's signature).
 */
export async function tableFileOfDmn(request: DmnImport): Promise<Record<string, unknown>> {
  const decisions = await decisionsOf(request.xml);
  const decision =
    decisions.find((candidate) => candidate.id === (request.decision ?? request.tableName)) ??
    (request.decision === undefined && decisions.length === 1 ? decisions[0] : undefined);
  if (!decision)
    refuse(
      request.decision === undefined ? 'dmn' : 'decision',
      `no decision table ${request.decision ?? request.tableName} (found ${decisions.map((found) => found.id).join(', ') || 'none'})`,
    );
  const table = decision.decisionLogic!;
  const inputs = (table.input ?? []).map((input, index) => {
    const path = `dmn.inputs.${index}`;
    const name = (input.inputExpression?.text ?? '').trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      refuse(path, `the input expression "${name}" must be a plain name (the table input it reads)`);
    const type = scalarType(input.inputExpression?.typeRef, `${path}.typeRef`);
    const values = converted(`${path}.inputValues`, () => enumOfAllowedValues(input.inputValues?.text));
    return { name, spec: values && type === 'string' ? { enum: values } : type };
  });
  const rules = (table.rule ?? []).map((rule, index) => {
    const path = `dmn.rules.${index}`;
    const when: Record<string, TableCondition> = {};
    inputs.forEach((input, column) => {
      const entry = rule.inputEntry?.[column]?.text ?? '-';
      const condition = converted(`${path}.inputEntry.${column}`, () => conditionOfUnaryTests(entry));
      if (condition !== '-') when[input.name] = condition;
    });
    const then = Object.fromEntries(
      (table.output ?? []).map((output, column) => [
        output.name ?? '',
        converted(`${path}.outputEntry.${column}`, () => valueOfOutputEntry(rule.outputEntry?.[column]?.text ?? '')),
      ]),
    );
    return {
      ...(rule.id !== undefined && { id: rule.id }),
      ...(rule.description !== undefined && { description: rule.description }),
      when,
      then,
    };
  });
  const outputs = Object.fromEntries(
    (table.output ?? []).map((output, column) => {
      const path = `dmn.outputs.${column}`;
      if (!output.name) refuse(`${path}.name`, 'an output needs a name');
      const type = scalarType(output.typeRef, `${path}.typeRef`);
      const values = converted(`${path}.outputValues`, () => enumOfAllowedValues(output.outputValues?.text));
      const nullable = rules.some((rule) => rule.then[output.name!] === null);
      const base = values && type === 'string' ? { enum: values } : { type };
      return [output.name, nullable ? { ...base, nullable: true } : values ? base : type];
    }),
  );
  return {
    name: decision.id ?? request.tableName,
    version: request.version,
    ...(decision.name !== undefined && { description: decision.name }),
    hitPolicy: table.hitPolicy ?? 'UNIQUE',
    ...(table.aggregation !== undefined && { aggregation: table.aggregation }),
    inputs: Object.fromEntries(inputs.map((input) => [input.name, input.spec])),
    outputs,
    rules,
  };
}
