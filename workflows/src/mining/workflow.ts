import { proxyActivities } from '@temporalio/workflow';
import type { MiningActivities, MiningRunReport, MiningRunRequest } from './contract';
import { miningTaskQueue } from './contract';

// A retried run (the API restarted mid-run) resumes from the store's watermark, so retrying is always safe; the
// next Schedule action is the last resort. The Schedule skips an action while a run is still going.
const { extractProcessEvents } = proxyActivities<MiningActivities>({
  taskQueue: miningTaskQueue,
  startToCloseTimeout: '30 minutes',
  // The activity heartbeats after every history it reads; silence means its API died mid-run.
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumAttempts: 5 },
});

/** One extraction run: deterministic, all the work is the activity's. */
export async function miningExtraction(request: MiningRunRequest = {}): Promise<MiningRunReport> {
  return extractProcessEvents(request);
}
