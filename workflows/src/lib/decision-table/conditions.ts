import type { Comparison, ComparisonOperator, OneOf, Range } from './types';

type Scalar = number | string | boolean;
/** Any condition, with the value type erased: the evaluator checked input types beforehand. */
export type AnyCondition = Comparison<Scalar> | Range<number | string> | OneOf<Scalar>;

function compare(op: ComparisonOperator, input: Scalar, value: Scalar): boolean {
  switch (op) {
    case '=':
      return input === value;
    case '>':
      return input > value;
    case '>=':
      return input >= value;
    case '<':
      return input < value;
    case '<=':
      return input <= value;
  }
}

function inRange<V extends number | string>(input: V, range: Range<V>): boolean {
  if (range.min !== undefined) {
    const aboveMin = range.minInclusive === false ? input > range.min : input >= range.min;
    if (!aboveMin) return false;
  }
  if (range.max !== undefined) {
    const belowMax = range.maxInclusive === true ? input <= range.max : input < range.max;
    if (!belowMax) return false;
  }
  return true;
}

/** Whether `input` satisfies `condition`; inputs have been type-checked against the schema before. */
export function conditionHolds(condition: AnyCondition, input: Scalar): boolean {
  switch (condition.op) {
    case 'in':
      return (condition.values as readonly Scalar[]).includes(input);
    case 'range':
      return inRange(input as number | string, condition);
    default:
      return compare(condition.op, input, condition.value);
  }
}
