import type { ReactNode } from 'react';
import tables from './tables.module.css';

/** A column heading of figures: right-aligned like the figures under it. */
export function NumberHeader({ children }: { children: ReactNode }) {
  return (
    <th scope="col" className={tables.number}>
      {children}
    </th>
  );
}
