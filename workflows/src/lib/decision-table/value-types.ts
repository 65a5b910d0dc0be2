import type { InputType, OutputType, ScalarTypeName } from './types';
import { everyOrdered, finiteSet, type ValueSet } from './value-set';

/** One form for every way a type can be written in a table file. */
export interface ValueType {
  readonly base: ScalarTypeName | 'enum';
  /** The allowed values of an enum; empty otherwise. */
  readonly enumValues: readonly string[];
  readonly nullable: boolean;
}

export function normalizeType(spec: InputType | OutputType): ValueType {
  if (typeof spec === 'string') return { base: spec, enumValues: [], nullable: false };
  const nullable = 'nullable' in spec && spec.nullable === true;
  if ('enum' in spec) return { base: 'enum', enumValues: spec.enum, nullable };
  return { base: spec.type, enumValues: [], nullable };
}

/** Numbers and strings can be compared and ranged; booleans and enums only tested for (in)equality. */
export function isOrdered(type: ValueType): boolean {
  return type.base === 'number' || type.base === 'string';
}

/** Every value an input of this type can take. */
export function domainOf(type: ValueType): ValueSet {
  if (type.base === 'boolean') return finiteSet([true, false]);
  if (type.base === 'enum') return finiteSet(type.enumValues);
  return everyOrdered;
}

export function hasType(value: unknown, type: ValueType): boolean {
  if (value === null) return type.nullable;
  switch (type.base) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
    case 'boolean':
      return typeof value === type.base;
    case 'enum':
      return typeof value === 'string' && type.enumValues.includes(value);
  }
}

export function describeType(type: ValueType): string {
  const base =
    type.base === 'enum'
      ? `one of ${type.enumValues.map((value) => JSON.stringify(value)).join(', ')}`
      : `a ${type.base}`;
  return type.nullable ? `${base} or null` : base;
}

/** Whether every value of type `narrow` is also a value of type `wide`. */
export function isSubtype(narrow: ValueType, wide: ValueType): boolean {
  if (narrow.nullable && !wide.nullable) return false;
  if (narrow.base === 'enum') {
    if (wide.base === 'string') return true;
    return wide.base === 'enum' && narrow.enumValues.every((value) => wide.enumValues.includes(value));
  }
  return narrow.base === wide.base;
}
