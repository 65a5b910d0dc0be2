import dagre from '@dagrejs/dagre';
import type { ActivityBottleneck, DirectlyFollowsGraph } from '../api/views';

/**
 * The process map's geometry, from a directly-follows graph and the bottlenecks: where each activity sits, the path
 * of each edge, how thick (frequency) and which colour (mean duration) it is, and how hot each activity is (its
 * share of all waiting). Pure, so the rules are tested without a browser; the SVG component only draws this.
 */

export interface MapNode {
  id: string;
  count: number;
  /** Centre, as the layout placed it. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** This activity's waiting over all activities' waiting, 0…1. */
  waitingShare: number;
  fill: string;
  /** Text colour that stays readable on `fill`. */
  ink: string;
}

export interface MapEdge {
  from: string;
  to: string;
  count: number;
  meanSeconds: number;
  points: Array<{ x: number; y: number }>;
  strokeWidth: number;
  colour: string;
  /** Where the edge's count is written. */
  label: { x: number; y: number };
}

export interface ProcessMap {
  width: number;
  height: number;
  nodes: MapNode[];
  edges: MapEdge[];
}

export const nodeHeight = 44;
const minNodeWidth = 120;
/** An approximation of the label font's average character width; the layout needs sizes before anything is drawn. */
const charWidth = 7.4;
export const minStroke = 1.5;
export const maxStroke = 9;

/** Cool to hot, for mean durations: from the shortest edge's colour to the slowest one's. */
export const durationColours = ['#4c78a8', '#72a0c1', '#d9a441', '#e07b39', '#c0392b'] as const;
/** Node fills from no waiting to most of the waiting; the last two carry white text. */
export const heatFills = ['#f2f4f7', '#fde7c8', '#fbc48d', '#f08c5a', '#b8382a'] as const;

/** Per activity, the summed waiting over its rows (a task has one row per role), as a share of all waiting. */
export function waitingShares(bottlenecks: readonly ActivityBottleneck[]): Map<string, number> {
  const byActivity = new Map<string, number>();
  for (const row of bottlenecks) {
    byActivity.set(row.activity, (byActivity.get(row.activity) ?? 0) + row.waiting.total);
  }
  const all = [...byActivity.values()].reduce((sum, value) => sum + value, 0);
  const shares = new Map<string, number>();
  for (const [activity, waiting] of byActivity) shares.set(activity, all > 0 ? waiting / all : 0);
  return shares;
}

/** A value in 0…1 to one of the palette's steps. */
function step<T>(palette: readonly T[], ratio: number): T {
  const clamped = Math.min(1, Math.max(0, ratio));
  return palette[Math.min(palette.length - 1, Math.floor(clamped * palette.length))]!;
}

/** Edge thickness grows with the square root of the count: a 100× more frequent path is 10× thicker, not 100×. */
export function strokeWidthFor(count: number, maxCount: number): number {
  if (maxCount <= 0) return minStroke;
  return minStroke + (maxStroke - minStroke) * Math.sqrt(count / maxCount);
}

export function colourForDuration(meanSeconds: number, maxMeanSeconds: number): string {
  return step(durationColours, maxMeanSeconds > 0 ? meanSeconds / maxMeanSeconds : 0);
}

export function fillForWaitingShare(share: number): { fill: string; ink: string } {
  const fill = step(heatFills, share);
  return { fill, ink: heatFills.indexOf(fill as (typeof heatFills)[number]) >= 3 ? '#ffffff' : '#1b1f24' };
}

export function nodeWidthFor(label: string): number {
  return Math.max(minNodeWidth, Math.ceil(label.length * charWidth) + 24);
}

/** What dagre writes on an edge's label: the route around the nodes and where the label sits. */
interface EdgeLayout {
  points?: Array<{ x: number; y: number }>;
  x?: number;
  y?: number;
}

/** Lays out the graph top to bottom (the reading order of a process) and sizes and colours what is drawn. */
export function layoutProcessMap(
  dfg: DirectlyFollowsGraph,
  bottlenecks: readonly ActivityBottleneck[] = [],
): ProcessMap {
  const graph = new dagre.graphlib.Graph({ multigraph: false });
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 60, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));

  const known = new Set(dfg.activities.map((activity) => activity.name));
  for (const activity of dfg.activities) {
    graph.setNode(activity.name, { width: nodeWidthFor(`${activity.name} (${activity.count})`), height: nodeHeight });
  }
  // An edge to an activity the answer does not list would make dagre invent a node without a size.
  const edges = dfg.edges.filter((edge) => known.has(edge.from) && known.has(edge.to));
  for (const edge of edges) {
    // Self-loops (an activity repeated) are kept: dagre routes them beside the node.
    graph.setEdge(edge.from, edge.to, { weight: edge.count, width: 24, height: 16, labelpos: 'c' });
  }
  dagre.layout(graph);

  const shares = waitingShares(bottlenecks);
  const maxCount = Math.max(0, ...edges.map((edge) => edge.count));
  const maxMean = Math.max(0, ...edges.map((edge) => edge.duration.mean));
  const size = graph.graph();

  return {
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodes: dfg.activities.map((activity) => {
      const placed = graph.node(activity.name);
      const waitingShare = shares.get(activity.name) ?? 0;
      return {
        id: activity.name,
        count: activity.count,
        x: placed.x,
        y: placed.y,
        width: placed.width,
        height: placed.height,
        waitingShare,
        ...fillForWaitingShare(waitingShare),
      };
    }),
    edges: edges.map((edge) => {
      // graphlib types an edge's label loosely; dagre's layout gives it these.
      const placed = graph.edge(edge.from, edge.to) as EdgeLayout;
      const points = (placed.points ?? []).map(({ x, y }) => ({ x, y }));
      const middle = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
      return {
        from: edge.from,
        to: edge.to,
        count: edge.count,
        meanSeconds: edge.duration.mean,
        points,
        strokeWidth: strokeWidthFor(edge.count, maxCount),
        colour: colourForDuration(edge.duration.mean, maxMean),
        label: { x: placed.x ?? middle.x, y: placed.y ?? middle.y },
      };
    }),
  };
}

/** An SVG path through the layout's points: straight segments, as dagre routes them around nodes. */
export function pathThrough(points: ReadonlyArray<{ x: number; y: number }>): string {
  return points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)},${point.y.toFixed(1)}`)
    .join(' ');
}
