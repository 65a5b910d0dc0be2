/**
 * Fisher's exact test on a 2×2 table, one-sided (alternative "greater"): is the first cell larger than chance
 * explains? The question of a root cause is "over-represented", never "under-represented", so the one-sided test is
 * the one that answers it, and it is twice as sensitive as the two-sided test on small counts. Same definition as
 * `scipy.stats.fisher_exact(table, alternative='greater')`.
 *
 *                  target   not target
 *   has value        a          b
 *   lacks value      c          d
 */

/** log(k!) for k = 0…n, summed once per table size (exact to double precision; n is a count of cases). */
function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 2; k <= n; k += 1) table[k] = table[k - 1]! + Math.log(k);
  return table;
}

/** P(X ≥ a) for X hypergeometric: `a + b` drawn from `a + b + c + d`, of which `a + c` are targets. */
export function fisherExactGreater(a: number, b: number, c: number, d: number): number {
  for (const cell of [a, b, c, d])
    if (!Number.isInteger(cell) || cell < 0) throw new RangeError('cells must be counts');
  const total = a + b + c + d;
  const drawn = a + b;
  const targets = a + c;
  const logFactorial = logFactorials(total);
  const logChoose = (n: number, k: number) => logFactorial[n]! - logFactorial[k]! - logFactorial[n - k]!;
  const logDenominator = logChoose(total, drawn);
  const highest = Math.min(drawn, targets);
  let p = 0;
  for (let x = a; x <= highest; x += 1) {
    p += Math.exp(logChoose(targets, x) + logChoose(total - targets, drawn - x) - logDenominator);
  }
  // Rounding may overshoot 1 by an ulp or two when a is at the bottom of its range.
  return Math.min(1, p);
}
