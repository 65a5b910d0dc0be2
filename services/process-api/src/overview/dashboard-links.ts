/** Processes with a dashboard of their own (deploy/grafana); every other process has its row in the overview one. */
export const processDashboards: Readonly<Record<string, string>> = {
  'order-to-cash': 'ordo-order-to-cash',
};

export const processOverviewDashboard = 'ordo-process-overview';

/** The Grafana address of a process's dashboard under `grafanaUrl`, filtered to the process where it is shared. */
export function dashboardUrlOf(grafanaUrl: string | undefined, process: string): string | null {
  if (!grafanaUrl) return null;
  const own = processDashboards[process];
  if (own) return `${grafanaUrl}/d/${own}`;
  return `${grafanaUrl}/d/${processOverviewDashboard}?var-process=${encodeURIComponent(process)}`;
}
