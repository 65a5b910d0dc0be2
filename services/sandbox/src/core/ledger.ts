import type { SystemName } from '../systems/system-names';

/** One effect an external system performed. */
export interface LedgerEntry {
  seq: number;
  system: SystemName;
  action: string;
  orderId: string | null;
  idempotencyKey: string;
  at: string;
  details: Record<string, unknown>;
}

export interface LedgerFilter {
  system?: SystemName;
  orderId?: string;
  action?: string;
}

/** Append-only record of every effect, so tests and demos can prove what happened exactly once. */
export class Ledger {
  private entries: LedgerEntry[] = [];
  private nextSeq = 1;

  constructor(private readonly now: () => Date) {}

  append(entry: Omit<LedgerEntry, 'seq' | 'at'>): LedgerEntry {
    const stored: LedgerEntry = { seq: this.nextSeq, at: this.now().toISOString(), ...entry };
    this.nextSeq += 1;
    this.entries.push(stored);
    return stored;
  }

  list(filter: LedgerFilter = {}): LedgerEntry[] {
    return this.entries.filter(
      (entry) =>
        (filter.system === undefined || entry.system === filter.system) &&
        (filter.orderId === undefined || entry.orderId === filter.orderId) &&
        (filter.action === undefined || entry.action === filter.action),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
