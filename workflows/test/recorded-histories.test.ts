import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { processCatalog } from '../src/catalog';
import { recordedHistoriesDir, replayHistoryFile } from './replay';

/** Every committed history as [process, version, scenario file]. */
function recordedHistories(): Array<[string, string, string]> {
  if (!existsSync(recordedHistoriesDir)) return [];
  return readdirSync(recordedHistoriesDir).flatMap((processName) =>
    readdirSync(join(recordedHistoriesDir, processName)).flatMap((version) =>
      readdirSync(join(recordedHistoriesDir, processName, version))
        .filter((file) => file.endsWith('.json'))
        .map((file): [string, string, string] => [processName, version, file]),
    ),
  );
}

const histories = recordedHistories();

describe('recorded histories of released process versions (docs/ARCHITECTURE.md decision 7)', () => {
  it.each([...processCatalog.values()].map((definition) => [definition.name, definition.version]))(
    '%s %s has recorded histories, so changes to it are checked against real runs',
    (processName, version) => {
      expect(
        histories.filter(([name, recorded]) => name === processName && recorded === version).length,
      ).toBeGreaterThan(0);
    },
  );

  it.each(histories)('%s %s %s replays against the current workflow code', async (processName, version, file) => {
    await replayHistoryFile(join(recordedHistoriesDir, processName, version, file));
  });
});
