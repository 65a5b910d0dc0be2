import { formatMoney, humanize } from '../lib/format';
import styles from './TaskData.module.css';

/** Fields of task data and summaries holding money, in the `currency` beside them. */
const moneyKeys = /^(total|.*Total|amount|.*Amount|amount.*|creditLimit|exposure|available|outstanding.*|paid.*)$/;

type Value = unknown;

/**
 * A task's facts (order, customer, amounts, lines…) as a readable list: the process decides what it shows, so this
 * renders any JSON, with amounts in their currency and lists of records as tables.
 */
export function FactList({ facts }: { facts: Record<string, Value> }) {
  const currency = typeof facts.currency === 'string' ? facts.currency : undefined;
  const entries = Object.entries(facts).filter(([, value]) => value !== undefined && value !== null);
  if (entries.length === 0) return null;
  return (
    <dl className={styles.facts}>
      {entries.map(([key, value]) => (
        <div key={key} className={styles.fact}>
          <dt>{humanize(key)}</dt>
          <dd>
            <FactValue name={key} value={value} currency={currency} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function FactValue({ name, value, currency }: { name: string; value: Value; currency: string | undefined }) {
  if (typeof value === 'number' && currency && moneyKeys.test(name)) return <>{formatMoney(value, currency)}</>;
  if (typeof value === 'boolean') return <>{value ? 'yes' : 'no'}</>;
  if (Array.isArray(value)) return <FactArray items={value} />;
  if (typeof value === 'object' && value !== null) return <FactList facts={value as Record<string, Value>} />;
  return <>{String(value)}</>;
}

function FactArray({ items }: { items: Value[] }) {
  const records = items.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
  if (!records || items.length === 0) return <>{items.map(String).join(', ')}</>;
  const columns = [...new Set(items.flatMap((item) => Object.keys(item as object)))];
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {humanize(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr key={index}>
              {columns.map((column) => (
                <td key={column}>{String((item as Record<string, Value>)[column] ?? '')}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
