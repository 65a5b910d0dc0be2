import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { miningBottlenecks, miningConformance, miningDfg, miningVersions, type MiningWindow } from '../api/ordo-api';
import { useProcess } from '../catalog/catalog';
import { usePolling } from '../lib/usePolling';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';
import { analysisPollMs, BottleneckTable, ConformancePanel, VersionsTable } from './AnalysisTables';
import { DecisionTableGrid } from './DecisionTableGrid';
import { InsightsPanel } from './InsightsPanel';
import { ProcessFacts } from './ProcessFacts';
import { ProcessMap } from './ProcessMap';
import styles from './ProcessPage.module.css';
import { WhatIfPanel } from './WhatIfPanel';

/** One process for its owner: the catalog entry, its decision tables, and how its instances actually flowed. */
export function ProcessPage() {
  const { process: name = '' } = useParams();
  const process = useProcess(name);
  const [version, setVersion] = useState('');
  const selection: MiningWindow = version ? { version } : {};
  const versions = usePolling(() => miningVersions(name), name, analysisPollMs);
  const analyses = usePolling(
    async () => {
      const [dfg, bottlenecks, conformance] = await Promise.all([
        miningDfg(name, selection),
        miningBottlenecks(name, selection),
        miningConformance(name, selection),
      ]);
      return { dfg, bottlenecks: bottlenecks.activities, conformance };
    },
    `${name}/${version}`,
    analysisPollMs,
  );
  const [tableName, setTableName] = useState('');
  const whatIfTable = process?.decisionTables.find((table) => table.name === tableName) ?? process?.decisionTables[0];

  return (
    <>
      <p>
        <Link to="/processes">← Processes</Link>
      </p>
      <h1>{name}</h1>
      {!process && <p>Loading the catalog…</p>}
      {process && (
        <section className={controls.panel} aria-label="Catalog entry">
          <p>{process.description}</p>
          <ProcessFacts process={process} />
        </section>
      )}

      {process && process.decisionTables.length > 0 && (
        <section className={styles.section} aria-labelledby="decision-tables">
          <h2 id="decision-tables">Decision tables</h2>
          {process.decisionTables.map((table) => (
            <DecisionTableGrid key={table.name} table={table} />
          ))}
        </section>
      )}

      <section className={styles.section} aria-labelledby="process-map">
        <h2 id="process-map">Process map</h2>
        <div className={controls.row}>
          <label className={controls.field}>
            <span className={controls.label}>Version</span>
            <select className={controls.input} value={version} onChange={(event) => setVersion(event.target.value)}>
              <option value="">All versions</option>
              {(versions.data?.versions ?? []).map((summary) => (
                <option key={summary.version} value={summary.version}>
                  {summary.version} ({summary.instances} instances)
                </option>
              ))}
            </select>
          </label>
        </div>
        {analyses.error && <ErrorAlert error={analyses.error} />}
        {!analyses.data && !analyses.error && <p>Loading…</p>}
        {analyses.data && <ProcessMap process={name} dfg={analyses.data.dfg} bottlenecks={analyses.data.bottlenecks} />}
        {versions.data && versions.data.versions.length > 0 && <VersionsTable versions={versions.data.versions} />}
      </section>

      {analyses.data && (
        <>
          <section className={styles.section} aria-labelledby="bottlenecks">
            <h2 id="bottlenecks">Bottlenecks: waiting against working</h2>
            <BottleneckTable activities={analyses.data.bottlenecks} />
          </section>
          <section className={styles.section} aria-labelledby="conformance">
            <h2 id="conformance">Conformance</h2>
            <ConformancePanel process={name} report={analyses.data.conformance} />
          </section>
          <section className={styles.section} aria-labelledby="insights">
            <h2 id="insights">Root causes</h2>
            <InsightsPanel process={name} selection={selection} />
          </section>
        </>
      )}

      {analyses.data && whatIfTable && process && (
        <section className={styles.section} aria-labelledby="what-if">
          <h2 id="what-if">What if the rules changed?</h2>
          {process.decisionTables.length > 1 && (
            <label className={controls.field}>
              <span className={controls.label}>Table</span>
              <select
                className={controls.input}
                value={whatIfTable.name}
                onChange={(event) => setTableName(event.target.value)}
              >
                {process.decisionTables.map((table) => (
                  <option key={table.name}>{table.name}</option>
                ))}
              </select>
            </label>
          )}
          <WhatIfPanel key={whatIfTable.name} process={name} table={whatIfTable} />
        </section>
      )}
    </>
  );
}
