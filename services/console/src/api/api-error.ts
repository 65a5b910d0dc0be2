/** One offending field of an error answer: its dot path (e.g. `input.lines.0.quantity`) and why. */
export interface ApiErrorDetail {
  path?: string;
  message: string;
}

/**
 * An error answer of the API (`{error, message, details}`), kept whole so pages show what the API said: the 403
 * naming who may, the 409 when someone else was faster, the four-eyes refusal, the 400 naming each field.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** From a failed answer's parsed body (anything, since proxies and crashes answer other shapes). */
  static fromAnswer(status: number, body: unknown): ApiError {
    const answer = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const message = typeof answer.message === 'string' ? answer.message : `The API answered ${status}`;
    const code = typeof answer.error === 'string' ? answer.error : 'error';
    const details = Array.isArray(answer.details) ? (answer.details as ApiErrorDetail[]) : [];
    return new ApiError(status, code, message, details);
  }
}

/** Any failure as something to show: the API's own words, or what went wrong on the way. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'network_error', error instanceof Error ? error.message : String(error));
}
