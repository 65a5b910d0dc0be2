/**
 * The workflow cache sized from a memory budget instead of the SDK's default, which follows the heap limit and let
 * 10,000 waiting orders take the worker to ~5 GB. Both figures are resident memory measured on the embedded stack
 * (bench phase `capacity`, and 300 orders waiting for payment in a worker of their own: 1.93 MiB each): an idle
 * worker with its workflow bundle loaded, and what each cached order-to-cash execution adds. Most of the latter is
 * module state the SDK's reusable V8 context instantiates per execution (the process's zod schemas and decision
 * tables); workflows/src/workflows.ts keeps it to the execution's own process.
 */
export const idleWorkerMiB = 400;
export const cachedWorkflowMiB = 2;
/** The SDK's default for maxConcurrentWorkflowTaskExecutions, which the cache may not be smaller than. */
export const sdkDefaultWorkflowTaskSlots = 40;
/** Below this a worker replays on nearly every task; a budget that small is a mistake, not a setting. */
export const minimumBudgetMiB = 512;
/** The SDK's default workflow thread count (one, with its default reusable V8 context). */
export const sdkDefaultWorkflowThreads = 1;
/** What a workflow thread's heap holds before any workflow: the bundle evaluated once and the SDK's runtime. */
export const workflowThreadBaseMiB = 128;

/**
 * How many workflows fit in `budgetMiB` of resident memory, and never fewer than the worker runs at once (the SDK
 * requires a cache at least as large as its concurrent workflow tasks).
 */
export function cachedWorkflowsWithin(
  budgetMiB: number,
  concurrentWorkflowTasks = sdkDefaultWorkflowTaskSlots,
): number {
  const fitting = Math.floor((budgetMiB - idleWorkerMiB) / cachedWorkflowMiB);
  return Math.max(fitting, concurrentWorkflowTasks);
}

/**
 * The old-generation heap each workflow thread may grow to: its share of the cache at `cachedWorkflowMiB` each (about
 * twice what a cached order keeps alive, so collection has room) plus the thread's own base. Without a limit V8
 * sizes every thread's heap from the machine's memory and collects garbage late: 2,000 orders waiting behind a cache
 * of 100 left the worker at 917 MiB, against 602 MiB with a 384 MiB limit. The limit follows the cache, so an
 * explicit ORDO_WORKER_MAX_CACHED_WORKFLOWS gets the heap it needs instead of running out.
 */
export function workflowThreadHeapMiB(maxCachedWorkflows: number, threads = sdkDefaultWorkflowThreads): number {
  return Math.ceil((maxCachedWorkflows * cachedWorkflowMiB) / threads) + workflowThreadBaseMiB;
}
