import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { RequestValidationError } from '../errors/api-error';

/** What a listing depends on: a token is only valid for the listing that issued it. */
export interface ListingScope {
  process: string;
  status: string | null;
}

const tokenSchema = z.object({ p: z.string(), s: z.string().nullable(), c: z.base64(), m: z.base64url() }).strict();

/**
 * Temporal answers a cursor it never issued with an error its client retries until the deadline (a 504 for
 * what is bad input), so tokens carry a MAC and only cursors this API handed out reach Temporal. Replicas
 * that page for each other share ORDO_API_PAGE_TOKEN_SECRET; without it each process has its own key, and a
 * token outlives neither a restart nor a hop to another replica (the caller starts the listing again).
 */
const macKey = process.env.ORDO_API_PAGE_TOKEN_SECRET?.trim() || randomBytes(32).toString('hex');

function macOf(processName: string, status: string | null, cursor: string): string {
  return createHmac('sha256', macKey).update(JSON.stringify([processName, status, cursor])).digest('base64url');
}

function macMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const invalidToken = (message: string) => new RequestValidationError([{ path: 'pageToken', message }]);

/** Wraps Temporal's visibility cursor with the listing it belongs to, as opaque base64url. */
export function encodePageToken(scope: ListingScope, cursor: Uint8Array): string {
  const c = Buffer.from(cursor).toString('base64');
  const envelope = { p: scope.process, s: scope.status, c, m: macOf(scope.process, scope.status, c) };
  return Buffer.from(JSON.stringify(envelope)).toString('base64url');
}

/**
 * Unwraps a page token, rejecting one that is malformed or was issued for another listing
 * (Temporal answers a garbled cursor with an internal error that the client would keep retrying).
 */
export function decodePageToken(token: string, scope: ListingScope): Uint8Array {
  let envelope: unknown;
  try {
    envelope = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken('is not a page token issued by this API');
  }
  const parsed = tokenSchema.safeParse(envelope);
  if (!parsed.success) throw invalidToken('is not a page token issued by this API');
  if (!macMatches(macOf(parsed.data.p, parsed.data.s, parsed.data.c), parsed.data.m)) {
    throw invalidToken('is not a page token issued by this API (or it was issued before a restart)');
  }
  if (parsed.data.p !== scope.process || parsed.data.s !== scope.status) {
    throw invalidToken('belongs to a different listing (process or status filter changed)');
  }
  return Buffer.from(parsed.data.c, 'base64');
}
