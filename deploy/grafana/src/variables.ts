import { QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import { prometheusDatasource } from './datasource';
import { metrics } from './metrics';
import { sel } from './promql';

/**
 * A multi-value variable over one label's values, "All" by default. All is `.*`, so queries match with
 * `=~"$name"` whatever is selected.
 */
function labelValuesVariable(name: string, label: string, query: string, description: string): QueryVariableBuilder {
  return new QueryVariableBuilder(name)
    .label(label)
    .description(description)
    .datasource(prometheusDatasource)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ selected: true, text: 'All', value: '$__all' });
}

/** Processes that started at least one instance (the `process` label of the worker's business metrics). */
export const processVariable = () =>
  labelValuesVariable(
    'process',
    'Process',
    `label_values(${metrics.processStarted}, process)`,
    'Process name from the catalog',
  );

/** Versions of the selected processes (the catalog version each instance ran). */
export const versionVariable = (processMatcher = 'process=~"$process"') =>
  labelValuesVariable(
    'version',
    'Version',
    `label_values(${sel(metrics.processStarted, processMatcher)}, version)`,
    'Process version from the catalog, as recorded by each instance',
  );

export const systemVariable = () =>
  labelValuesVariable(
    'system',
    'External system',
    `label_values(${metrics.externalCallCount}, system)`,
    'External system the worker calls',
  );

export const taskQueueVariable = () =>
  labelValuesVariable(
    'task_queue',
    'Task queue',
    `label_values(${metrics.slotsAvailable}, task_queue)`,
    'Task queue the workers poll',
  );

/** Matchers of the process panels: the selected processes and versions. */
export const processAndVersion = ['process=~"$process"', 'version=~"$version"'] as const;
