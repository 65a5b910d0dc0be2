import { ApplicationFailure } from '@temporalio/common';
import { WorkflowFailedError } from '@temporalio/client';
import { paymentReceivedSignal, restockedSignal } from '../src/order-to-cash/contract';
import { useTestStack } from './support/environment';
import { createRecordingActivities } from './support/recording-activities';
import {
  DAY,
  eventually,
  expectElapsed,
  HOUR,
  orderOf,
  reachedStage,
  startOrder,
  statusOf,
  stepNamed,
} from './support/orders';
import { replayScenario } from './replay';

const recording = createRecordingActivities();
const stack = useTestStack('stock-tests', recording.activities);

function callsNamed(workflowId: string, name: string) {
  return recording.callsOf(workflowId).filter((call) => call.name === name);
}

describe('order-to-cash stock', () => {
  test('out of stock: a poll finds nothing, then a restocked signal retries and the order continues', async () => {
    recording.systems.shortStock.set('O-STOCK-1', ['SKU-1']);
    const handle = await startOrder(stack(), 'O-STOCK-1', orderOf(300));
    const waiting = await reachedStage(handle, 'awaiting-restock');
    expect(stepNamed(waiting, 'reserve-stock').status).toBe('FAILED');
    expect(stepNamed(waiting, 'restock-wait-1')).toMatchObject({ status: 'RUNNING', detail: 'short: SKU-1' });

    await stack().env.sleep(6 * HOUR + HOUR);
    await eventually(async () => expect(callsNamed(handle.workflowId, 'checkStock')).toHaveLength(1));
    expect((await statusOf(handle)).stage).toBe('awaiting-restock');

    // A restock of another SKU does not concern this order.
    await handle.signal(restockedSignal, { sku: 'SKU-OTHER' });
    recording.systems.shortStock.delete('O-STOCK-1');
    await handle.signal(restockedSignal, { sku: 'SKU-1' });
    await reachedStage(handle, 'awaiting-payment');

    const reservations = callsNamed(handle.workflowId, 'reserveStock').map((call) => call.request.step);
    expect(reservations).toEqual(['reserve-stock', 'reserve-stock-2']);
    expect(callsNamed(handle.workflowId, 'createShipment')).toHaveLength(1);

    await handle.signal(paymentReceivedSignal, { amount: 300, currency: 'EUR', reference: 'PAY-S1' });
    expect((await handle.result()).status).toBe('COMPLETED');
    await replayScenario(handle, 'order-to-cash', 'restocked');
  });

  test('out of stock past the restock bound: the order is cancelled', async () => {
    recording.systems.shortStock.set('O-STOCK-2', ['SKU-1', 'SKU-9']);
    const handle = await startOrder(stack(), 'O-STOCK-2', orderOf(300));
    const waiting = await reachedStage(handle, 'awaiting-restock');

    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'CANCELLED',
      reason: 'out of stock (SKU-1, SKU-9): no restock within 7 days',
    });
    const status = await statusOf(handle);
    const wait = stepNamed(status, 'restock-wait-1');
    expect(wait.status).toBe('FAILED');
    expectElapsed(stepNamed(waiting, 'reserve-stock').startedAt, wait.completedAt!, 7 * DAY);
    // One look every 6 hours for 7 days.
    expect(callsNamed(handle.workflowId, 'checkStock')).toHaveLength(28);
    expect(callsNamed(handle.workflowId, 'reserveStock')).toHaveLength(1);
    expect(callsNamed(handle.workflowId, 'createShipment')).toHaveLength(0);
    await replayScenario(handle, 'order-to-cash', 'out-of-stock-cancelled');
  });

  test('a business error of a forward step releases the reservation and fails the order', async () => {
    recording.systems.failures.set(
      'O-FAIL-1:createShipment',
      ApplicationFailure.nonRetryable('address rejected', 'AddressInvalid'),
    );
    const handle = await startOrder(stack(), 'O-FAIL-1', orderOf(300));

    const failure = await handle.result().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('OrderToCashFailed');
    expect((cause as ApplicationFailure).message).toBe('order O-FAIL-1 failed: createShipment: address rejected');

    const calls = recording.callsOf(handle.workflowId).map((call) => [call.name, call.request.step]);
    expect(calls.slice(-2)).toEqual([
      ['createShipment', 'create-shipment'],
      ['releaseStock', 'release-stock'],
    ]);
    const status = await statusOf(handle);
    expect(status).toMatchObject({ status: 'FAILED', stage: 'closed' });
    expect(stepNamed(status, 'reserve-stock').status).toBe('COMPENSATED');
    expect(stepNamed(status, 'create-shipment')).toMatchObject({ status: 'FAILED' });
    await replayScenario(handle, 'order-to-cash', 'forward-step-failed');
  });
});
