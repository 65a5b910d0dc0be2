/**
 * The roles an overdue task moves to: each candidate role is replaced by its target when it has
 * one. Returns undefined when no role has a target, i.e. the task cannot escalate any further.
 */
export function escalatedRoles(
  roles: readonly string[],
  targets: Readonly<Record<string, string>> = {},
): string[] | undefined {
  if (!roles.some((role) => Object.hasOwn(targets, role))) return undefined;
  const next = roles.map((role) => (Object.hasOwn(targets, role) ? targets[role]! : role));
  return [...new Set(next)];
}
