import { runOrderToCash } from './order-to-cash.scenario';
import { startTestStack, type RunningStack } from './stack-fixture';

jest.setTimeout(240_000);

describe('order-to-cash end to end: real API, dev server, worker and sandbox', () => {
  let stack: RunningStack & { dispose(): Promise<void> };

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('runs a 15,000 order through cfo approval, shipment, invoice and two payments to COMPLETED', async () => {
    await runOrderToCash(stack);
  });
});
