import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { MiningSettings } from '../mining-settings';
import { MINING_SETTINGS } from '../mining.tokens';
import type { MiningStore } from './mining-store';
import { openMiningStore } from './open-mining-store';

/**
 * The configured store, opened on first use: an API that never serves a mining request nor runs the extractor never
 * opens (nor locks) the file.
 */
@Injectable()
export class MiningStoreProvider implements OnApplicationShutdown {
  private opened?: Promise<MiningStore>;

  constructor(@Inject(MINING_SETTINGS) private readonly settings: MiningSettings) {}

  store(): Promise<MiningStore> {
    this.opened ??= openMiningStore(this.settings.storePath).catch((error: unknown) => {
      // Not cached: the next use tries again (e.g. the file was locked by a rebuild that has finished since).
      this.opened = undefined;
      throw error;
    });
    return this.opened;
  }

  async onApplicationShutdown(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    if (opened) await (await opened.catch(() => undefined))?.close();
  }
}
