/**
 * A minimal process around one human task, for tests of the human-task helper: it opens the task
 * described by its input and closes with the completed task as its summary. Test-only; never in the catalog.
 */
import { setHandler } from '@temporalio/workflow';
import { HumanTasks, type TaskSpec } from '../../src/lib/human-task';
import { type ProcessResult, type ProcessStart, statusQuery } from '../../src/lib/process-contract';
import { ProcessTracker } from '../../src/lib/process-tracker';

/** A task spec without hooks (functions do not travel as workflow input). */
export type ProbeTaskSpec = Omit<TaskSpec, 'hooks'>;

export async function runTaskProbe(
  process: string,
  start: ProcessStart<unknown>,
  spec: ProbeTaskSpec,
): Promise<ProcessResult> {
  const tracker = new ProcessTracker<'task' | 'closed'>(
    { process, processVersion: '0-test', businessKey: start.businessKey },
    'task',
  );
  const tasks = new HumanTasks(tracker, tracker.metrics);
  tasks.register();
  setHandler(statusQuery, () => tracker.view(tasks.openTasks()));
  tracker.announce();

  const outcome = await tasks.open(spec).completion;
  const result: ProcessResult = {
    status: 'COMPLETED',
    decisions: [],
    summary: { decision: outcome.decision, completedBy: outcome.actor.id, completedAt: outcome.completedAt },
  };
  tracker.close(result, 'closed');
  return result;
}

export async function taskProbe(start: ProcessStart<{ spec: ProbeTaskSpec }>): Promise<ProcessResult> {
  return runTaskProbe('task-probe', start, start.input.spec);
}
