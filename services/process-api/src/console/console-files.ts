import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The console's entry page: a folder without it holds no (complete) build. */
export const consoleIndexFile = 'index.html';

/**
 * Where the Console's built static files are: `ORDO_CONSOLE_DIR`, else the `dist/` of the `@ordo/console` workspace.
 * The API serves those files; it imports no console code (docs/ARCHITECTURE.md §2). Null when the console has not
 * been built, so the API still starts (its tests never need a console build) and `/` says what to do.
 */
export function findConsoleDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = env.ORDO_CONSOLE_DIR ? [env.ORDO_CONSOLE_DIR] : consolePackageDist();
  return candidates.find((dir) => existsSync(join(dir, consoleIndexFile))) ?? null;
}

function consolePackageDist(): string[] {
  try {
    return [join(dirname(require.resolve('@ordo/console/package.json')), 'dist')];
  } catch {
    // Not installed beside the API (an image built without the console): nothing to serve.
    return [];
  }
}
