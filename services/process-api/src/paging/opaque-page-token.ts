import type { z } from 'zod';
import { RequestValidationError } from '../errors/api-error';

/** A 400 naming `pageToken`: the caller sent a token this API cannot continue from. */
export function invalidPageToken(message: string): RequestValidationError {
  return new RequestValidationError([{ path: 'pageToken', message }]);
}

/**
 * Page tokens are opaque to callers: base64url of a JSON envelope whose shape only the listing that
 * issued it knows. The envelope carries the filters it was issued for, so each listing can refuse a
 * token from another one.
 */
export function encodeOpaquePageToken(envelope: object): string {
  return Buffer.from(JSON.stringify(envelope)).toString('base64url');
}

/** Reads an envelope written by `encodeOpaquePageToken`; anything that is not one of `schema`'s shape is refused. */
export function decodeOpaquePageToken<Envelope>(token: string, schema: z.ZodType<Envelope>): Envelope {
  let envelope: unknown;
  try {
    envelope = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidPageToken('is not a page token issued by this API');
  }
  const parsed = schema.safeParse(envelope);
  if (!parsed.success) throw invalidPageToken('is not a page token issued by this API');
  return parsed.data;
}
