import { evaluate, parseUnaryTests } from 'feelin';

/** Ordo's condition language (workflows/src/lib/decision-table/types.ts), as plain JSON for a table file. */
export type TableCondition =
  | '-'
  | { op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Scalar }
  | { op: 'range'; min: number | string; max: number | string; minInclusive: boolean; maxInclusive: boolean }
  | { op: 'in'; values: Scalar[] }
  | { op: 'not'; condition: TableCondition };
type Scalar = number | string | boolean;

/** What the FEEL parser (lezer) hands back; only what the conversion walks. */
interface FeelNode {
  name: string;
  from: number;
  to: number;
  firstChild: FeelNode | null;
  nextSibling: FeelNode | null;
}

/** A FEEL cell this conversion cannot express in Ordo's table format; `message` says what is supported. */
export class FeelConversionError extends Error {}

function children(node: FeelNode): FeelNode[] {
  const found: FeelNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) found.push(child);
  return found;
}

function hasSyntaxError(node: FeelNode): boolean {
  return node.name === '⚠' || children(node).some(hasSyntaxError);
}

/** A literal endpoint or value (`10000`, `-5`, `"cfo"`, `true`), evaluated by FEEL itself: no names, no functions. */
function literal(text: string, node: FeelNode): Scalar {
  const source = text.slice(node.from, node.to);
  if (!['NumericLiteral', 'StringLiteral', 'BooleanLiteral', 'ArithmeticExpression'].includes(node.name))
    throw new FeelConversionError(`"${source}" is not a number, string or boolean literal`);
  const value: unknown = evaluate(source);
  if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean')
    throw new FeelConversionError(`"${source}" is not a number, string or boolean literal`);
  return value;
}

/** The meaningful children of a node: punctuation and a unary minus' operator are part of their literal. */
function operands(node: FeelNode): FeelNode[] {
  return children(node).filter((child) => !['(', ')', '[', ']', 'ArithOp'].includes(child.name));
}

function interval(text: string, node: FeelNode): TableCondition {
  const source = text.slice(node.from, node.to).trim();
  const [low, high] = operands(node);
  if (!low || !high) throw new FeelConversionError(`interval "${source}" needs two endpoints`);
  const min = literal(text, low);
  const max = literal(text, high);
  if (typeof min === 'boolean' || typeof max === 'boolean')
    throw new FeelConversionError(`interval "${source}" has a boolean endpoint`);
  // FEEL: "[" includes the start, "(" or "]" excludes it; "]" includes the end, ")" or "[" excludes it.
  return { op: 'range', min, max, minInclusive: source.startsWith('['), maxInclusive: source.endsWith(']') };
}

function positiveTest(text: string, node: FeelNode): TableCondition {
  const [only] = operands(node);
  if (!only) throw new FeelConversionError('empty test');
  if (only.name !== 'SimplePositiveUnaryTest') return { op: '=', value: literal(text, only) };
  const [first, second] = operands(only);
  if (first?.name === 'Interval') return interval(text, first);
  if (first?.name === 'CompareOp' && second) {
    const op = text.slice(first.from, first.to) as '<' | '<=' | '>' | '>=';
    return { op, value: literal(text, second) };
  }
  throw new FeelConversionError(`"${text.slice(node.from, node.to)}" is not a comparison or an interval`);
}

function positiveTests(text: string, node: FeelNode): TableCondition {
  const tests = children(node).filter((child) => child.name === 'PositiveUnaryTest');
  if (tests.length === 1) return positiveTest(text, tests[0]!);
  const conditions = tests.map((test) => positiveTest(text, test));
  // A list of values is Ordo's "in"; a list mixing comparisons has no single Ordo condition.
  if (conditions.every((condition) => typeof condition === 'object' && condition.op === '='))
    return { op: 'in', values: conditions.map((condition) => (condition as { value: Scalar }).value) };
  throw new FeelConversionError(
    `"${text.slice(node.from, node.to)}": a list may hold values only (one comparison or interval per cell)`,
  );
}

/**
 * One input entry of a DMN decision table (FEEL unary tests) as an Ordo condition: `-` (any), a literal (`=`),
 * a comparison (`< <= > >=`), an interval (`[a..b)` and kin), a list of literals (`in`), and `not(...)` of these.
 * Parsed by feelin's FEEL grammar, so a cell means here what it means to a DMN engine; anything else is refused.
 */
export function conditionOfUnaryTests(source: string): TableCondition {
  const text = source.trim();
  if (text === '' || text === '-') return '-';
  const tree = parseUnaryTests(text) as unknown as { topNode: FeelNode };
  if (hasSyntaxError(tree.topNode)) throw new FeelConversionError(`"${text}" is not valid FEEL`);
  const [top] = children(tree.topNode);
  if (!top) throw new FeelConversionError(`"${text}" is empty`);
  if (top.name === 'Wildcard') return '-';
  if (top.name === 'PositiveUnaryTests') return positiveTests(text, top);
  if (top.name === 'not') {
    const inner = children(tree.topNode).find((child) => child.name === 'PositiveUnaryTests');
    if (!inner) throw new FeelConversionError(`"${text}": not(...) needs tests inside`);
    return { op: 'not', condition: positiveTests(text, inner) };
  }
  throw new FeelConversionError(`"${text}" is not a supported unary test`);
}

/** An output entry: a literal (or `null`, or empty for no value), evaluated by FEEL. */
export function valueOfOutputEntry(source: string): Scalar | null {
  const text = source.trim();
  if (text === '' || text === 'null') return null;
  const value: unknown = evaluate(text);
  if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean')
    throw new FeelConversionError(`output "${text}" is not a number, string or boolean literal`);
  return value;
}

/** An allowed-values list (`"cfo","manager"`) as an enum; only string lists are enums in Ordo. */
export function enumOfAllowedValues(source: string | undefined): string[] | undefined {
  if (source === undefined || source.trim() === '') return undefined;
  const condition = conditionOfUnaryTests(source);
  const values =
    typeof condition === 'object' && condition.op === 'in'
      ? condition.values
      : typeof condition === 'object' && condition.op === '='
        ? [condition.value]
        : undefined;
  if (!values || !values.every((value): value is string => typeof value === 'string'))
    throw new FeelConversionError(`allowed values "${source.trim()}" must be a list of strings`);
  return values;
}
