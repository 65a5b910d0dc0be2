import { setFlagsFromString } from 'node:v8';

/**
 * Caps the old-generation heap of every V8 isolate created from now on, which is what the SDK's workflow threads are
 * (it starts them without resource limits of their own); the main thread keeps the limit it started with. Must run
 * before the worker is created.
 *
 * Why it matters beyond memory: the worker that died with "async hook stack has become corrupted" at ~7,900 cached
 * workflows had a workflow thread near its heap limit, collecting garbage for seconds per task. The limit here always
 * leaves the cache twice the room it keeps alive, and the cache is sized from the memory budget, so a thread never
 * gets there (bench/results/scale-notes.md).
 */
export function limitWorkflowThreadHeap(maxOldGenerationMiB: number): void {
  setFlagsFromString(`--max-old-space-size=${maxOldGenerationMiB}`);
}
