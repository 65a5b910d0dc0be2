import type { Actor } from '@ordo/workflows';
import type { JWTPayload } from 'jose';
import { identifierPattern } from '../config/auth-config';
import { AuthenticationError } from './authentication-error';

/** The value at a dotted path such as `realm_access.roles`; a claim whose own name contains a dot is found too. */
export function claimAt(payload: JWTPayload, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, segment))
      return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Roles are a list of strings, or one space-separated string (the OAuth `scope` style). */
function rolesFrom(value: unknown, path: string): string[] {
  const roles = typeof value === 'string' ? value.split(/\s+/) : value;
  if (!Array.isArray(roles) || !roles.every((role): role is string => typeof role === 'string')) {
    throw new AuthenticationError(`Token has no roles claim ${path} (a list of strings)`);
  }
  // Roles Ordo cannot name (they end up in visibility queries) cannot grant anything here: drop them.
  return [...new Set(roles.filter((role) => identifierPattern.test(role)))];
}

/** The actor a verified token speaks for: id and roles from the configured claims. */
export function actorFromClaims(payload: JWTPayload, claims: { idClaim: string; rolesClaim: string }): Actor {
  const id = claimAt(payload, claims.idClaim);
  if (typeof id !== 'string' || !identifierPattern.test(id)) {
    throw new AuthenticationError(
      `Token claim ${claims.idClaim} is ${id === undefined ? 'missing' : 'not a usable actor id (1-128 letters, digits or . _ @ -)'}`,
    );
  }
  return { id, roles: rolesFrom(claimAt(payload, claims.rolesClaim), claims.rolesClaim) };
}
