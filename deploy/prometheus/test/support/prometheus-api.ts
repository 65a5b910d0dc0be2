/** The few calls of Prometheus's HTTP API (/api/v1) the live test makes. */

export interface Sample {
  metric: Record<string, string>;
  value?: [number, string];
  values?: Array<[number, string]>;
}

export type QueryOutcome = { ok: true; resultType: string; result: Sample[] } | { ok: false; error: string };

interface ApiAnswer {
  status: 'success' | 'error';
  error?: string;
  errorType?: string;
  data?: { resultType: string; result: Sample[] | number | string | [number, string] };
}

export class PrometheusApi {
  constructor(private readonly url: string) {}

  private async post(path: string, form: Record<string, string>): Promise<QueryOutcome> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(15_000),
    });
    const answer = (await response.json()) as ApiAnswer;
    if (answer.status !== 'success' || !answer.data)
      return { ok: false, error: `${answer.errorType ?? response.status}: ${answer.error ?? 'no data'}` };
    const { resultType, result } = answer.data;
    // A scalar or string result is one value, never a list of series.
    const series =
      Array.isArray(result) && typeof result[0] !== 'number'
        ? (result as Sample[])
        : [{ metric: {}, value: result as [number, string] }];
    return { ok: true, resultType, result: series };
  }

  /** An instant query at `time` (seconds since the epoch; now by default). */
  query(expr: string, time?: number): Promise<QueryOutcome> {
    return this.post('/api/v1/query', { query: expr, ...(time === undefined ? {} : { time: String(time) }) });
  }

  queryRange(expr: string, start: number, end: number, stepSeconds: number): Promise<QueryOutcome> {
    return this.post('/api/v1/query_range', {
      query: expr,
      start: String(start),
      end: String(end),
      step: String(stepSeconds),
    });
  }

  async labelValues(label: string, match?: string): Promise<string[]> {
    const params = new URLSearchParams(match ? { 'match[]': match } : {});
    const response = await fetch(`${this.url}/api/v1/label/${encodeURIComponent(label)}/values?${params}`, {
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await response.json()) as { status: string; data?: string[]; error?: string };
    if (answer.status !== 'success') throw new Error(`label values of ${label} (${match ?? 'all'}): ${answer.error}`);
    return answer.data ?? [];
  }

  async targets(): Promise<Array<{ job: string; health: string; lastError: string; scrapeUrl: string }>> {
    const response = await fetch(`${this.url}/api/v1/targets?state=active`, { signal: AbortSignal.timeout(10_000) });
    const answer = (await response.json()) as {
      data: {
        activeTargets: Array<{ labels: Record<string, string>; health: string; lastError: string; scrapeUrl: string }>;
      };
    };
    return answer.data.activeTargets.map((target) => ({
      job: target.labels.job ?? '',
      health: target.health,
      lastError: target.lastError,
      scrapeUrl: target.scrapeUrl,
    }));
  }

  async rules(): Promise<
    Array<{ group: string; name: string; health: string; lastError?: string; lastEvaluation: string }>
  > {
    const response = await fetch(`${this.url}/api/v1/rules`, { signal: AbortSignal.timeout(10_000) });
    const answer = (await response.json()) as {
      data: {
        groups: Array<{
          name: string;
          rules: Array<{ name: string; health: string; lastError?: string; lastEvaluation: string }>;
        }>;
      };
    };
    return answer.data.groups.flatMap((group) => group.rules.map((rule) => ({ group: group.name, ...rule })));
  }
}

/** True when some sample of the outcome is a number a panel can draw (not NaN, not ±Inf). */
export function hasDrawableValue(outcome: QueryOutcome): boolean {
  if (!outcome.ok) return false;
  return outcome.result.some((sample) => {
    const points = sample.values ?? (sample.value ? [sample.value] : []);
    return points.some(([, value]) => Number.isFinite(Number(value)));
  });
}
