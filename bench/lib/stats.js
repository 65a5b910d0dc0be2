// Latency summaries. Every sample is kept (runs are thousands, not millions), so percentiles are exact.

/** Nearest-rank percentile of ascending `sorted`. */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** count, p50, p90, p99, max and mean of latencies in milliseconds. */
function summarize(latenciesMs) {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
    mean: round(sorted.length ? sum / sorted.length : NaN),
  };
}

function round(value, digits = 2) {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** a / b rounded, or null when b is not a positive number. */
function ratio(a, b, digits = 2) {
  return b > 0 && Number.isFinite(a) ? round(a / b, digits) : null;
}

/** Runs `task(index)` for 0..count-1 with at most `concurrency` in flight; resolves with the results in order. */
async function pool(count, concurrency, task) {
  const results = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return results;
}

/** Milliseconds since `start` (a `process.hrtime.bigint()`). */
function elapsedMs(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { percentile, summarize, round, ratio, pool, elapsedMs, sleep };
