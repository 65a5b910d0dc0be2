import controls from '../ui/controls.module.css';
import { useCatalog } from './catalog';

interface Props {
  value: string;
  onChange(process: string): void;
  /** The label of the empty choice; without it a process must be chosen. */
  anyLabel?: string;
}

/** A labelled choice of catalog process. */
export function ProcessSelect({ value, onChange, anyLabel }: Props) {
  const { processes } = useCatalog();
  return (
    <label className={controls.field}>
      <span className={controls.label}>Process</span>
      <select className={controls.input} value={value} onChange={(event) => onChange(event.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {processes.map((process) => (
          <option key={process.name} value={process.name}>
            {process.name}
          </option>
        ))}
      </select>
    </label>
  );
}
