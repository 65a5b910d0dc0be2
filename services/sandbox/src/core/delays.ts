/**
 * Injected latency and hangs. Every pending delay ends early when the sandbox closes, so a
 * hung request never keeps a test or a shutdown waiting.
 */
export class Delays {
  private readonly pending = new Set<() => void>();

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.pending.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.pending.add(finish);
    });
  }

  releaseAll(): void {
    for (const finish of [...this.pending]) finish();
  }
}
