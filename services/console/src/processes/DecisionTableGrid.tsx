import type { DecisionTableView } from '../api/views';
import tables from '../ui/tables.module.css';
import { describeCondition, formatValue } from './decision-table-text';

/** A decision table as its owner reads it: one row per rule, a column per input (when) and per output (then). */
export function DecisionTableGrid({ table }: { table: DecisionTableView }) {
  const inputs = Object.keys(table.inputs);
  const outputs = Object.keys(table.outputs);
  return (
    <section aria-labelledby={`table-${table.name}`}>
      <h3 id={`table-${table.name}`}>
        {table.name} <small>version {table.version}</small>
      </h3>
      {table.description && <p>{table.description}</p>}
      <p>
        Hit policy <strong>{table.hitPolicy}</strong>
        {table.aggregation ? ` (${table.aggregation})` : ''}
      </p>
      <div className={tables.wrap}>
        <table className={tables.table}>
          <caption className="visually-hidden">
            Rules of {table.name} version {table.version}
          </caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              {inputs.map((input) => (
                <th scope="col" key={`in-${input}`}>
                  When {input}
                </th>
              ))}
              {outputs.map((output) => (
                <th scope="col" key={`out-${output}`}>
                  Then {output}
                </th>
              ))}
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {table.rules.map((rule) => (
              <tr key={rule.id}>
                <th scope="row">{rule.id}</th>
                {inputs.map((input) => (
                  <td key={`in-${input}`}>{describeCondition(rule.when[input])}</td>
                ))}
                {outputs.map((output) => (
                  <td key={`out-${output}`}>{formatValue((rule.then as Record<string, unknown>)[output])}</td>
                ))}
                <td>{rule.description ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
