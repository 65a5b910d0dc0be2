import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Reads the generated dashboard JSON the way Grafana gets it, and lists the PromQL of every panel. Used by
 * the dashboards' own tests and by the live check against a real Prometheus (deploy/prometheus/test),
 * so both judge the committed files rather than the code that wrote them. Plain JSON: no SDK import.
 */

export interface TargetJson {
  refId: string;
  expr?: string;
  instant?: boolean;
  range?: boolean;
  legendFormat?: string;
}

export interface PanelJson {
  id: number;
  type: string;
  title: string;
  description?: string;
  datasource?: { type?: string; uid?: string };
  targets?: TargetJson[];
  panels?: PanelJson[];
  gridPos: { x: number; y: number; w: number; h: number };
}

export interface VariableJson {
  name: string;
  type: string;
  query?: string | { query?: string };
  allValue?: string;
  datasource?: { type?: string; uid?: string };
}

export interface DashboardJson {
  uid: string;
  title: string;
  description?: string;
  templating?: { list?: VariableJson[] };
  panels: PanelJson[];
}

export interface GeneratedDashboard {
  file: string;
  json: DashboardJson;
}

export interface PanelQuery {
  dashboard: string;
  panel: string;
  panelType: string;
  refId: string;
  expr: string;
  /** Stat and bar panels ask for one value per series (instant query); time series for a range. */
  instant: boolean;
}

/** deploy/grafana/dashboards, from src/ as from dist/. */
export const dashboardsDir = resolve(__dirname, '..', 'dashboards');

export function loadGeneratedDashboards(dir = dashboardsDir): GeneratedDashboard[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, json: JSON.parse(readFileSync(join(dir, file), 'utf8')) as DashboardJson }));
}

/** Every panel, including those nested in collapsed rows, rows themselves excluded. */
export function panelsOf(dashboard: DashboardJson): PanelJson[] {
  return dashboard.panels.flatMap((panel) => (panel.type === 'row' ? (panel.panels ?? []) : [panel]));
}

export function rowsOf(dashboard: DashboardJson): PanelJson[] {
  return dashboard.panels.filter((panel) => panel.type === 'row');
}

export function panelQueries(dashboard: DashboardJson): PanelQuery[] {
  return panelsOf(dashboard).flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      dashboard: dashboard.title,
      panel: panel.title,
      panelType: panel.type,
      refId: target.refId,
      expr: target.expr ?? '',
      instant: target.instant === true,
    })),
  );
}

export function variablesOf(dashboard: DashboardJson): VariableJson[] {
  return dashboard.templating?.list ?? [];
}

/** The PromQL of a query variable (`label_values(metric{…}, label)`). */
export function variableQuery(variable: VariableJson): string {
  return typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '');
}

/** Variables Grafana itself provides to queries. */
export const grafanaBuiltins = [
  '__rate_interval',
  '__interval',
  '__interval_ms',
  '__range',
  '__range_s',
  '__range_ms',
] as const;

const variableReference = /\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]|\$(\w+)/g;

/** Names of the variables an expression refers to (`$name`, `${name}`, `${name:format}`, `[[name]]`). */
export function variablesUsed(expr: string): string[] {
  const names = new Set<string>();
  for (const match of expr.matchAll(variableReference)) names.add((match[1] ?? match[2] ?? match[3])!);
  return [...names];
}

/** Replaces every variable reference with its value; throws on a variable without one. */
export function substituteVariables(expr: string, values: Readonly<Record<string, string>>): string {
  return expr.replace(variableReference, (whole, braced?: string, bracketed?: string, plain?: string) => {
    const name = (braced ?? bracketed ?? plain)!;
    const value = values[name];
    if (value === undefined) throw new Error(`no value for variable $${name} in ${whole} of: ${expr}`);
    return value;
  });
}
