import type { DecisionRule, InputSchema, OutputSchema } from './types';
import { describe, intersect, isEmpty, type ValueSet } from './value-set';

/**
 * Why two rules can match the same input, or undefined when they cannot. Rules are conjunctions
 * of per-input sets, so they overlap exactly when their sets intersect on every input.
 */
function overlapOf(
  a: DecisionRule<InputSchema, OutputSchema>,
  b: DecisionRule<InputSchema, OutputSchema>,
  domains: ReadonlyMap<string, ValueSet>,
): string | undefined {
  const shared: string[] = [];
  for (const [input, domain] of domains) {
    const left = a.accepts[input];
    const right = b.accepts[input];
    if (!left && !right) continue;
    const both = intersect(left ?? domain, right ?? domain);
    if (isEmpty(both)) return undefined;
    shared.push(describe(input, both));
  }
  return shared.length > 0 ? shared.join(' and ') : 'any input';
}

const quoted = (rule: DecisionRule<InputSchema, OutputSchema>) => JSON.stringify(rule.id);

/** One problem per pair of rules that some input matches both of, e.g. `rules 2 and 3 overlap ("a" and "b"): both match total in [5, 10)`. */
export function overlappingRules(
  rules: ReadonlyArray<DecisionRule<InputSchema, OutputSchema>>,
  domains: ReadonlyMap<string, ValueSet>,
): string[] {
  const problems: string[] = [];
  rules.forEach((a, index) => {
    for (const b of rules.slice(index + 1)) {
      const overlap = overlapOf(a, b, domains);
      if (overlap !== undefined) {
        problems.push(
          `rules ${a.position} and ${b.position} overlap (${quoted(a)} and ${quoted(b)}): both match ${overlap}`,
        );
      }
    }
  });
  return problems;
}
