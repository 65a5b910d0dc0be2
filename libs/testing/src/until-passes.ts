/**
 * Calls `probe` until it stops throwing and answers what it returned; after `timeoutMs` the last failure is thrown.
 * For what a real server or worker does a moment later (a span exported, a metric scraped, a workflow polled).
 */
export async function untilPasses<T>(
  probe: () => T | Promise<T>,
  { timeoutMs, intervalMs = 200 }: { timeoutMs: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
