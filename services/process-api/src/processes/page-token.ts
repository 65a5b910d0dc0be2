import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { decodeOpaquePageToken, encodeOpaquePageToken, invalidPageToken } from '../paging/opaque-page-token';

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

/** Wraps Temporal's visibility cursor with the listing it belongs to, as opaque base64url. */
export function encodePageToken(scope: ListingScope, cursor: Uint8Array): string {
  const c = Buffer.from(cursor).toString('base64');
  const envelope = { p: scope.process, s: scope.status, c, m: macOf(scope.process, scope.status, c) };
  return encodeOpaquePageToken(envelope);
}

/**
 * Unwraps a page token, rejecting one that is malformed or was issued for another listing
 * (Temporal answers a garbled cursor with an internal error that the client would keep retrying).
 */
export function decodePageToken(token: string, scope: ListingScope): Uint8Array {
  const envelope = decodeOpaquePageToken(token, tokenSchema);
  if (!macMatches(macOf(envelope.p, envelope.s, envelope.c), envelope.m)) {
    throw invalidPageToken('is not a page token issued by this API (or it was issued before a restart)');
  }
  if (envelope.p !== scope.process || envelope.s !== scope.status) {
    throw invalidPageToken('belongs to a different listing (process or status filter changed)');
  }
  return Buffer.from(envelope.c, 'base64');
}
