import { DuckDbMiningStore } from './duckdb-mining-store';
import type { MiningStore } from './mining-store';

/**
 * The store `ORDO_MINING_STORE` names: a file path (or `:memory:`) is the embedded DuckDB store. A server store for
 * several API replicas (`postgres://…`, `clickhouse://…`) is another implementation of {@link MiningStore} chosen
 * here by the same setting (docs/ARCHITECTURE.md §10); none ships yet.
 */
export async function openMiningStore(location: string): Promise<MiningStore> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1];
  if (scheme !== undefined && scheme !== 'file')
    throw new Error(`ORDO_MINING_STORE: no mining store for ${scheme}:// in this build (a file path uses DuckDB)`);
  return DuckDbMiningStore.open(scheme === 'file' ? location.slice('file://'.length) : location);
}
