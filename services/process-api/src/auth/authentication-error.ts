/**
 * Why a bearer credential was refused. `status` 401 blames the credential; 503 means it could not be
 * checked at all (the issuer's keys are unreachable), which is not the caller's fault.
 */
export class AuthenticationError extends Error {
  constructor(
    message: string,
    readonly status: 401 | 503 = 401,
    /** For the log only: may name internal hosts the caller has no business seeing. */
    readonly logDetail?: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}
