import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  BarGaugeDisplayMode,
  BigValueColorMode,
  BigValueGraphMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  SortOrder,
  StackingConfigBuilder,
  StackingMode,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizOrientation,
  VizTooltipOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import {
  type Dashboard,
  DashboardBuilder,
  DashboardCursorSync,
  type Panel,
  RowBuilder,
  type VariableModel,
} from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { prometheusDatasource } from './datasource';

export interface Query {
  expr: string;
  /** Grafana legend template, e.g. `{{process}} {{outcome}}`. */
  legend?: string;
}

interface PanelCommon {
  title: string;
  /** Shown as the panel's (i) tooltip: what is counted, from where, and any caveat. Required. */
  description: string;
  queries: Query[];
  unit?: string;
  decimals?: number;
  /** Grid columns out of 24. */
  width?: number;
  height?: number;
}

export type PanelSpec =
  | (PanelCommon & { kind: 'timeseries'; stacked?: boolean })
  | (PanelCommon & { kind: 'stat' })
  | (PanelCommon & { kind: 'bargauge' });

export interface RowSpec {
  title: string;
  panels: PanelSpec[];
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  variables: Array<cog.Builder<VariableModel>>;
  rows: RowSpec[];
}

/** A line chart over time; range queries. */
export const timeSeriesPanel = (spec: PanelCommon & { stacked?: boolean }): PanelSpec => ({
  kind: 'timeseries',
  ...spec,
});

/** One big number per series (the latest value); instant queries. */
export const statPanel = (spec: PanelCommon): PanelSpec => ({ kind: 'stat', ...spec });

/** Horizontal bars, one per series (the latest value); instant queries. */
export const barsPanel = (spec: PanelCommon): PanelSpec => ({ kind: 'bargauge', ...spec });

/** The shape of every latency panel: the median and the 95th percentile of the same thing, in seconds. */
export function latencyPanel(spec: {
  title: string;
  description: string;
  p50?: string;
  p95: string;
  /** Legend of the series, without the quantile, e.g. `{{system}}`. */
  legend: string;
  width?: number;
}): PanelSpec {
  const queries: Query[] = [];
  if (spec.p50) queries.push({ expr: spec.p50, legend: `${spec.legend} p50` });
  queries.push({ expr: spec.p95, legend: `${spec.legend} p95` });
  return timeSeriesPanel({
    title: spec.title,
    description: spec.description,
    unit: 's',
    queries,
    ...(spec.width ? { width: spec.width } : {}),
  });
}

const defaultSize: Record<PanelSpec['kind'], { width: number; height: number }> = {
  timeseries: { width: 12, height: 8 },
  stat: { width: 4, height: 4 },
  bargauge: { width: 8, height: 8 },
};

function targets(queries: Query[], instant: boolean): prometheus.DataqueryBuilder[] {
  return queries.map((query, index) => {
    const target = new prometheus.DataqueryBuilder()
      .expr(query.expr)
      .refId(String.fromCharCode(65 + index))
      .legendFormat(query.legend ?? '__auto');
    return instant ? target.instant() : target.range();
  });
}

/** The one place a panel spec becomes a Grafana panel: every panel of every dashboard passes here. */
function panelBuilder(spec: PanelSpec): cog.Builder<Panel> {
  switch (spec.kind) {
    case 'timeseries': {
      const panel = new timeseries.PanelBuilder()
        .legend(
          new VizLegendOptionsBuilder()
            .displayMode(LegendDisplayMode.List)
            .placement(LegendPlacement.Bottom)
            .showLegend(true),
        )
        .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending))
        .fillOpacity(spec.stacked ? 60 : 10)
        .lineWidth(1);
      if (spec.stacked) panel.stacking(new StackingConfigBuilder().mode(StackingMode.Normal).group('A'));
      return withQueries(panel, spec, false);
    }
    case 'stat':
      return withQueries(
        new stat.PanelBuilder()
          .reduceOptions(lastValue())
          .colorMode(BigValueColorMode.None)
          .graphMode(BigValueGraphMode.None),
        spec,
        true,
      );
    case 'bargauge':
      return withQueries(
        new bargauge.PanelBuilder()
          .reduceOptions(lastValue())
          .displayMode(BarGaugeDisplayMode.Basic)
          .orientation(VizOrientation.Horizontal)
          .showUnfilled(true),
        spec,
        true,
      );
  }
}

const lastValue = () => new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);

type AnyPanelBuilder = timeseries.PanelBuilder | stat.PanelBuilder | bargauge.PanelBuilder;

/** What every panel has: title, description, the Prometheus datasource, its queries and unit. */
function withQueries<B extends AnyPanelBuilder>(builder: B, spec: PanelSpec, instant: boolean): B {
  builder.title(spec.title).description(spec.description).datasource(prometheusDatasource);
  for (const target of targets(spec.queries, instant)) builder.withTarget(target);
  if (spec.unit) builder.unit(spec.unit);
  if (spec.decimals !== undefined) builder.decimals(spec.decimals);
  return builder;
}

/**
 * Builds a dashboard from rows of panel specs: panels flow left to right on Grafana's 24-column grid
 * and wrap; ids are assigned in order, so the generated JSON is stable.
 */
export function buildDashboard(spec: DashboardSpec): Dashboard {
  const dashboard = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags(['ordo'])
    .editable()
    .tooltip(DashboardCursorSync.Crosshair)
    .refresh('30s')
    .time({ from: 'now-6h', to: 'now' })
    .timezone('browser');
  for (const variable of spec.variables) dashboard.withVariable(variable);

  let id = 0;
  let y = 0;
  for (const row of spec.rows) {
    dashboard.withRow(new RowBuilder(row.title).id(++id).gridPos({ x: 0, y, w: 24, h: 1 }));
    y += 1;
    let x = 0;
    let lineHeight = 0;
    for (const panelSpec of row.panels) {
      const size = defaultSize[panelSpec.kind];
      const w = panelSpec.width ?? size.width;
      const h = panelSpec.height ?? size.height;
      if (x + w > 24) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      const panel = panelBuilder(panelSpec) as AnyPanelBuilder;
      panel.id(++id).gridPos({ x, y, w, h });
      dashboard.withPanel(panel);
      x += w;
      lineHeight = Math.max(lineHeight, h);
    }
    y += lineHeight;
  }
  return dashboard.build();
}
