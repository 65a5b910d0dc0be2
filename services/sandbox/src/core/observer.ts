import type { SystemName } from '../systems/system-names';

/** One answered call to a simulated system. */
export interface CallRecord {
  system: SystemName;
  method: string;
  /** The route pattern (`/erp/reservations/:id/release`), never the concrete URL: bounded for metrics. */
  route: string;
  status: number;
  durationSeconds: number;
  faultInjected: boolean;
  replayed: boolean;
}

/** Where call metrics plug in (Prometheus for the sandbox comes later); the default ignores calls. */
export interface CallObserver {
  callAnswered(record: CallRecord): void;
}

export const ignoreCalls: CallObserver = { callAnswered: () => undefined };
