/** What a route produces; the router turns it into the HTTP reply (and may store it for idempotent replay). */
export interface Answer {
  status: number;
  body: unknown;
  /** Defaults to JSON. */
  contentType?: string;
}

export type ErrorBody = { error: string } & Record<string, unknown>;

/** A business or validation refusal: answered as-is, never stored, never an effect. */
export class Rejection extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(`${status} ${body.error}`);
    this.name = 'Rejection';
  }
}

export const ok = (body: unknown): Answer => ({ status: 200, body });
export const created = (body: unknown): Answer => ({ status: 201, body });

export function notFound(error: string, details: Record<string, unknown> = {}): Rejection {
  return new Rejection(404, { error, ...details });
}

export function conflict(error: string, details: Record<string, unknown> = {}): Rejection {
  return new Rejection(409, { error, ...details });
}
