/**
 * Decision tables (docs/ARCHITECTURE.md decision 4): business rules as versioned data.
 *
 * A table is a JSON file next to the process that uses it. It declares typed inputs and typed
 * outputs, and an ordered list of rules; each rule constrains some inputs and yields one value per
 * output. The hit policy says what the table answers when several rules match:
 * - UNIQUE: at most one rule may match any input; checked when the table is loaded.
 * - FIRST: the first matching rule in table order.
 * - RULE ORDER: every matching rule's output, in table order.
 * - COLLECT: every matching rule's output (in table order, so results are deterministic), or with an
 *   aggregation a single number: SUM or MIN or MAX of the table's one numeric output, or the COUNT of
 *   matching rules.
 */
import type { DecisionRecord } from '../process-contract';
import type { ValueSet } from './value-set';

export type ScalarTypeName = 'number' | 'string' | 'boolean';
export type Scalar = number | string | boolean;

/** An enumeration: the value must be one of these strings. */
export interface EnumType {
  readonly enum: readonly string[];
  readonly nullable?: boolean;
}

/** A scalar type that may also allow `null` (outputs only: "no value", e.g. no approver needed). */
export interface ScalarType {
  readonly type: ScalarTypeName;
  readonly nullable?: boolean;
}

/** The type of an input: `"number"`, `"string"`, `"boolean"` or `{ "enum": [...] }`; inputs are never null. */
export type InputType = ScalarTypeName | { readonly enum: readonly string[] };
/** The type of an output: an input type, or `{ "type": ..., "nullable": true }` / `{ "enum": [...], "nullable": true }`. */
export type OutputType = ScalarTypeName | ScalarType | EnumType;

interface ScalarValues {
  number: number;
  string: string;
  boolean: boolean;
}

type NullUnlessNotNullable<T> = T extends { readonly nullable: true }
  ? null
  : T extends { readonly nullable?: false }
    ? never
    : null;

/** The TypeScript type of the values of a declared type, e.g. `{ enum: ['a', 'b'], nullable: true }` → `'a' | 'b' | null`. */
export type ValueOf<T> = T extends ScalarTypeName
  ? ScalarValues[T]
  : T extends { readonly enum: readonly (infer E)[] }
    ? E | NullUnlessNotNullable<T>
    : T extends { readonly type: infer N extends ScalarTypeName }
      ? ScalarValues[N] | NullUnlessNotNullable<T>
      : never;

/** The declared inputs of a table, e.g. `{ "total": "number", "region": { "enum": ["EU", "US"] } }`. */
export type InputSchema = Readonly<Record<string, InputType>>;
/** The declared outputs of a table, e.g. `{ "approverRole": { "enum": ["cfo", "manager"], "nullable": true } }`. */
export type OutputSchema = Readonly<Record<string, OutputType>>;

/** The input values a table with inputs `S` is evaluated on. */
export type InputValues<S extends InputSchema> = { readonly [K in keyof S]: ValueOf<S[K]> };
/** One rule's output for a table with outputs `O`. */
export type OutputValues<O extends OutputSchema> = { readonly [K in keyof O]: ValueOf<O[K]> };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * What a rule requires of one input, as written in the table file:
 * - `"-"` or `{ "op": "any" }`: anything (the same as not mentioning the input);
 * - `{ "op": ">", "value": 1000 }`: a comparison (`=`, `!=`, `<`, `<=`, `>`, `>=`; only `=`/`!=` for booleans and enums);
 * - `{ "op": "range", "min": 0, "max": 30 }`: a range of numbers or strings, `min` inclusive and `max` exclusive
 *   unless `minInclusive`/`maxInclusive` say otherwise; an absent bound is open-ended;
 * - `{ "op": "in", "values": ["DE", "FR"] }`: one of a list;
 * - `{ "op": "not", "condition": ... }`: anything the inner condition rejects.
 */
export type Condition =
  | '-'
  | { readonly op: 'any' }
  | { readonly op: ComparisonOperator; readonly value: Scalar }
  | {
      readonly op: 'range';
      readonly min?: number | string;
      readonly max?: number | string;
      readonly minInclusive?: boolean;
      readonly maxInclusive?: boolean;
    }
  | { readonly op: 'in'; readonly values: readonly Scalar[] }
  | { readonly op: 'not'; readonly condition: Condition };

export type SingleHitPolicy = 'UNIQUE' | 'FIRST';
export type MultiHitPolicy = 'RULE ORDER' | 'COLLECT';
export type HitPolicy = SingleHitPolicy | MultiHitPolicy;
/** Only with COLLECT. */
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionRule<S extends InputSchema, O extends OutputSchema> {
  /** Stable name, recorded with the decision so it can be explained; defaults to the rule's position. */
  readonly id: string;
  /** 1-based place in the table, used in messages ("rules 2 and 3 overlap"). */
  readonly position: number;
  readonly description?: string;
  readonly when: { readonly [K in keyof S]?: Condition };
  readonly then: OutputValues<O>;
  /** `when` compiled: the values each constrained input must take (unconstrained inputs are absent). */
  readonly accepts: Readonly<Record<string, ValueSet>>;
}

/** A validated table, as returned by `loadDecisionTable`. Immutable. */
export interface DecisionTable<
  S extends InputSchema = InputSchema,
  O extends OutputSchema = OutputSchema,
  P extends HitPolicy = HitPolicy,
> {
  readonly name: string;
  /** Bumped on every change of rules or outputs; recorded by every instance that used the table. */
  readonly version: string;
  readonly description?: string;
  readonly hitPolicy: P;
  readonly aggregation?: Aggregation;
  readonly inputs: S;
  readonly outputs: O;
  readonly rules: ReadonlyArray<DecisionRule<S, O>>;
}

/**
 * What the code using a table relies on; the table file must agree or it is rejected at load.
 * The table may leave out inputs the code supplies, and accept more values than the code passes;
 * it must declare exactly the outputs the code reads, with values the code can handle.
 */
export interface DecisionTableSignature<S extends InputSchema, O extends OutputSchema, P extends HitPolicy> {
  readonly inputs: S;
  readonly outputs: O;
  /** The hit policies the code is written for (single answer, list, aggregate); default: any. */
  readonly hitPolicies?: readonly P[];
}

interface DecisionBase {
  readonly table: string;
  readonly version: string;
  /** What the process keeps in its status and result (docs/ARCHITECTURE.md decision 4). */
  readonly record: DecisionRecord;
}

/** The answer of a UNIQUE or FIRST table. */
export interface SingleDecision<Output> extends DecisionBase {
  readonly kind: 'single';
  readonly ruleId: string;
  readonly output: Output;
}

/** The answer of a RULE ORDER table or of COLLECT without aggregation: every match, in table order. */
export interface ListDecision<Output> extends DecisionBase {
  readonly kind: 'list';
  readonly ruleIds: readonly string[];
  readonly outputs: readonly Output[];
}

/** The answer of COLLECT with an aggregation; MIN and MAX of no match are null, SUM of no match is 0. */
export interface AggregateDecision extends DecisionBase {
  readonly kind: 'aggregate';
  readonly aggregation: Aggregation;
  readonly ruleIds: readonly string[];
  readonly value: number | null;
}

export type Decision<Output> = SingleDecision<Output> | ListDecision<Output> | AggregateDecision;

/** The answer of a single-hit table (the name callers used before multi-hit policies existed). */
export type DecisionOutcome<Output> = SingleDecision<Output>;
