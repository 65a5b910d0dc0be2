import { readFile } from 'node:fs/promises';
import { Worker } from '@temporalio/worker';

/**
 * Replays a recorded workflow history against the current workflow code: a non-deterministic
 * change (DESIGN.md decision 7) makes it throw. Histories are the JSON that the Temporal CLI or
 * UI export (`temporal workflow show --output json`) or `handle.fetchHistory()` returns.
 */
export async function replayHistory(history: unknown, workflowId = 'replayed-workflow'): Promise<void> {
  await Worker.runReplayHistory({ workflowsPath: require.resolve('../src/workflows') }, history, workflowId);
}

export async function replayHistoryFile(path: string): Promise<void> {
  const history: unknown = JSON.parse(await readFile(path, 'utf8'));
  await replayHistory(history, path);
}
