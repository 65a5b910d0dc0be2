import type { InboxFilter } from '../api/ordo-api';
import { ProcessSelect } from '../catalog/ProcessSelect';
import controls from '../ui/controls.module.css';
import styles from './InboxFilters.module.css';

type Filter = Omit<InboxFilter, 'pageToken'>;

export function InboxFilters({ filter, onChange }: { filter: Filter; onChange(filter: Filter): void }) {
  const set = (patch: Filter) => {
    const next = { ...filter, ...patch };
    // An empty choice means "any": the query leaves the parameter out.
    onChange(Object.fromEntries(Object.entries(next).filter(([, value]) => value)) as Filter);
  };
  return (
    <form
      className={`${controls.row} ${styles.filters}`}
      aria-label="Filter tasks"
      onSubmit={(e) => e.preventDefault()}
    >
      <ProcessSelect value={filter.process ?? ''} onChange={(process) => set({ process })} anyLabel="All processes" />
      <label className={controls.field}>
        <span className={controls.label}>Due</span>
        <select
          className={controls.input}
          value={filter.overdue ?? ''}
          onChange={(event) => set({ overdue: (event.target.value || undefined) as Filter['overdue'] })}
        >
          <option value="">Any time</option>
          <option value="true">Overdue</option>
          <option value="false">Not overdue</option>
        </select>
      </label>
    </form>
  );
}
