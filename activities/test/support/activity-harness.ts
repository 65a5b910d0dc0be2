import {
  defaultFailureConverter,
  defaultPayloadConverter,
  ensureApplicationFailure,
  type Logger,
} from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';

// Expected failures would otherwise be logged at length by the SDK.
const ignore = (): void => undefined;
const silent: Logger = { log: ignore, trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore };

/** Runs activities inside a mocked activity Context that belongs to the given workflow. */
export class ActivityRunner {
  private readonly environment: MockActivityEnvironment;

  constructor(workflowId: string) {
    this.environment = new MockActivityEnvironment(
      { workflowExecution: { workflowId, runId: 'test-run' } },
      { logger: silent },
    );
  }

  run<Args extends unknown[], Result>(activity: (...args: Args) => Promise<Result>, ...args: Args): Promise<Result> {
    return this.environment.run(activity, ...args) as Promise<Result>;
  }
}

export interface ReportedFailure {
  type: string;
  nonRetryable: boolean;
  message: string;
  details: unknown[];
}

/** What the worker reports to the Temporal server for an activity's error (as the worker converts it). */
export function asReportedFailure(error: unknown): ReportedFailure {
  const failure = defaultFailureConverter.errorToFailure(ensureApplicationFailure(error), defaultPayloadConverter);
  const info = failure.applicationFailureInfo;
  if (!info) throw new Error(`not reported as an application failure: ${String(error)}`);
  const details = (info.details?.payloads ?? []).map((payload) => defaultPayloadConverter.fromPayload(payload));
  return { type: info.type ?? '', nonRetryable: info.nonRetryable ?? false, message: failure.message ?? '', details };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the call succeeded');
}
