import { processErrors } from '@ordo/workflows';
import {
  ApplicationFailure,
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApiError, type ErrorDetail } from './api-error';

/** gRPC status codes the API distinguishes (https://grpc.io/docs/guides/status-codes/). */
const grpcStatus = { deadlineExceeded: 4, unavailable: 14 } as const;

const domainErrors: Record<string, { status: number; code: string }> = {
  [processErrors.forbidden]: { status: 403, code: 'forbidden' },
  [processErrors.taskNotFound]: { status: 404, code: 'task_not_found' },
  [processErrors.taskNotOpen]: { status: 409, code: 'task_not_open' },
  [processErrors.invalidDecision]: { status: 400, code: 'invalid_decision' },
  [processErrors.invalidPayload]: { status: 400, code: 'invalid_payload' },
  [processErrors.notCancellable]: { status: 409, code: 'not_cancellable' },
  [processErrors.alreadyClaimed]: { status: 409, code: 'already_claimed' },
  [processErrors.notClaimed]: { status: 409, code: 'not_claimed' },
  [processErrors.unknownEvent]: { status: 404, code: 'unknown_event' },
  [processErrors.unprocessable]: { status: 422, code: 'unprocessable' },
  [processErrors.notAcceptingEvent]: { status: 409, code: 'not_accepting_event' },
};

/** Field paths a failure of this type concerns when the workflow did not say more. */
const defaultPaths: Record<string, string> = {
  [processErrors.invalidDecision]: 'decision',
  [processErrors.taskNotFound]: 'taskId',
  [processErrors.alreadyClaimed]: 'taskId',
  [processErrors.notClaimed]: 'taskId',
};

function isErrorDetail(value: unknown): value is ErrorDetail {
  return typeof value === 'object' && value !== null && typeof (value as ErrorDetail).message === 'string';
}

function detailsOf(failure: ApplicationFailure): ErrorDetail[] {
  const given = (failure.details ?? []).filter(isErrorDetail).map(({ path, message }) => ({ path, message }));
  if (given.length > 0) return given;
  const path = failure.type ? defaultPaths[failure.type] : undefined;
  return [{ ...(path ? { path } : {}), message: failure.message }];
}

function grpcCodeOf(error: unknown): number | undefined {
  if (isGrpcServiceError(error)) return error.code;
  if (error instanceof ServiceError && isGrpcServiceError(error.cause)) return error.cause.code;
  return undefined;
}

/**
 * Translates what the Temporal client throws into an HTTP answer: a process's own
 * `ApplicationFailure` types become 4xx, an unreachable or slow server 503/504.
 * Returns undefined for anything that is not a Temporal error.
 */
export function temporalErrorToApiError(error: unknown): ApiError | undefined {
  if (error instanceof WorkflowUpdateFailedError) {
    const failure = error.cause;
    const known = failure instanceof ApplicationFailure && failure.type ? domainErrors[failure.type] : undefined;
    if (failure instanceof ApplicationFailure && known) {
      return new ApiError(known.status, known.code, failure.message, detailsOf(failure));
    }
    return undefined;
  }
  if (error instanceof WorkflowNotFoundError) {
    return new ApiError(404, 'instance_not_found', 'No such process instance');
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new ApiError(
      504,
      'temporal_timeout',
      'The process did not answer in time (is a worker running?); read its state before retrying',
    );
  }
  const code = grpcCodeOf(error);
  if (code === grpcStatus.deadlineExceeded) {
    return new ApiError(504, 'temporal_timeout', 'Temporal did not answer in time');
  }
  if (code === grpcStatus.unavailable) {
    return new ApiError(503, 'temporal_unavailable', 'Temporal is not reachable');
  }
  return undefined;
}
