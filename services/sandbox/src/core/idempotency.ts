import { createHash } from 'node:crypto';
import type { Answer } from '../http/answers';
import type { SystemName } from '../systems/system-names';

interface StoredAnswer {
  fingerprint: string;
  answer: Answer;
}

export type IdempotencyLookup = { kind: 'new' } | { kind: 'replay'; answer: Answer } | { kind: 'reused' };

/**
 * First successful answer per (system, Idempotency-Key). Keys are scoped per system because each
 * real system keeps its own key store; the fingerprint (method, path, body) detects a key reused
 * for a different request.
 */
export class IdempotencyStore {
  private readonly answers = new Map<string, StoredAnswer>();

  lookup(system: SystemName, key: string, fingerprint: string): IdempotencyLookup {
    const stored = this.answers.get(storeKey(system, key));
    if (!stored) return { kind: 'new' };
    return stored.fingerprint === fingerprint ? { kind: 'replay', answer: stored.answer } : { kind: 'reused' };
  }

  remember(system: SystemName, key: string, fingerprint: string, answer: Answer): void {
    this.answers.set(storeKey(system, key), { fingerprint, answer });
  }

  clear(): void {
    this.answers.clear();
  }
}

function storeKey(system: SystemName, key: string): string {
  return `${system}\u0000${key}`;
}

/** A stable digest of a request: JSON bodies are compared by content, not by key order. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  const hash = createHash('sha256').update(`${method} ${path}\n`);
  if (Buffer.isBuffer(body)) hash.update(body);
  else hash.update(canonicalJson(body));
  return hash.digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_key, nested: unknown) =>
    nested && typeof nested === 'object' && !Array.isArray(nested)
      ? Object.fromEntries(
          Object.entries(nested as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : nested,
  );
}
