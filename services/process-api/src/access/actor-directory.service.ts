import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';

export type DirectoryEntry = { known: true; roles: string[] } | { known: false; complete: boolean };

/**
 * The actors the API knows of: those of its static and dev tokens. It is the whole directory only when no JWT
 * issuer is configured; with one, people the API has never seen may still exist.
 */
@Injectable()
export class ActorDirectory {
  private readonly rolesById = new Map<string, string[]>();
  private readonly complete: boolean;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    for (const actor of config.tokens.values()) {
      this.rolesById.set(actor.id, [...new Set([...(this.rolesById.get(actor.id) ?? []), ...actor.roles])]);
    }
    this.complete = config.jwt === undefined;
  }

  lookup(actorId: string): DirectoryEntry {
    const roles = this.rolesById.get(actorId);
    return roles ? { known: true, roles: [...roles] } : { known: false, complete: this.complete };
  }
}
