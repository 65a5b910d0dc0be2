import type { CancellationScope } from '@temporalio/workflow';
import { processErrors } from '../lib/process-contract';
import { refuse, registerCancellation } from '../lib/process-lifecycle';
import type { OrderContext } from './order-context';

/** Order to cash's own rule: money already collected in full is not undone, nor is a closed order cancelled twice. */
function assertOrderCancellable(ctx: OrderContext): void {
  if (ctx.ledger.fullyPaid) refuse(processErrors.notCancellable, `order ${ctx.orderId} is fully paid`);
  if (ctx.facts.settled || ctx.tracker.currentStatus !== 'RUNNING') {
    refuse(processErrors.notCancellable, `order ${ctx.orderId} is already closed`);
  }
  if (ctx.facts.cancellation) refuse(processErrors.notCancellable, `order ${ctx.orderId} is already being cancelled`);
}

/** `cancelUpdate`: records who asked and stops the forward flow; compensation follows. */
export function registerOrderCancellation(ctx: OrderContext, forward: CancellationScope): void {
  registerCancellation({
    tracker: ctx.tracker,
    forward,
    assertMayCancel: () => assertOrderCancellable(ctx),
    record: (cancellation) => {
      ctx.facts.cancellation = cancellation;
    },
  });
}
