import { z } from 'zod';
import { systemNames, type SystemName } from '../systems/system-names';

export const faultSettingsSchema = z
  .object({
    /** Fraction of calls answered 503. */
    errorRate: z.number().min(0).max(1).default(0),
    /** Added before every answer of the system. */
    latencyMs: z.number().int().min(0).max(600_000).default(0),
    /** Holds each answer after the request was processed, so a client timeout leaves the effect behind. */
    hangMs: z.number().int().min(0).max(600_000).default(0),
    /** The failing calls perform (or replay) their effect first and only then answer 503. */
    failAfterEffect: z.boolean().default(false),
  })
  .strict();

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

const noFaults: FaultSettings = { errorRate: 0, latencyMs: 0, hangMs: 0, failAfterEffect: false };

/** Fault injection per system, changed at runtime over `/faults`. */
export class FaultRegistry {
  private readonly settings = new Map<SystemName, FaultSettings>();

  get(system: SystemName): FaultSettings {
    return this.settings.get(system) ?? noFaults;
  }

  set(system: SystemName, settings: FaultSettings): void {
    this.settings.set(system, settings);
  }

  all(): Record<SystemName, FaultSettings> {
    return Object.fromEntries(systemNames.map((system) => [system, this.get(system)])) as Record<
      SystemName,
      FaultSettings
    >;
  }

  clear(): void {
    this.settings.clear();
  }
}
