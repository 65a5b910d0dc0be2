import type { Condition, Scalar } from './types';
import { complement, finiteSet, type Interval, orderedSet, point, type ValueSet } from './value-set';
import { describeType, domainOf, hasType, isOrdered, type ValueType } from './value-types';

/** Collects what is wrong with a condition instead of stopping at the first problem. */
export type Report = (problem: string) => void;

function equalTo(value: Scalar, type: ValueType): ValueSet {
  return isOrdered(type) ? orderedSet([point(value as number | string)]) : finiteSet([value as string | boolean]);
}

function comparison(op: '<' | '<=' | '>' | '>=', value: number | string): Interval {
  switch (op) {
    case '<':
      return { upper: { value, inclusive: false } };
    case '<=':
      return { upper: { value, inclusive: true } };
    case '>':
      return { lower: { value, inclusive: false } };
    case '>=':
      return { lower: { value, inclusive: true } };
  }
}

/**
 * The values of an input of type `type` that `condition` accepts; undefined when it accepts
 * anything. Values of the wrong type, and operators the type does not support, are reported.
 */
export function compileCondition(condition: Condition, type: ValueType, report: Report): ValueSet | undefined {
  if (condition === '-' || condition.op === 'any') return undefined;
  const valueType: ValueType = { ...type, nullable: false };
  const checked = (value: Scalar): boolean => {
    const ok = hasType(value, valueType);
    if (!ok) report(`${JSON.stringify(value)} is not ${describeType(valueType)}`);
    return ok;
  };
  const needsOrder = (op: string): boolean => {
    if (!isOrdered(type)) report(`"${op}" needs a number or string input, not ${describeType(valueType)}`);
    return isOrdered(type);
  };

  switch (condition.op) {
    case 'not': {
      const inner = compileCondition(condition.condition, type, report);
      return complement(inner ?? domainOf(type), domainOf(type));
    }
    case 'in': {
      const values = condition.values.filter(checked);
      return isOrdered(type)
        ? orderedSet(values.map((value) => point(value as number | string)))
        : finiteSet(values as Array<string | boolean>);
    }
    case 'range': {
      if (!needsOrder('range')) return undefined;
      const { min, max } = condition;
      if ((min !== undefined && !checked(min)) || (max !== undefined && !checked(max))) return undefined;
      return orderedSet([
        {
          ...(min !== undefined && { lower: { value: min, inclusive: condition.minInclusive ?? true } }),
          ...(max !== undefined && { upper: { value: max, inclusive: condition.maxInclusive ?? false } }),
        },
      ]);
    }
    case '=':
    case '!=': {
      if (!checked(condition.value)) return undefined;
      const equal = equalTo(condition.value, type);
      return condition.op === '=' ? equal : complement(equal, domainOf(type));
    }
    default: {
      if (!needsOrder(condition.op) || !checked(condition.value)) return undefined;
      return orderedSet([comparison(condition.op, condition.value as number | string)]);
    }
  }
}
