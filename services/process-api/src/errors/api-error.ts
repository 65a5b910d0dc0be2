import { HttpException } from '@nestjs/common';

/** One entry of an error's `details`: the field it concerns (dot path, e.g. `input.lines.0.quantity`) and why. */
export interface ErrorDetail {
  path?: string;
  message: string;
}

/** The JSON body of every error the API returns. */
export interface ErrorBody {
  error: string;
  message: string;
  details: ErrorDetail[];
}

/** An HTTP error with a stable machine-readable code; the exception filter renders it as an ErrorBody. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message, status);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return { error: this.code, message: this.message, details: this.details };
  }
}

export const notFound = (code: string, message: string, details?: ErrorDetail[]) =>
  new ApiError(404, code, message, details);
export const conflict = (code: string, message: string, details?: ErrorDetail[]) =>
  new ApiError(409, code, message, details);
export const forbidden = (message: string, details?: ErrorDetail[]) => new ApiError(403, 'forbidden', message, details);

/** A request that failed validation: each issue names the field it concerns. */
export class RequestValidationError extends ApiError {
  constructor(readonly issues: ErrorDetail[]) {
    super(400, 'validation_failed', `Invalid request: ${issues.map(describeIssue).join('; ')}`, issues);
    this.name = 'RequestValidationError';
  }
}

function describeIssue(issue: ErrorDetail): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}
