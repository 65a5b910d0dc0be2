import { chmodSync, closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { KeyRing } from './key-ring';
import { readKeyFile } from './load';

/** Name of the local stack's key file inside its data dir (`.data/codec-keys.json` for `npm start`). */
export const devKeyFileName = 'codec-keys.json';

export interface DevKeyFile {
  path: string;
  /** True when this call wrote it; false when an earlier run had. */
  created: boolean;
  keyRing: KeyRing;
}

/**
 * The local stack's key file under `dataDir`: created once with one random key (mode 0600, exclusive create, so
 * concurrent starts cannot write two different keys), then reused on every restart — the payloads already in the
 * data dir's Temporal database stay readable. A file that exists but is not a valid key ring is an error, never
 * overwritten. For local stacks only: production keys come from a secret store through ORDO_CODEC_KEYS/_KEY_FILE.
 */
export function ensureDevKeyFile(dataDir: string): DevKeyFile {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, devKeyFileName);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (fd === undefined) {
    // Tighten a file whose mode was loosened by hand; its content is validated like any key file.
    chmodSync(path, 0o600);
    return { path, created: false, keyRing: readKeyFile(path) };
  }
  try {
    writeSync(fd, `${JSON.stringify(KeyRing.generateJson('local-1'), null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
  return { path, created: true, keyRing: readKeyFile(path) };
}
