import type { SystemName } from '../systems/system-names';
import type { LedgerEntry } from './ledger';

/** One answered call to a simulated system. */
export interface CallRecord {
  system: SystemName;
  method: string;
  /** The route pattern (`/erp/reservations/:id/release`), never the concrete URL: bounded for metrics. */
  route: string;
  status: number;
  durationSeconds: number;
  /** The answer is an injected 503. */
  faultInjected: boolean;
  /** Injected latency delayed the answer. */
  latencyInjected: boolean;
  /** The answer was held back after the work was done (an injected hang). */
  hangInjected: boolean;
  replayed: boolean;
}

/** Where metrics plug into the systems: every answered call, and every effect written to the ledger. */
export interface CallObserver {
  callAnswered(record: CallRecord): void;
  effectRecorded?(entry: LedgerEntry): void;
}

export const ignoreCalls: CallObserver = { callAnswered: () => undefined };

/** One observer that tells all of `observers`, in order. */
export function observeAll(...observers: CallObserver[]): CallObserver {
  return {
    callAnswered: (record) => {
      for (const observer of observers) observer.callAnswered(record);
    },
    effectRecorded: (entry) => {
      for (const observer of observers) observer.effectRecorded?.(entry);
    },
  };
}
