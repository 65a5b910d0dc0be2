/**
 * The set of values a condition accepts for one input. Matching an input and detecting that two
 * rules overlap both work on these sets, so the two can never disagree.
 *
 * Numbers and strings are ordered: a set is a union of intervals (strings by JavaScript's code-unit
 * order, treated as dense: an open interval between two strings counts as non-empty). Booleans and
 * enumerations are finite: a set is the list of accepted values.
 */

type Ordered = number | string;

export interface Bound {
  readonly value: Ordered;
  readonly inclusive: boolean;
}

/** An absent bound is unbounded on that side. */
export interface Interval {
  readonly lower?: Bound;
  readonly upper?: Bound;
}

export type ValueSet =
  | { readonly kind: 'ordered'; readonly intervals: readonly Interval[] }
  | { readonly kind: 'finite'; readonly values: ReadonlyArray<string | boolean> };

export const everyOrdered: ValueSet = { kind: 'ordered', intervals: [{}] };

export function orderedSet(intervals: readonly Interval[]): ValueSet {
  return { kind: 'ordered', intervals: intervals.filter((interval) => !intervalIsEmpty(interval)) };
}

export function finiteSet(values: ReadonlyArray<string | boolean>): ValueSet {
  return { kind: 'finite', values: values.filter((value, index) => values.indexOf(value) === index) };
}

export function point(value: Ordered): Interval {
  return { lower: { value, inclusive: true }, upper: { value, inclusive: true } };
}

function intervalIsEmpty({ lower, upper }: Interval): boolean {
  if (!lower || !upper) return false;
  if (lower.value < upper.value) return false;
  return !(lower.value === upper.value && lower.inclusive && upper.inclusive);
}

function intervalContains({ lower, upper }: Interval, value: Ordered): boolean {
  if (lower && (lower.inclusive ? value < lower.value : value <= lower.value)) return false;
  if (upper && (upper.inclusive ? value > upper.value : value >= upper.value)) return false;
  return true;
}

/** Of two lower bounds, the one that admits less; on a tie, an exclusive bound is tighter. */
function tighterLower(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a || !b) return a ?? b;
  if (a.value !== b.value) return a.value > b.value ? a : b;
  return a.inclusive ? b : a;
}

function tighterUpper(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a || !b) return a ?? b;
  if (a.value !== b.value) return a.value < b.value ? a : b;
  return a.inclusive ? b : a;
}

function intersectIntervals(a: Interval, b: Interval): Interval {
  const lower = tighterLower(a.lower, b.lower);
  const upper = tighterUpper(a.upper, b.upper);
  return { ...(lower && { lower }), ...(upper && { upper }) };
}

function complementInterval({ lower, upper }: Interval): Interval[] {
  const below: Interval[] = lower ? [{ upper: { value: lower.value, inclusive: !lower.inclusive } }] : [];
  const above: Interval[] = upper ? [{ lower: { value: upper.value, inclusive: !upper.inclusive } }] : [];
  return [...below, ...above];
}

function intersectUnions(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  return a
    .flatMap((left) => b.map((right) => intersectIntervals(left, right)))
    .filter((interval) => !intervalIsEmpty(interval));
}

export function contains(set: ValueSet, value: unknown): boolean {
  if (set.kind === 'finite') return set.values.includes(value as string | boolean);
  return (
    (typeof value === 'number' || typeof value === 'string') &&
    set.intervals.some((interval) => intervalContains(interval, value))
  );
}

export function isEmpty(set: ValueSet): boolean {
  return set.kind === 'finite' ? set.values.length === 0 : set.intervals.length === 0;
}

/** Both sets must describe the same input (same kind). */
export function intersect(a: ValueSet, b: ValueSet): ValueSet {
  if (a.kind === 'finite' && b.kind === 'finite')
    return finiteSet(a.values.filter((value) => b.values.includes(value)));
  if (a.kind === 'ordered' && b.kind === 'ordered') return orderedSet(intersectUnions(a.intervals, b.intervals));
  throw new Error('cannot intersect value sets of different kinds');
}

/** Everything in `domain` (the input's full set) that `set` does not contain. */
export function complement(set: ValueSet, domain: ValueSet): ValueSet {
  if (set.kind === 'finite' && domain.kind === 'finite')
    return finiteSet(domain.values.filter((value) => !set.values.includes(value)));
  if (set.kind === 'ordered' && domain.kind === 'ordered') {
    // The complement of a union is the intersection of the complements.
    const outside = set.intervals.reduce<Interval[]>(
      (rest, interval) => intersectUnions(rest, complementInterval(interval)),
      [{}],
    );
    return orderedSet(intersectUnions(outside, domain.intervals));
  }
  throw new Error('cannot complement value sets of different kinds');
}

const show = (value: Ordered | boolean): string => JSON.stringify(value);

function describeInterval({ lower, upper }: Interval): string {
  if (lower && upper && lower.value === upper.value) return `= ${show(lower.value)}`;
  const from = lower ? `${lower.inclusive ? '[' : '('}${show(lower.value)}` : '(-inf';
  const to = upper ? `${show(upper.value)}${upper.inclusive ? ']' : ')'}` : '+inf)';
  return `in ${from}, ${to}`;
}

/** e.g. `total in (1000, 10000]`, `region in {"EU", "US"}`, `express = true`. */
export function describe(input: string, set: ValueSet): string {
  if (set.kind === 'finite') {
    return set.values.length === 1
      ? `${input} = ${show(set.values[0]!)}`
      : `${input} in {${set.values.map(show).join(', ')}}`;
  }
  return set.intervals.map((interval) => `${input} ${describeInterval(interval)}`).join(' or ');
}
