/**
 * Process intelligence's extraction run (docs/ARCHITECTURE.md decision 9): a Temporal Schedule starts
 * {@link miningExtractionWorkflowType} on the Ordo task queue; the workflow hands the work to one activity on
 * {@link miningTaskQueue}, which only the Process API serves, because the API owns the analytical store. Not a
 * business process: it is not in the catalog, and the API never lists it as an instance.
 */
import { scheduledReportWorkflowType } from '../reports/contract';

/** The task queue of the extraction activity, served by the activity-only worker inside the Process API. */
export const miningTaskQueue = 'ordo-mining';

/** The Schedule that runs the extraction every `ORDO_MINING_INTERVAL`. */
export const miningScheduleId = 'ordo-mining-extraction';

export const miningExtractionWorkflowType = 'miningExtraction';

/** Workflow functions of the bundle that are no catalog process (the catalog registration test knows them). */
export const internalWorkflowTypes: readonly string[] = [miningExtractionWorkflowType, scheduledReportWorkflowType];

export interface MiningRunRequest {
  /** Empties the store and its watermark first, so every instance is read again (`npm run mining:rebuild`). */
  rebuild?: boolean;
  /** Most histories one run reads; the next run carries on where this one stopped. Default: no limit. */
  maxHistories?: number;
}

export interface MiningRunReport {
  /** Histories fetched from Temporal in this run (closed and running instances). */
  historiesRead: number;
  /** Of those, histories of closed instances: each is read once, ever, unless the store is rebuilt. */
  closedHistoriesRead: number;
  /** Closed instances the listing returned that the store had already extracted (not read again). */
  closedSkipped: number;
  /** Running instances whose history had not grown since the last run (not read again). */
  runningUnchanged: number;
  /** Business events written (rows replaced for each instance read). */
  eventsWritten: number;
  /** Instances whose history could not be read or decoded; they are tried again next run. */
  failures: number;
  /** True when `maxHistories` stopped the run before everything was read. */
  incomplete: boolean;
  /** The close-time watermark after the run (ISO 8601), or null while nothing closed was extracted. */
  watermark: string | null;
}

/** Implemented by the Process API (`services/process-api/src/mining/extraction/`). */
export interface MiningActivities {
  extractProcessEvents(request: MiningRunRequest): Promise<MiningRunReport>;
}
