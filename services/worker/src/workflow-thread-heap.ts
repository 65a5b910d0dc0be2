import { setFlagsFromString } from 'node:v8';

/**
 * Caps the old-generation heap of every V8 isolate created from now on, which is what the SDK's workflow threads are
 * (it starts them without resource limits of their own); the main thread keeps the limit it started with. Must run
 * before the worker is created.
 *
 * Why it matters beyond memory: a thread whose heap nears its limit spends seconds collecting garbage, a workflow
 * activation then outlasts the SDK's 5 s isolate execution timeout, and Node's vm timeout firing amid the context's
 * microtasks corrupts the async-hook stack (nodejs/node#38503), which killed the worker at ~7,900 cached workflows.
 */
export function limitWorkflowThreadHeap(maxOldGenerationMiB: number): void {
  setFlagsFromString(`--max-old-space-size=${maxOldGenerationMiB}`);
}
