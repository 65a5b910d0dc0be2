export { ProcessTracker, type ProcessIdentity } from './process-tracker';
export type { StepJournal } from './step-journal';
