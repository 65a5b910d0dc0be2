import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { Actor, ProcessStatusView } from '../../src/lib/process-contract';
import { statusQuery } from '../../src/lib/process-contract';
import { workflowIdFor } from '../../src/lib/process-definition';
import { type OrderToCashInput, orderToCashProcess } from '../../src/order-to-cash/contract';
import type { orderToCash } from '../../src/order-to-cash/workflow';
import type { TestStack } from './environment';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export type OrderHandle = WorkflowHandle<typeof orderToCash>;

/** An order of one line whose total is `total`. */
export function orderOf(total: number, overrides: Partial<OrderToCashInput> = {}): OrderToCashInput {
  return {
    customerId: 'C-100',
    lines: [{ sku: 'SKU-1', quantity: 2, unitPrice: total / 2 }],
    currency: 'EUR',
    paymentTermsDays: 14,
    ...overrides,
  };
}

export async function startOrder(stack: TestStack, orderId: string, input: OrderToCashInput): Promise<OrderHandle> {
  return stack.env.client.workflow.start<typeof orderToCash>('orderToCash', {
    workflowId: workflowIdFor(orderToCashProcess.name, orderId),
    taskQueue: stack.taskQueue,
    args: [{ businessKey: orderId, input, requestedBy: 'clerk' }],
  });
}

export function actor(role: string, id: string = role): Actor {
  return { id, roles: [role] };
}

/**
 * Retries `probe` until it stops throwing. Time does not move between retries (the test server
 * only skips time while a test sleeps or awaits a result): this only waits for the worker to catch up.
 */
export async function eventually<T>(probe: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export function statusOf(handle: OrderHandle): Promise<ProcessStatusView> {
  return handle.query(statusQuery);
}

/** Waits until the instance reached `stage`, and returns its status there. */
export function reachedStage(handle: OrderHandle, stage: string): Promise<ProcessStatusView> {
  return eventually(async () => {
    const status = await statusOf(handle);
    expect(status.stage).toBe(stage);
    return status;
  });
}

/** The `ApplicationFailure` type an update was rejected with. */
export async function updateRejection(update: Promise<unknown>): Promise<string | undefined> {
  try {
    await update;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure)
      return error.cause.type ?? undefined;
    throw error;
  }
  throw new Error('expected the update to be rejected');
}

export function stepNames(status: ProcessStatusView): string[] {
  return status.steps.map((step) => step.name);
}

export function stepNamed(status: ProcessStatusView, name: string) {
  const step = status.steps.find((candidate) => candidate.name === name);
  if (!step) throw new Error(`no step ${name} in ${stepNames(status).join(', ')}`);
  return step;
}

/**
 * Workflow time between two instants is `expected`, give or take the moment the worker took to
 * react to a timer (time may move on a little while an activation is processed).
 */
export function expectElapsed(fromIso: string, toIso: string, expectedMs: number, toleranceMs = 60_000): void {
  const elapsed = Date.parse(toIso) - Date.parse(fromIso);
  expect(elapsed).toBeGreaterThanOrEqual(expectedMs);
  expect(elapsed).toBeLessThanOrEqual(expectedMs + toleranceMs);
}
