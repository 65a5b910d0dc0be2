import type { InboxFilter } from '../api/ordo-api';
import type { TaskPriority } from '../api/views';
import { useActor } from '../auth/session';
import { ProcessSelect } from '../catalog/ProcessSelect';
import controls from '../ui/controls.module.css';
import { dueBeforeFromInput, dueBeforeToInput } from './due-before';
import styles from './InboxFilters.module.css';

export type Filter = Omit<InboxFilter, 'pageToken'>;

const priorities: readonly TaskPriority[] = ['urgent', 'high', 'normal', 'low'];

export function InboxFilters({ filter, onChange }: { filter: Filter; onChange(filter: Filter): void }) {
  const actor = useActor();
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
        <span className={controls.label}>Tasks for</span>
        <select
          className={controls.input}
          value={filter.assignee ? 'me' : (filter.role ?? '')}
          onChange={(event) => {
            const choice = event.target.value;
            if (choice === 'me') set({ assignee: actor.id, role: undefined });
            else set({ role: choice || undefined, assignee: undefined });
          }}
        >
          <option value="">Me and my roles</option>
          <option value="me">Assigned to me</option>
          {actor.roles.map((role) => (
            <option key={role} value={role}>
              Role {role}
            </option>
          ))}
        </select>
      </label>
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
      <label className={controls.field}>
        <span className={controls.label}>Due before</span>
        <input
          className={controls.input}
          type="datetime-local"
          value={dueBeforeToInput(filter.dueBefore)}
          onChange={(event) => set({ dueBefore: dueBeforeFromInput(event.target.value) })}
        />
      </label>
      <label className={controls.field}>
        <span className={controls.label}>Priority</span>
        <select
          className={controls.input}
          value={filter.priority ?? ''}
          onChange={(event) => set({ priority: (event.target.value || undefined) as TaskPriority | undefined })}
        >
          <option value="">Any priority</option>
          {priorities.map((priority) => (
            <option key={priority} value={priority}>
              {priority}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
