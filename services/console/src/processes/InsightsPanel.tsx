import { useState } from 'react';
import { type InsightTarget, miningInsights, type MiningWindow } from '../api/ordo-api';
import { usePolling } from '../lib/usePolling';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';
import { NumberHeader } from '../ui/NumberHeader';
import tables from '../ui/tables.module.css';
import { formatShare } from '../lib/format';
import { analysisPollMs } from './AnalysisTables';

const targets: ReadonlyArray<{ value: InsightTarget; label: string }> = [
  { value: 'slow', label: 'Slow instances' },
  { value: 'sla-breach', label: 'SLA breaches' },
  { value: 'rejected', label: 'Rejected instances' },
  { value: 'cancelled', label: 'Cancelled instances' },
];

/** Root causes: which customers, amounts, rules or roles are over-represented among the instances that went wrong. */
export function InsightsPanel({ process, selection }: { process: string; selection: MiningWindow }) {
  const [target, setTarget] = useState<InsightTarget>('slow');
  const answer = usePolling(
    () => miningInsights(process, target, selection),
    `${process}/${target}/${selection.version ?? ''}`,
    analysisPollMs,
  );
  const insights = answer.data?.insights ?? [];
  return (
    <>
      <label className={controls.field}>
        <span className={controls.label}>Explain</span>
        <select
          className={controls.input}
          value={target}
          onChange={(event) => setTarget(event.target.value as InsightTarget)}
        >
          {targets.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      {answer.error && <ErrorAlert error={answer.error} />}
      {answer.data && (
        <p>
          {answer.data.definition} {answer.data.targetCount} of {answer.data.totalCount} instances; {answer.data.tested}{' '}
          attribute values tested.
        </p>
      )}
      {answer.data && insights.length === 0 && <p>No attribute value stands out among them.</p>}
      {insights.length > 0 && (
        <div className={tables.wrap}>
          <table className={tables.table} data-testid="insights">
            <caption className="visually-hidden">Root causes</caption>
            <thead>
              <tr>
                <th scope="col">Finding</th>
                <NumberHeader>Lift</NumberHeader>
                <NumberHeader>Support</NumberHeader>
                <NumberHeader>Adjusted p</NumberHeader>
                <th scope="col">Significant</th>
              </tr>
            </thead>
            <tbody>
              {insights.map((insight) => (
                <tr key={`${insight.attribute}=${insight.value}`}>
                  <th scope="row">{insight.explanation}</th>
                  <td className={tables.number}>{insight.lift.toFixed(2)}×</td>
                  <td className={tables.number}>{formatShare(insight.support)}</td>
                  <td className={tables.number}>{insight.adjustedPValue.toPrecision(2)}</td>
                  <td>{insight.significant ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
