import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { processCatalog } from '../src/catalog';
import { quietRuntime } from './support/environment';
import { plaintextHistory, testDataConverter } from './support/test-codec';

/** Committed histories of released process versions: `<process>/<version>/<scenario>.json`. */
export const recordedHistoriesDir = join(__dirname, 'histories');

/**
 * Replays a recorded workflow history against the current workflow code: a non-deterministic
 * change (docs/ARCHITECTURE.md decision 7) makes it throw. Histories are the JSON that the Temporal CLI or
 * UI export (`temporal workflow show --output json`) or `handle.fetchHistory()` returns.
 */
export async function replayHistory(history: unknown, workflowId = 'replayed-workflow'): Promise<void> {
  quietRuntime();
  // With the codec, as the worker runs: the tests' fresh histories are encrypted, the recorded ones are plaintext
  // (passed through unchanged, like the histories of instances started before encryption was switched on).
  await Worker.runReplayHistory(
    { workflowsPath: require.resolve('../src/workflows'), dataConverter: testDataConverter },
    history,
    workflowId,
  );
}

export async function replayHistoryFile(path: string): Promise<void> {
  const history: unknown = JSON.parse(await readFile(path, 'utf8'));
  await replayHistory(history, path);
}

/**
 * Replays a finished scenario's history against the current code; `npm run record-histories -w @ordo/workflows`
 * (ORDO_RECORD_HISTORIES=1) also keeps it as a recorded history of the process's current catalog version,
 * which every later change must still replay.
 */
export async function replayScenario(handle: WorkflowHandle, processName: string, scenario: string): Promise<void> {
  const history = await handle.fetchHistory();
  await replayHistory(history, handle.workflowId);
  if (process.env.ORDO_RECORD_HISTORIES === '1') {
    const definition = processCatalog.get(processName);
    if (!definition) throw new Error(`${processName} is not in the process catalog`);
    const file = join(recordedHistoriesDir, processName, definition.version, `${scenario}.json`);
    await mkdir(dirname(file), { recursive: true });
    // Decrypted: recorded histories are synthetic test data, kept as readable plaintext (README, Changing a process safely).
    await writeFile(file, `${JSON.stringify(JSON.parse(historyToJSON(await plaintextHistory(history))), null, 1)}\n`);
  }
}
