/** Nest injection token of the resolved {@link MiningSettings}. */
export const MINING_SETTINGS = Symbol('MiningSettings');
