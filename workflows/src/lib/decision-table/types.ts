/**
 * Decision tables (DESIGN.md decision 4): business rules as versioned data.
 *
 * A table declares typed inputs and an ordered list of rules; each rule tests some inputs and
 * yields an output. The hit policy says what to do when several rules match. Only single-hit
 * policies are implemented; multi-hit ones (`RULE ORDER`, `COLLECT`) would return every match
 * and get their own result type, so `HitPolicy` is kept separate from the single-hit subset.
 */

export type InputType = 'number' | 'string' | 'boolean';

export interface InputTypeMap {
  number: number;
  string: string;
  boolean: boolean;
}

/** The declared inputs of a table, e.g. `{ total: 'number', region: 'string' }`. */
export type InputSchema = Record<string, InputType>;

/** The input values a table with schema `S` is evaluated on. */
export type InputValues<S extends InputSchema> = { [K in keyof S]: InputTypeMap[S[K]] };

export type ComparisonOperator = '>' | '>=' | '<' | '<=' | '=';

/** `value` compared with the input, e.g. `{ op: '>', value: 10_000 }` means input > 10 000. */
export interface Comparison<V> {
  op: ComparisonOperator;
  value: V;
}

/** A range with its own bound inclusivity; an absent bound is open-ended. */
export interface Range<V extends number | string> {
  op: 'range';
  min?: V;
  max?: V;
  /** Default true. */
  minInclusive?: boolean;
  /** Default false: [min, max) ranges tile without overlapping. */
  maxInclusive?: boolean;
}

/** The input equals one of the values. */
export interface OneOf<V> {
  op: 'in';
  values: readonly V[];
}

export type Condition<V> = [V] extends [number | string] ? Comparison<V> | Range<V> | OneOf<V> : Comparison<V> | OneOf<V>;

/** An input a rule does not mention matches anything. */
export type RuleConditions<S extends InputSchema> = { [K in keyof S]?: Condition<InputTypeMap[S[K]]> };

export interface Rule<S extends InputSchema, Output> {
  /** Stable name of the rule, recorded with the outcome so a decision can be explained. */
  id: string;
  description?: string;
  when: RuleConditions<S>;
  then: Output;
}

export type SingleHitPolicy = 'FIRST' | 'UNIQUE';
/** Reserved for later; declaring them here keeps the table format stable when they arrive. */
export type MultiHitPolicy = 'RULE ORDER' | 'COLLECT';
export type HitPolicy = SingleHitPolicy | MultiHitPolicy;

export interface DecisionTable<S extends InputSchema, Output, P extends HitPolicy = SingleHitPolicy> {
  name: string;
  /** Bumped on every change of rules or outputs; recorded by every instance that used the table. */
  version: string;
  description?: string;
  hitPolicy: P;
  inputs: S;
  rules: ReadonlyArray<Rule<S, Output>>;
}

/** What a single-hit evaluation yields: the output and where it came from. */
export interface DecisionOutcome<Output> {
  table: string;
  version: string;
  ruleId: string;
  output: Output;
}
