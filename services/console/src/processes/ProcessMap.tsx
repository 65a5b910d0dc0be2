import { useId, useMemo } from 'react';
import type { ActivityBottleneck, DirectlyFollowsGraph } from '../api/views';
import { formatSeconds } from '../lib/format';
import { durationColours, heatFills, layoutProcessMap, nodeHeight, pathThrough } from './process-map';
import styles from './ProcessMap.module.css';

/**
 * The process map: the directly-follows graph as an SVG, edges thicker the more often taken and hotter the longer
 * they take, activities filled by their share of the waiting. The same numbers follow as a table, for screen
 * readers and for anyone who wants to read them rather than see them.
 */
export function ProcessMap({
  process,
  dfg,
  bottlenecks,
}: {
  process: string;
  dfg: DirectlyFollowsGraph;
  bottlenecks: readonly ActivityBottleneck[];
}) {
  const map = useMemo(() => layoutProcessMap(dfg, bottlenecks), [dfg, bottlenecks]);
  const id = useId();
  const arrow = `${id}-arrow`;
  if (map.nodes.length === 0) return <p>No completed activities recorded for this selection yet.</p>;

  return (
    <>
      {/* Focusable so that keyboard users can scroll a map wider or taller than its frame. */}
      <div className={styles.canvas} tabIndex={0} role="region" aria-label={`Process map of ${process}`}>
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          viewBox={`0 0 ${map.width} ${map.height}`}
          width={map.width}
          height={map.height}
          className={styles.svg}
          data-testid="process-map"
        >
          <title id={`${id}-title`}>Process map of {process}</title>
          <desc id={`${id}-desc`}>
            {map.nodes.length} activities and {map.edges.length} transitions; the table below lists the same counts and
            durations.
          </desc>
          <defs>
            {/* In user space: an arrowhead scaled by the stroke would swallow the short edges of thick, frequent paths. */}
            <marker
              id={arrow}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerUnits="userSpaceOnUse"
              markerWidth="12"
              markerHeight="12"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" fill="#57606a" />
            </marker>
          </defs>
          {map.edges.map((edge) => (
            <g key={`${edge.from}>${edge.to}`} className={styles.edge}>
              <path
                d={pathThrough(edge.points)}
                stroke={edge.colour}
                strokeWidth={edge.strokeWidth}
                fill="none"
                markerEnd={`url(#${arrow})`}
              />
              <text x={edge.label.x} y={edge.label.y} className={styles.edgeLabel} textAnchor="middle">
                {edge.count}
              </text>
            </g>
          ))}
          {map.nodes.map((node) => (
            <g key={node.id} data-activity={node.id} className={styles.node}>
              <rect
                x={node.x - node.width / 2}
                y={node.y - node.height / 2}
                width={node.width}
                height={node.height}
                rx={8}
                fill={node.fill}
                stroke="#57606a"
              />
              <text x={node.x} y={node.y - 2} textAnchor="middle" fill={node.ink} className={styles.nodeLabel}>
                {node.id}
              </text>
              <text
                x={node.x}
                y={node.y + nodeHeight / 2 - 7}
                textAnchor="middle"
                fill={node.ink}
                className={styles.nodeCount}
              >
                {node.count}× · {Math.round(node.waitingShare * 100)}% of waiting
              </text>
            </g>
          ))}
        </svg>
      </div>
      <Legend />
      <details className={styles.data}>
        <summary>The map as a table</summary>
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption>Transitions of {process}</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Count</th>
                <th scope="col">Mean duration</th>
              </tr>
            </thead>
            <tbody>
              {map.edges.map((edge) => (
                <tr key={`${edge.from}>${edge.to}`}>
                  <td>{edge.from}</td>
                  <td>{edge.to}</td>
                  <td>{edge.count}</td>
                  <td>{formatSeconds(edge.meanSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className={styles.table}>
            <caption>Activities of {process}</caption>
            <thead>
              <tr>
                <th scope="col">Activity</th>
                <th scope="col">Completed</th>
                <th scope="col">Share of waiting</th>
              </tr>
            </thead>
            <tbody>
              {map.nodes.map((node) => (
                <tr key={node.id}>
                  <td>{node.id}</td>
                  <td>{node.count}</td>
                  <td>{Math.round(node.waitingShare * 100)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

function Legend() {
  return (
    <div className={styles.legend} aria-label="Legend" role="group">
      <span>Edge thickness: how often taken.</span>
      <span className={styles.scale}>
        Edge colour, mean duration: short
        {durationColours.map((colour) => (
          <span key={colour} className={styles.swatch} style={{ background: colour }} aria-hidden="true" />
        ))}
        long
      </span>
      <span className={styles.scale}>
        Fill, share of waiting: none
        {heatFills.map((colour) => (
          <span key={colour} className={styles.swatch} style={{ background: colour }} aria-hidden="true" />
        ))}
        most
      </span>
    </div>
  );
}
