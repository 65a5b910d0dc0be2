/**
 * Benjamini–Hochberg adjusted p-values (the false discovery rate of the whole family of tests), as
 * `statsmodels.stats.multitest.multipletests(p, method='fdr_bh')` gives them: p(i)·m/i, made monotone from the
 * largest p down, capped at 1; returned in the order of the input. An attribute scan tests dozens of values at once:
 * without a correction one in twenty would look significant by chance alone.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p || x.index - y.index);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const entry = order[rank - 1]!;
    running = Math.min(running, (entry.p * m) / rank);
    adjusted[entry.index] = Math.min(1, running);
  }
  return adjusted;
}
