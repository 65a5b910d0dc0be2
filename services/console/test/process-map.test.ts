import type { ActivityBottleneck, DirectlyFollowsGraph } from '../src/api/views';
import {
  colourForDuration,
  durationColours,
  fillForWaitingShare,
  heatFills,
  layoutProcessMap,
  maxStroke,
  minStroke,
  pathThrough,
  strokeWidthFor,
  waitingShares,
} from '../src/processes/process-map';
import { formatSeconds } from '../src/lib/format';

const stats = (mean: number) => ({ mean, median: mean, p95: mean });
const time = (total: number) => ({ p50: total, p95: total, mean: total, total });

const dfg: DirectlyFollowsGraph = {
  activities: [
    { name: 'receive-order', count: 10 },
    { name: 'approve', count: 10 },
    { name: 'ship', count: 8 },
    { name: 'reject', count: 2 },
  ],
  edges: [
    { from: 'receive-order', to: 'approve', count: 10, duration: stats(5) },
    { from: 'approve', to: 'ship', count: 8, duration: stats(600) },
    { from: 'approve', to: 'reject', count: 2, duration: stats(60) },
    { from: 'approve', to: 'unknown', count: 1, duration: stats(1) },
  ],
  startActivities: [{ name: 'receive-order', count: 10 }],
  endActivities: [{ name: 'ship', count: 8 }],
  variants: [],
};

const bottleneck = (activity: string, waiting: number, role: string | null = null): ActivityBottleneck => ({
  activity,
  kind: role ? 'task' : 'activity',
  role,
  count: 1,
  waiting: time(waiting),
  working: time(1),
  shareOfCycleTime: 0,
});

describe('process map', () => {
  it('places every activity and keeps only edges between listed activities', () => {
    const map = layoutProcessMap(dfg);
    expect(map.nodes.map((node) => node.id)).toEqual(['receive-order', 'approve', 'ship', 'reject']);
    expect(map.edges.map((edge) => `${edge.from}>${edge.to}`)).toEqual([
      'receive-order>approve',
      'approve>ship',
      'approve>reject',
    ]);
    expect(map.width).toBeGreaterThan(0);
    expect(map.height).toBeGreaterThan(0);
    for (const node of map.nodes) {
      expect(node.x - node.width / 2).toBeGreaterThanOrEqual(0);
      expect(node.x + node.width / 2).toBeLessThanOrEqual(map.width);
    }
  });

  it('lays the flow out top to bottom, each edge with a path', () => {
    const map = layoutProcessMap(dfg);
    const y = (id: string) => map.nodes.find((node) => node.id === id)!.y;
    expect(y('receive-order')).toBeLessThan(y('approve'));
    expect(y('approve')).toBeLessThan(y('ship'));
    for (const edge of map.edges) expect(edge.points.length).toBeGreaterThanOrEqual(2);
  });

  it('makes the most frequent edge thickest and the slowest edge the hottest colour', () => {
    const map = layoutProcessMap(dfg);
    const edge = (to: string) => map.edges.find((candidate) => candidate.to === to)!;
    expect(edge('approve').strokeWidth).toBe(maxStroke);
    expect(edge('reject').strokeWidth).toBeLessThan(edge('ship').strokeWidth);
    expect(edge('ship').colour).toBe(durationColours.at(-1));
    expect(edge('approve').colour).toBe(durationColours[0]);
  });

  it('heats activities by their share of the waiting, summing a task over its roles', () => {
    const bottlenecks = [bottleneck('approve', 60, 'sales'), bottleneck('approve', 30, 'cfo'), bottleneck('ship', 10)];
    expect(waitingShares(bottlenecks).get('approve')).toBeCloseTo(0.9);
    const map = layoutProcessMap(dfg, bottlenecks);
    const node = (id: string) => map.nodes.find((candidate) => candidate.id === id)!;
    expect(node('approve').fill).toBe(heatFills.at(-1));
    expect(node('approve').ink).toBe('#ffffff');
    expect(node('receive-order').waitingShare).toBe(0);
    expect(node('receive-order').fill).toBe(heatFills[0]);
  });

  it('copes with an empty graph and no waiting at all', () => {
    const map = layoutProcessMap({ activities: [], edges: [], startActivities: [], endActivities: [], variants: [] });
    expect(map.nodes).toEqual([]);
    expect(map.edges).toEqual([]);
    expect(waitingShares([bottleneck('a', 0)]).get('a')).toBe(0);
  });

  it('scales width, colour and fill within their ranges', () => {
    expect(strokeWidthFor(0, 0)).toBe(minStroke);
    expect(strokeWidthFor(25, 100)).toBeCloseTo(minStroke + (maxStroke - minStroke) / 2);
    expect(colourForDuration(5, 0)).toBe(durationColours[0]);
    expect(fillForWaitingShare(1.5).fill).toBe(heatFills.at(-1));
    expect(fillForWaitingShare(-1).fill).toBe(heatFills[0]);
  });

  it('writes paths and durations people can read', () => {
    expect(
      pathThrough([
        { x: 1, y: 2 },
        { x: 3.25, y: 4 },
      ]),
    ).toBe('M1.0,2.0 L3.3,4.0');
    expect(formatSeconds(4.24)).toBe('4.2 s');
    expect(formatSeconds(90)).toBe('1.5 min');
    expect(formatSeconds(7200)).toBe('2.0 h');
    expect(formatSeconds(172_800)).toBe('2.0 d');
  });
});
