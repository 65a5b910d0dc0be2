export { ProcessTracker, type ProcessIdentity, type ProcessTrackerOptions } from './process-tracker';
export type { StepJournal } from './step-journal';
