import { timingSafeEqual } from 'node:crypto';
import { isLoopbackHost } from '@ordo/config';

/** Who may call the sandbox's mutating routes: decided by where it listens and whether a token is configured. */
export interface WriteAccessPolicy {
  /** The interface the sandbox is bound to (ORDO_SANDBOX_HOST). */
  boundHost: string;
  /** ORDO_SANDBOX_TOKEN; when set, every mutating request must carry `Authorization: Bearer <token>`. */
  token?: string;
}

export type WriteAccessDecision = { allowed: true } | { allowed: false; message: string };

/** Methods that read; every other one changes the sandbox (system effects, faults, reset). */
export const readMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;

/**
 * Whether a mutating request may proceed. With a token configured it must come with `Authorization: Bearer <token>`,
 * wherever the sandbox listens. Without one, only a sandbox bound to a loopback address accepts changes (the local
 * stack, tests): one reachable from other machines refuses them, as anyone there could inject faults or effects.
 */
export function decideWriteAccess(
  policy: WriteAccessPolicy,
  authorization: string | string[] | undefined,
): WriteAccessDecision {
  if (policy.token !== undefined) {
    const presented = typeof authorization === 'string' ? bearerPattern.exec(authorization)?.[1] : undefined;
    if (presented !== undefined && sameSecret(presented, policy.token)) return { allowed: true };
    return {
      allowed: false,
      message:
        presented === undefined
          ? 'this sandbox accepts changes only with Authorization: Bearer <ORDO_SANDBOX_TOKEN>'
          : "the bearer token is not this sandbox's ORDO_SANDBOX_TOKEN",
    };
  }
  if (isLoopbackHost(policy.boundHost)) return { allowed: true };
  return {
    allowed: false,
    message:
      `this sandbox listens on ${policy.boundHost}, not a loopback address, and ORDO_SANDBOX_TOKEN is not set: ` +
      'its mutating and fault routes serve the local stack only (set ORDO_SANDBOX_TOKEN and send it as a bearer token)',
  };
}
