import { describeCondition, formatValue } from '../src/processes/decision-table-text';

describe('decision table conditions as a process owner reads them', () => {
  it('reads comparisons with their operator and grouped numbers', () => {
    expect(describeCondition({ op: '>', value: 10000 })).toBe('> 10,000');
    expect(describeCondition({ op: '<=', value: 1000 })).toBe('≤ 1,000');
    expect(describeCondition({ op: '!=', value: 'DE' })).toBe('≠ DE');
  });

  it('reads ranges by their bounds: min inclusive and max exclusive unless the file says otherwise', () => {
    expect(describeCondition({ op: 'range', min: 1000, minInclusive: false, max: 10000, maxInclusive: true })).toBe(
      '> 1,000 and ≤ 10,000',
    );
    expect(describeCondition({ op: 'range', min: 0, max: 30 })).toBe('≥ 0 and < 30');
    expect(describeCondition({ op: 'range', max: 5 })).toBe('< 5');
    expect(describeCondition({ op: 'range' })).toBe('any');
  });

  it('reads lists, negations and the absence of a condition', () => {
    expect(describeCondition({ op: 'in', values: ['DE', 'FR'] })).toBe('one of DE, FR');
    expect(describeCondition({ op: 'not', condition: { op: 'in', values: ['US'] } })).toBe('not (one of US)');
    expect(describeCondition('-')).toBe('any');
    expect(describeCondition(undefined)).toBe('any');
    expect(describeCondition({ op: 'any' })).toBe('any');
  });

  it('shows a null output as a dash, so "no approver" is visible', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue('cfo')).toBe('cfo');
    expect(formatValue(true)).toBe('true');
  });
});
