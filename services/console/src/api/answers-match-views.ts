/**
 * The document's answer schemas are generated from @ordo/api-views (services/process-api/src/openapi/answer-types.ts),
 * so the answers the typed client reads are the views the API's controllers return: this fails to compile when one
 * drifts from the other (a field added to a view without `npm run api-types`, or a schema that lost a field).
 * Types only: nothing here runs.
 */
import type {
  ActivityBottleneck,
  ConformanceReport,
  DirectlyFollowsGraph,
  Inbox,
  InsightsAnswer,
  InstancePage,
  InstanceView,
  Overview,
  ProcessDescription,
  StartedInstanceView,
  TaskView,
  VersionSummary,
  WhatIfResponse,
  components,
} from '@ordo/client';

/** Readonly and intersections flattened, so only the shapes are compared. */
type Shape<T> = T extends readonly (infer Item)[]
  ? Shape<Item>[]
  : T extends object
    ? { -readonly [Key in keyof T]: Shape<T[Key]> }
    : T;

/** True only for the same type: optional, nullable and every nested field count. */
type Equals<A, B> = (<T>() => T extends Shape<A> ? 1 : 2) extends <T>() => T extends Shape<B> ? 1 : 2 ? true : false;
type Same<A, B> = Equals<A, B> extends true ? true : { differs: [A, B] };
type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type AnswersMatchViews = [
  Same<Schema<'InstanceView'>, InstanceView>,
  Same<Schema<'InstancePage'>, InstancePage>,
  Same<Schema<'StartedInstanceView'>, StartedInstanceView>,
  Same<Schema<'TaskView'>, TaskView>,
  Same<Schema<'Inbox'>, Inbox>,
  Same<Schema<'Overview'>, Overview>,
  Same<Schema<'ProcessCatalog'>, { items: ProcessDescription[] }>,
  Same<Schema<'DirectlyFollowsGraph'>, DirectlyFollowsGraph>,
  Same<Schema<'BottleneckReport'>, { activities: ActivityBottleneck[] }>,
  Same<Schema<'ConformanceReport'>, ConformanceReport>,
  Same<Schema<'VersionReport'>, { slaTarget: string; versions: VersionSummary[] }>,
  Same<Schema<'InsightsAnswer'>, InsightsAnswer>,
  Same<Schema<'WhatIfResponse'>, WhatIfResponse>,
];

const allSame: AnswersMatchViews = [true, true, true, true, true, true, true, true, true, true, true, true, true];
export default allSame;
