import type { DecisionTableView } from '../api/views';

/** A rule's condition on one input, as written in the table file (see the workflows' decision-table types). */
type Condition = DecisionTableView['rules'][number]['when'][string];

const operatorWords: Readonly<Record<string, string>> = {
  '=': '=',
  '!=': '≠',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
};

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  return String(value);
}

/**
 * A condition the way a process owner reads it: `> 10,000`, `> 1,000 and ≤ 10,000`, `one of DE, FR`, `any`.
 * Open bounds of a range are left out; an inclusive bound reads ≥/≤, an exclusive one >/<, as the file defines them.
 */
export function describeCondition(condition: Condition | undefined): string {
  if (condition === undefined || condition === '-') return 'any';
  switch (condition.op) {
    case 'any':
      return 'any';
    case 'range': {
      const parts: string[] = [];
      if (condition.min !== undefined)
        parts.push(`${condition.minInclusive === false ? '>' : '≥'} ${formatValue(condition.min)}`);
      if (condition.max !== undefined)
        parts.push(`${condition.maxInclusive ? '≤' : '<'} ${formatValue(condition.max)}`);
      return parts.length > 0 ? parts.join(' and ') : 'any';
    }
    case 'in':
      return `one of ${condition.values.map(formatValue).join(', ')}`;
    case 'not':
      return `not (${describeCondition(condition.condition)})`;
    default:
      return `${operatorWords[condition.op] ?? condition.op} ${formatValue(condition.value)}`;
  }
}
