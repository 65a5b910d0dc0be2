/**
 * Small PromQL builders, so the dashboards read as what they show rather than as string concatenation.
 * Every label matcher is a plain PromQL matcher string (`process=~"$process"`).
 */

/** `metric{a="b",c=~"$d"}` */
export function sel(metric: string, ...matchers: string[]): string {
  return matchers.length === 0 ? metric : `${metric}{${matchers.join(',')}}`;
}

const byClause = (labels: readonly string[]) => (labels.length === 0 ? '' : ` by (${labels.join(', ')})`);

/** `sum by (labels) (rate(series[window]))` */
export function sumRate(series: string, by: readonly string[], window = '$__rate_interval'): string {
  return `sum${byClause(by)} (rate(${series}[${window}]))`;
}

/** `sum by (labels) (increase(series[window]))` */
export function sumIncrease(series: string, by: readonly string[], window = '$__range'): string {
  return `sum${byClause(by)} (increase(${series}[${window}]))`;
}

/** A quantile of a histogram, per `by`: `histogram_quantile(q, sum by (by, le) (rate(bucket[window])))`. */
export function histogramQuantile(
  q: number,
  bucketSeries: string,
  by: readonly string[],
  window = '$__rate_interval',
): string {
  return `histogram_quantile(${q}, sum by (${[...by, 'le'].join(', ')}) (rate(${bucketSeries}[${window}])))`;
}

/** Gauges every API replica reports alike (counts from Temporal visibility): one value per label set, not a sum. */
export function maxBy(series: string, by: readonly string[]): string {
  return `max${byClause(by)} (${series})`;
}

/**
 * Zero where there is no series at all (a counter the worker creates at its first increment), without
 * adding a zero series next to existing ones: `on()` makes any left-hand sample match.
 */
export function orZero(expr: string): string {
  return `${expr} or on() vector(0)`;
}
