import { runOrderToCash } from './order-to-cash.scenario';
import { startTestStack, type RunningStack } from './stack-fixture';

// The same scenario on the production engine: Temporal server 1.32.0 on a PostgreSQL cluster the stack creates
// (SQL visibility, schemas set up by Temporal's schema tool, namespace and search attributes registered).
jest.setTimeout(300_000);

describe('order-to-cash end to end on Temporal server with PostgreSQL', () => {
  let stack: RunningStack & { dispose(): Promise<void> };

  beforeAll(async () => {
    stack = await startTestStack({ backend: 'postgres' });
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('runs a 15,000 order through cfo approval, shipment, invoice and two payments to COMPLETED', async () => {
    expect(stack.backend).toBe('postgres');
    await runOrderToCash(stack);
  });
});
