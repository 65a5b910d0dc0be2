import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { limitWorkflowThreadHeap } from '../src/workflow-thread-heap';

/** The heap limit, in MiB, of a thread started now (as the SDK starts its workflow threads). */
function threadHeapLimitMiB(): Promise<number> {
  const report = `require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit)`;
  return new Promise((resolve, reject) => {
    const thread = new Worker(report, { eval: true });
    thread.once('message', (bytes: number) => resolve(bytes / 2 ** 20));
    thread.once('error', reject);
  });
}

describe('limitWorkflowThreadHeap', () => {
  test('caps the old generation of threads started afterwards, not the main thread', async () => {
    const mainBefore = getHeapStatistics().heap_size_limit;
    // Large enough that it constrains nothing else in this process, distinct from V8's own default on this machine.
    const limit = 3_000;
    const defaultLimit = await threadHeapLimitMiB();
    expect(Math.abs(defaultLimit - limit)).toBeGreaterThan(200);

    limitWorkflowThreadHeap(limit);
    const limited = await threadHeapLimitMiB();
    // heap_size_limit adds the young generation's semi-spaces to the old generation's cap.
    expect(limited).toBeGreaterThanOrEqual(limit);
    expect(limited).toBeLessThan(limit + 128);
    expect(getHeapStatistics().heap_size_limit).toBe(mainBefore);
  });
});
