import type { ProcessStart } from '../process-contract';

/** Four-eyes principle for a process's task: whoever requested the process may not decide it. */
export function fourEyesFor(start: Pick<ProcessStart<unknown>, 'requestedBy'>): { excludedActorIds: string[] } {
  return { excludedActorIds: [start.requestedBy] };
}
