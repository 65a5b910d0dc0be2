import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  dashboardsDir,
  grafanaBuiltins,
  loadGeneratedDashboards,
  panelQueries,
  panelsOf,
  rowsOf,
  variablesOf,
  variablesUsed,
} from '../src/dashboard-queries';
import { dashboards, renderAll } from '../src/index';

const generated = loadGeneratedDashboards();
const byFile = (file: string) => generated.find((dashboard) => dashboard.file === file)!.json;

describe('generated dashboards', () => {
  it('are committed exactly as the code generates them (npm run generate -w @ordo/dashboards)', () => {
    const rendered = renderAll();
    const committed = readdirSync(dashboardsDir)
      .filter((file) => file.endsWith('.json'))
      .sort();
    expect(committed).toEqual([...rendered.keys()].sort());
    for (const [file, json] of rendered) {
      expect({ file, json: readFileSync(join(dashboardsDir, file), 'utf8') }).toEqual({ file, json });
    }
  });

  it('are the five agreed dashboards, each with its own uid', () => {
    expect(generated.map(({ json }) => json.title).sort()).toEqual([
      'Ordo / Human work',
      'Ordo / Integrations',
      'Ordo / Order to cash',
      'Ordo / Process overview',
      'Ordo / Temporal workers',
    ]);
    const uids = generated.map(({ json }) => json.uid);
    expect(new Set(uids).size).toBe(dashboards.length);
    for (const uid of uids) expect(uid).toMatch(/^ordo-[a-z-]+$/);
  });
});

describe.each(generated.map(({ file, json }) => [file, json] as const))('%s', (_file, dashboard) => {
  const panels = panelsOf(dashboard);
  const queries = panelQueries(dashboard);
  const declared = variablesOf(dashboard).map((variable) => variable.name);

  it('has panels in rows, each with a unique id and title', () => {
    expect(rowsOf(dashboard).length).toBeGreaterThan(0);
    expect(panels.length).toBeGreaterThan(3);
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const titles = panels.map((panel) => panel.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('queries the provisioned Prometheus from every panel, with a description of what it shows', () => {
    for (const panel of panels) {
      expect({ panel: panel.title, datasource: panel.datasource }).toEqual({
        panel: panel.title,
        datasource: { type: 'prometheus', uid: 'prometheus' },
      });
      expect({ panel: panel.title, described: (panel.description ?? '').length > 20 }).toEqual({
        panel: panel.title,
        described: true,
      });
      expect({ panel: panel.title, targets: (panel.targets ?? []).length > 0 }).toEqual({
        panel: panel.title,
        targets: true,
      });
    }
  });

  it('asks single-value panels for instant values and time series for ranges', () => {
    for (const query of queries) {
      expect({ panel: query.panel, expr: query.expr.length > 0 }).toEqual({ panel: query.panel, expr: true });
      expect({ panel: query.panel, instant: query.instant }).toEqual({
        panel: query.panel,
        instant: query.panelType !== 'timeseries',
      });
    }
  });

  it('uses only variables it declares or Grafana provides, and every variable it declares', () => {
    const known = new Set<string>([...declared, ...grafanaBuiltins]);
    const used = new Set(queries.flatMap((query) => variablesUsed(query.expr)));
    for (const name of used)
      expect({ variable: name, known: known.has(name) }).toEqual({ variable: name, known: true });
    for (const name of declared)
      expect({ variable: name, used: used.has(name) }).toEqual({ variable: name, used: true });
  });

  it('lays panels out on the 24-column grid without overlaps', () => {
    const cells = new Set<string>();
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row += 1) {
        for (let column = x; column < x + w; column += 1) {
          const cell = `${column},${row}`;
          expect({ panel: panel.title, cell, free: !cells.has(cell) }).toEqual({
            panel: panel.title,
            cell,
            free: true,
          });
          cells.add(cell);
        }
      }
    }
  });
});

describe('process panels', () => {
  it.each(['process-overview.json', 'human-work.json'])(
    '%s filters by the process and version variables (label_values)',
    (file) => {
      const dashboard = byFile(file);
      const variables = variablesOf(dashboard);
      expect(variables.map((variable) => variable.name)).toEqual(['process', 'version']);
      expect(variables[0]!.query).toBe('label_values(ordo_process_started_total, process)');
      expect(variables[1]!.query).toBe('label_values(ordo_process_started_total{process=~"$process"}, version)');
      for (const variable of variables) expect(variable.allValue).toBe('.*');
      const processQueries = panelQueries(dashboard).filter((query) =>
        /\bordo_(process_|task_|sla_)|process_version/.test(query.expr),
      );
      expect(processQueries.length).toBeGreaterThan(3);
      for (const query of processQueries) {
        expect({ panel: query.panel, expr: query.expr }).toEqual({
          panel: query.panel,
          expr: expect.stringContaining('version=~"$version"'),
        });
      }
    },
  );

  it('order to cash filters its process panels by version', () => {
    const dashboard = byFile('order-to-cash.json');
    expect(variablesOf(dashboard).map((variable) => [variable.name, variable.query])).toEqual([
      ['version', 'label_values(ordo_process_started_total{process="order-to-cash"}, version)'],
    ]);
    const versioned = panelQueries(dashboard).filter((query) => query.expr.includes('$version'));
    expect(versioned.map((query) => query.panel)).toEqual(
      expect.arrayContaining([
        'Approval wait',
        'Approval decisions',
        'Money moved in the selected time range',
        'Collections tasks opened',
      ]),
    );
  });

  it('DSO is defined in its description and computed from the receivables outstanding and the money flows', () => {
    const dso = panelsOf(byFile('order-to-cash.json')).find((panel) => panel.title === 'DSO')!;
    expect(dso.description).toMatch(/open receivables.*average daily invoiced amount.*30 days/);
    expect(dso.targets![0]!.expr).toContain('ordo_days_sales_outstanding');
  });

  it('order to cash shows money by stage and dunning stage from the value gauges, one value per label set over API replicas', () => {
    const panels = panelsOf(byFile('order-to-cash.json'));
    const exprOf = (title: string) => panels.find((panel) => panel.title === title)!.targets![0]!.expr;
    expect(exprOf('Value in flight by stage')).toBe(
      'max by (stage, currency) (ordo_process_value_in_flight{process="order-to-cash"})',
    );
    expect(exprOf('Overdue receivables by dunning stage')).toBe(
      'max by (dunning_stage, currency) (ordo_receivables_outstanding{process="order-to-cash",dunning_stage!="not_due"})',
    );
    expect(exprOf('Open receivables')).toBe(
      'process_currency:ordo_receivables_outstanding:sum{process="order-to-cash"}',
    );
  });

  it('a zero stands in for a missing series only where the description says so', () => {
    for (const { json } of generated) {
      for (const panel of panelsOf(json)) {
        const defaulted = (panel.targets ?? []).some((target) => /vector\(0\)/.test(target.expr ?? ''));
        if (defaulted)
          expect({ panel: panel.title, description: panel.description }).toEqual({
            panel: panel.title,
            description: expect.stringMatching(/0 (until|when|while)|flat 0/),
          });
      }
    }
  });
});

describe('provisioning', () => {
  const root = join(__dirname, '..', 'provisioning');

  it('provides the Prometheus datasource under the uid every panel uses', () => {
    const config = parse(readFileSync(join(root, 'datasources', 'prometheus.yml'), 'utf8')) as {
      datasources: Array<Record<string, unknown>>;
    };
    expect(config.datasources).toEqual([
      expect.objectContaining({
        uid: 'prometheus',
        type: 'prometheus',
        url: 'http://prometheus:9090',
        isDefault: true,
      }),
    ]);
  });

  it('loads the generated dashboards from the folder docker-compose mounts them at', () => {
    const config = parse(readFileSync(join(root, 'dashboards', 'ordo.yml'), 'utf8')) as {
      providers: Array<{ type: string; options: { path: string } }>;
    };
    expect(config.providers).toEqual([
      expect.objectContaining({ type: 'file', options: { path: '/var/lib/grafana/dashboards/ordo' } }),
    ]);
  });
});
