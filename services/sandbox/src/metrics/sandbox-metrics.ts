import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import type { LedgerEntry } from '../core/ledger';
import type { CallObserver, CallRecord } from '../core/observer';
import { systemNames } from '../systems/system-names';

const callOutcomes = ['ok', 'client_error', 'fault'] as const;
type CallOutcome = (typeof callOutcomes)[number];

function outcomeOf(status: number): CallOutcome {
  if (status >= 500) return 'fault';
  return status >= 400 ? 'client_error' : 'ok';
}

/**
 * The sandbox's Prometheus metrics: calls per system and outcome, injected faults, and effects by
 * action. One registry per sandbox instance, so several sandboxes can share a process (tests).
 */
export class SandboxMetrics implements CallObserver {
  readonly registry = new Registry();

  private readonly calls = new Counter({
    name: 'ordo_sandbox_calls_total',
    help: 'Calls answered by the simulated systems: ok (2xx/3xx), client_error (4xx) or fault (5xx, injected or not)',
    labelNames: ['system', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly faults = new Counter({
    name: 'ordo_sandbox_faults_injected_total',
    help: 'Faults injected into answers: error (a 503), latency (delayed answer) or hang (answer held after the effect)',
    labelNames: ['system', 'fault'] as const,
    registers: [this.registry],
  });

  private readonly effects = new Counter({
    name: 'ordo_sandbox_effects_total',
    help: 'Effects the simulated systems performed (ledger entries), by action; an idempotent replay adds none',
    labelNames: ['system', 'action'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Every series exists from the first scrape, so a rate of faults is 0 rather than absent.
    for (const system of systemNames) {
      for (const outcome of callOutcomes) this.calls.inc({ system, outcome }, 0);
      for (const fault of ['error', 'latency', 'hang']) this.faults.inc({ system, fault }, 0);
    }
  }

  callAnswered(record: CallRecord): void {
    this.calls.inc({ system: record.system, outcome: outcomeOf(record.status) });
    if (record.faultInjected) this.faults.inc({ system: record.system, fault: 'error' });
    if (record.latencyInjected) this.faults.inc({ system: record.system, fault: 'latency' });
    if (record.hangInjected) this.faults.inc({ system: record.system, fault: 'hang' });
  }

  effectRecorded(entry: LedgerEntry): void {
    this.effects.inc({ system: entry.system, action: entry.action });
  }
}
