/**
 * The `step` label of a step: its name without what makes each instance's name unique, so the label
 * set stays bounded. Numeric segments are dropped (`reserve-stock-2` → `reserve-stock`,
 * `approval-1-reminder-1` → `approval-reminder`), and a step of a keyed family is just the family
 * (`refund-<payment reference>` → `refund`). Which families are keyed is the process's knowledge.
 */
export function normalizeStepName(name: string, keyedFamilies: readonly string[] = []): string {
  const family = keyedFamilies.find((prefix) => name === prefix || name.startsWith(`${prefix}-`));
  if (family !== undefined) return family;
  const kept = name.split('-').filter((segment) => segment !== '' && !/^\d+$/.test(segment));
  return kept.length > 0 ? kept.join('-') : 'unnamed';
}
