/**
 * A stand-in for a catalog process, registered under the catalog's workflow type, that honours the
 * shared process contract (status query, task and cancel updates, an event signal) with one approval
 * task. It lets the API tests drive real updates and queries without the real process's activities.
 */
import {
  type CancelRequest,
  cancelUpdate,
  type CompleteTaskRequest,
  completeTaskUpdate,
  type PaymentReceived,
  paymentReceivedSignal,
  type ProcessResult,
  type ProcessStart,
  type ProcessStatus,
  processErrors,
  type ProcessEventRequest,
  processEventUpdate,
  type ProcessStatusView,
  searchAttributes,
  statusQuery,
  type TaskView,
} from '@ordo/workflows';
import { ApplicationFailure, condition, setHandler, upsertSearchAttributes } from '@temporalio/workflow';

const dayMs = 24 * 60 * 60 * 1000;

export async function orderToCash(start: ProcessStart<{ customerId: string }>): Promise<ProcessResult> {
  const createdAt = new Date();
  const task: TaskView = {
    taskId: 'approval-1',
    type: 'approval',
    title: `Approve the order of ${start.input.customerId}`,
    candidateRoles: ['manager', 'cfo'],
    decisions: ['approve', 'reject'],
    status: 'OPEN',
    createdAt: createdAt.toISOString(),
    dueAt: new Date(createdAt.getTime() + 2 * dayMs).toISOString(),
    escalationLevel: 0,
    remindersSent: 0,
    data: { customerId: start.input.customerId },
  };
  let stage = 'approval';
  let result: ProcessResult | undefined;

  const finish = (status: ProcessResult['status'], reason?: string) => {
    result = { status, ...(reason ? { reason } : {}), decisions: [], summary: { approvedBy: task.completedBy } };
  };
  const record = (status: ProcessStatus) =>
    upsertSearchAttributes([
      { key: searchAttributes.status, value: status },
      { key: searchAttributes.stage, value: stage },
      { key: searchAttributes.openTaskRoles, value: task.status === 'OPEN' ? task.candidateRoles : null },
    ]);

  record('RUNNING');

  setHandler(statusQuery, (): ProcessStatusView => ({
    process: 'order-to-cash',
    processVersion: '1.0.0',
    businessKey: start.businessKey,
    status: result?.status ?? 'RUNNING',
    stage,
    openTasks: task.status === 'OPEN' ? [task] : [],
    steps: [{ name: 'approval', status: task.status === 'OPEN' ? 'RUNNING' : 'COMPLETED', startedAt: task.createdAt }],
    documents: [],
    decisions: [],
    ...(result ? { result } : {}),
  }));

  setHandler(
    completeTaskUpdate,
    (request: CompleteTaskRequest): TaskView => {
      Object.assign(task, {
        status: 'COMPLETED',
        decision: request.decision,
        completedBy: request.actor.id,
        completedAt: new Date().toISOString(),
        ...(request.comment ? { comment: request.comment } : {}),
      });
      if (request.decision === 'reject') finish('REJECTED', request.comment);
      else stage = 'awaiting-payment';
      record(result?.status ?? 'RUNNING');
      return task;
    },
    {
      validator: (request: CompleteTaskRequest) => {
        if (request.taskId !== task.taskId)
          throw ApplicationFailure.nonRetryable(`No task ${request.taskId}`, processErrors.taskNotFound);
        if (task.status !== 'OPEN')
          throw ApplicationFailure.nonRetryable('Task already completed', processErrors.taskNotOpen);
        if (!request.actor.roles.some((role) => task.candidateRoles.includes(role))) {
          throw ApplicationFailure.nonRetryable(
            `${request.actor.id} may not act on this task`,
            processErrors.forbidden,
          );
        }
        if (!task.decisions.includes(request.decision)) {
          throw ApplicationFailure.nonRetryable(
            `decision must be one of ${task.decisions.join(', ')}`,
            processErrors.invalidDecision,
          );
        }
      },
    },
  );

  setHandler(
    cancelUpdate,
    (request: CancelRequest) => {
      task.status = 'CANCELLED';
      finish('CANCELLED', request.reason);
      return { accepted: true } as const;
    },
    {
      validator: (_request: CancelRequest) => {
        if (stage !== 'approval')
          throw ApplicationFailure.nonRetryable('Approved orders cannot be cancelled', processErrors.notCancellable);
      },
    },
  );

  const receivePayment = (payment: PaymentReceived) => {
    if (stage === 'awaiting-payment') finish('COMPLETED', `paid ${payment.amount} ${payment.currency}`);
  };
  setHandler(paymentReceivedSignal, receivePayment);
  setHandler(
    processEventUpdate,
    (request: ProcessEventRequest) => {
      if (request.event === 'payment-received') receivePayment(request.payload as PaymentReceived);
      return { accepted: true } as const;
    },
    {
      validator: (request: ProcessEventRequest) => {
        const payment = request.payload as PaymentReceived;
        if (request.event === 'payment-received' && payment.currency !== 'EUR') {
          throw ApplicationFailure.create({
            type: processErrors.unprocessable,
            message: `payment currency ${payment.currency} is not the order's currency EUR`,
            nonRetryable: true,
            details: [{ path: 'currency', message: 'is not the order currency EUR' }],
          });
        }
      },
    },
  );

  await condition(() => result !== undefined);
  stage = 'closed';
  record(result!.status);
  return result!;
}
