/**
 * The task probe under the catalog's `orderToCash` workflow type, so API tests drive the real
 * human-task helper through the order-to-cash routes without the real process's activities.
 * The order's `customerId` carries the task's settings as `<priority>/<due seconds>`, e.g. `urgent/60`.
 */
import type { ProcessResult, ProcessStart, TaskPriority } from '../../src/lib/process-contract';
import { fourEyesFor } from '../../src/lib/human-task';
import type { OrderToCashInput } from '../../src/order-to-cash/contract';
import { runTaskProbe } from './task-probe.workflow';

export async function orderToCash(start: ProcessStart<OrderToCashInput>): Promise<ProcessResult> {
  const [priority, dueSeconds] = start.input.customerId.split('/');
  return runTaskProbe('order-to-cash', start, {
    type: 'approval',
    title: `Approve the order of ${start.businessKey}`,
    candidateRoles: ['manager'],
    assignableBy: ['cfo'],
    decisions: ['approve', 'reject'],
    priority: (priority ?? 'normal') as TaskPriority,
    due: `${Number(dueSeconds ?? 86_400)} seconds`,
    fourEyes: fourEyesFor(start),
    data: { customerId: start.input.customerId },
  });
}
