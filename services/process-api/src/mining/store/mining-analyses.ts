// The answers of `/v1/mining/{process}/…` that the store computes (in SQL where it has SQL), typed in @ordo/api-views
// so the Console reads the same shapes.
export type {
  ActivityBottleneck,
  DirectlyFollowsGraph,
  DurationStats,
  NamedCount,
  TimeStats,
  VersionSummary,
} from '@ordo/api-views';
