import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { humanWork } from './dashboards/human-work';
import { integrations } from './dashboards/integrations';
import { orderToCash } from './dashboards/order-to-cash';
import { processOverview } from './dashboards/process-overview';
import { temporalWorkers } from './dashboards/temporal-workers';

/** Every dashboard, by the file it is written to under dashboards/. */
export const dashboards: ReadonlyArray<{ file: string; build: () => Dashboard }> = [
  { file: 'process-overview.json', build: processOverview },
  { file: 'order-to-cash.json', build: orderToCash },
  { file: 'human-work.json', build: humanWork },
  { file: 'integrations.json', build: integrations },
  { file: 'temporal-workers.json', build: temporalWorkers },
];

/** The JSON text written for a dashboard: stable key order from the builders, 2-space indent, final newline. */
export function renderDashboard(dashboard: Dashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}

/** File name → JSON text of every dashboard. */
export function renderAll(): Map<string, string> {
  return new Map(dashboards.map(({ file, build }) => [file, renderDashboard(build())]));
}

export * from './metrics';
export * from './dashboard-queries';
