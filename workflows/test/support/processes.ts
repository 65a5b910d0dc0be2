import type { WorkflowHandle } from '@temporalio/client';
import type {
  CompleteTaskRequest,
  ProcessResult,
  ProcessStart,
  ProcessStatusView,
} from '../../src/lib/process-contract';
import { completeTaskUpdate, statusQuery } from '../../src/lib/process-contract';
import { workflowIdFor } from '../../src/lib/process-definition';
import type { TestStack } from './environment';
import { eventually } from './orders';

/** A handle of any Ordo process workflow. */
export type ProcessHandle = WorkflowHandle<(start: ProcessStart<never>) => Promise<ProcessResult>>;

export async function startProcess<Input>(
  stack: TestStack,
  definition: { name: string; workflowType: string },
  businessKey: string,
  input: Input,
  requestedBy = 'clerk',
): Promise<ProcessHandle> {
  return stack.env.client.workflow.start(definition.workflowType, {
    workflowId: workflowIdFor(definition.name, businessKey),
    taskQueue: stack.taskQueue,
    args: [{ businessKey, input, requestedBy }],
  }) as Promise<ProcessHandle>;
}

export function statusOfProcess(handle: ProcessHandle): Promise<ProcessStatusView> {
  return handle.query(statusQuery);
}

/** Waits until `probe` holds for the instance's status, and returns that status. */
export function statusWhen(
  handle: ProcessHandle,
  check: (status: ProcessStatusView) => void,
): Promise<ProcessStatusView> {
  return eventually(async () => {
    const status = await statusOfProcess(handle);
    check(status);
    return status;
  });
}

/** Waits until a task of `type` is open and returns it. */
export async function openTask(handle: ProcessHandle, taskId: string) {
  const status = await statusWhen(handle, (current) =>
    expect(current.openTasks.map((task) => task.taskId)).toContain(taskId),
  );
  return status.openTasks.find((task) => task.taskId === taskId)!;
}

export function completeTask(handle: ProcessHandle, request: CompleteTaskRequest) {
  return handle.executeUpdate(completeTaskUpdate, { args: [request] });
}
