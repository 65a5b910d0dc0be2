import { z } from 'zod';
import { RequestValidationError } from '../errors/api-error';

/** What a listing depends on: a token is only valid for the listing that issued it. */
export interface ListingScope {
  process: string;
  status: string | null;
}

const tokenSchema = z.object({ p: z.string(), s: z.string().nullable(), c: z.base64() }).strict();

const invalidToken = (message: string) => new RequestValidationError([{ path: 'pageToken', message }]);

/** Wraps Temporal's visibility cursor with the listing it belongs to, as opaque base64url. */
export function encodePageToken(scope: ListingScope, cursor: Uint8Array): string {
  const envelope = { p: scope.process, s: scope.status, c: Buffer.from(cursor).toString('base64') };
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
  if (parsed.data.p !== scope.process || parsed.data.s !== scope.status) {
    throw invalidToken('belongs to a different listing (process or status filter changed)');
  }
  return Buffer.from(parsed.data.c, 'base64');
}
