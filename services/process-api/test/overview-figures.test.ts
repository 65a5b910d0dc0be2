import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { orderToCashProcess } from '@ordo/workflows';
import { loadApiConfig } from '../src/config/api-config';
import { dashboardUrlOf, processDashboards, processOverviewDashboard } from '../src/overview/dashboard-links';
import { overviewQueries, startOfUtcDay } from '../src/overview/overview-queries';

describe('the overview’s visibility counts', () => {
  const now = new Date('2026-12-04T18:30:00+01:00');

  it('counts today from midnight UTC, whatever the offset of the moment asked', () => {
    expect(startOfUtcDay(now).toISOString()).toBe('2026-12-04T00:00:00.000Z');
    expect(startOfUtcDay(new Date('2026-12-05T00:30:00+01:00')).toISOString()).toBe('2026-12-04T00:00:00.000Z');
  });

  it('asks for running, completed today (business status) and running past the SLA target', () => {
    const queries = overviewQueries(orderToCashProcess, now, 60 * 86_400);
    expect(queries.inFlight).toBe(`OrdoProcess = 'order-to-cash' AND ExecutionStatus = 'Running'`);
    expect(queries.completedToday).toBe(
      `OrdoProcess = 'order-to-cash' AND OrdoStatus = 'COMPLETED' AND CloseTime >= '2026-12-04T00:00:00.000Z'`,
    );
    expect(queries.openPastSla).toBe(
      `OrdoProcess = 'order-to-cash' AND ExecutionStatus = 'Running' AND StartTime < '2026-10-05T17:30:00.000Z'`,
    );
  });

  it('measures nothing against a target of no fixed length', () => {
    expect(overviewQueries(orderToCashProcess, now, undefined).openPastSla).toBeUndefined();
  });
});

describe('links to Grafana', () => {
  const dashboardDir = resolve(__dirname, '../../../deploy/grafana/dashboards');
  const uids = readdirSync(dashboardDir).map(
    (file) => (JSON.parse(readFileSync(join(dashboardDir, file), 'utf8')) as { uid: string }).uid,
  );

  it('point at dashboards that deploy/grafana provisions', () => {
    for (const uid of [...Object.values(processDashboards), processOverviewDashboard]) expect(uids).toContain(uid);
  });

  it('are absent without ORDO_GRAFANA_URL; the shared dashboard is filtered to the process', () => {
    expect(dashboardUrlOf(undefined, 'order-to-cash')).toBeNull();
    expect(dashboardUrlOf('https://grafana.example', 'order-to-cash')).toBe(
      'https://grafana.example/d/ordo-order-to-cash',
    );
    expect(dashboardUrlOf('https://grafana.example', 'employee-onboarding')).toBe(
      'https://grafana.example/d/ordo-process-overview?var-process=employee-onboarding',
    );
  });

  it('read ORDO_GRAFANA_URL as an http(s) URL without a trailing slash, naming the variable when it is not one', () => {
    expect(loadApiConfig({ ORDO_GRAFANA_URL: 'http://localhost:3001/' }).grafanaUrl).toBe('http://localhost:3001');
    expect(loadApiConfig({}).grafanaUrl).toBeUndefined();
    expect(() => loadApiConfig({ ORDO_GRAFANA_URL: 'grafana' })).toThrow(/ORDO_GRAFANA_URL/);
  });
});
