import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { type ApiError, toApiError } from '../api/api-error';
import { whatIf } from '../api/ordo-api';
import type { DecisionTableView, WhatIfResponse } from '../api/views';
import { instancePath } from '../instances/instance-path';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';
import { NumberHeader } from '../ui/NumberHeader';
import tables from '../ui/tables.module.css';

/**
 * What a changed decision table would have done to recorded instances: the candidate starts as the committed table
 * and is edited as JSON (the table file's format); nothing runs differently until the file is committed.
 */
export function WhatIfPanel({ process, table }: { process: string; table: DecisionTableView }) {
  const [candidate, setCandidate] = useState(() => JSON.stringify(table, null, 2));
  const [last, setLast] = useState(500);
  const [answer, setAnswer] = useState<WhatIfResponse>();
  const [error, setError] = useState<ApiError>();
  const [running, setRunning] = useState(false);
  const [jsonProblem, setJsonProblem] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(candidate) as Record<string, unknown>;
      setJsonProblem('');
    } catch (failure) {
      setJsonProblem(`The candidate table is not JSON: ${(failure as Error).message}`);
      return;
    }
    setRunning(true);
    try {
      setAnswer(await whatIf(process, parsed, last));
    } catch (failure) {
      setAnswer(undefined);
      setError(toApiError(failure));
    } finally {
      setRunning(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={`What-if of ${table.name}`}>
      <label className={controls.field}>
        <span className={controls.label}>Candidate table {table.name} (JSON)</span>
        <textarea
          className={controls.input}
          rows={14}
          spellCheck={false}
          value={candidate}
          onChange={(event) => setCandidate(event.target.value)}
          style={{ fontFamily: 'monospace' }}
        />
      </label>
      <div className={controls.row}>
        <label className={controls.field}>
          <span className={controls.label}>Newest instances</span>
          <input
            className={controls.input}
            type="number"
            min={1}
            value={last}
            onChange={(event) => setLast(Number(event.target.value))}
          />
        </label>
        <button type="submit" className={controls.primary} disabled={running}>
          {running ? 'Evaluating…' : 'Run what-if'}
        </button>
      </div>
      {jsonProblem && (
        <p role="alert" className={controls.muted}>
          {jsonProblem}
        </p>
      )}
      {error && <ErrorAlert error={error} />}
      {answer && <WhatIfResult process={process} answer={answer} />}
    </form>
  );
}

function WhatIfResult({ process, answer }: { process: string; answer: WhatIfResponse }) {
  return (
    <div role="status" data-testid="what-if-result">
      <p>
        {answer.evaluated} instances evaluated, <strong>{answer.changed} would route differently</strong>
        {answer.skipped > 0 ? ` (${answer.skipped} never reached the routing)` : ''}.
      </p>
      <div className={tables.wrap}>
        <table className={tables.table}>
          <caption>Routes</caption>
          <thead>
            <tr>
              <th scope="col">Route</th>
              <NumberHeader>Now</NumberHeader>
              <NumberHeader>With the candidate</NumberHeader>
            </tr>
          </thead>
          <tbody>
            {answer.routes.map((route) => (
              <tr key={route.route}>
                <th scope="row">{route.route}</th>
                <td className={tables.number}>{route.before}</td>
                <td className={tables.number}>{route.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={tables.wrap}>
        <table className={tables.table}>
          <caption>Workload per role</caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <NumberHeader>Tasks now</NumberHeader>
              <NumberHeader>Tasks with the candidate</NumberHeader>
              <NumberHeader>Hours now</NumberHeader>
              <NumberHeader>Hours with the candidate</NumberHeader>
            </tr>
          </thead>
          <tbody>
            {answer.workload.map((row) => (
              <tr key={row.role}>
                <th scope="row">{row.role}</th>
                <td className={tables.number}>{row.tasksBefore}</td>
                <td className={tables.number}>{row.tasksAfter}</td>
                <td className={tables.number}>{row.hoursBefore.toFixed(1)}</td>
                <td className={tables.number}>{row.hoursAfter.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {answer.changedInstances.length > 0 && (
        <ul aria-label="Instances that would route differently">
          {answer.changedInstances.map((changed) => (
            <li key={changed.businessKey}>
              <Link to={instancePath(process, changed.businessKey)}>{changed.businessKey}</Link>: {changed.before} →{' '}
              {changed.after}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
