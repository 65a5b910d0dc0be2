import { createHmac, timingSafeEqual } from 'node:crypto';
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
 * what is bad input), so tokens carry a MAC and only cursors this API handed out reach Temporal. The key is
 * `ApiConfig.pageTokenSecret`: replicas that page for each other must share it.
 */
export class ListingPageTokens {
  constructor(private readonly secret: string) {}

  /** Wraps Temporal's visibility cursor with the listing it belongs to, as opaque base64url. */
  encode(scope: ListingScope, cursor: Uint8Array): string {
    const c = Buffer.from(cursor).toString('base64');
    return encodeOpaquePageToken({
      p: scope.process,
      s: scope.status,
      c,
      m: this.macOf(scope.process, scope.status, c),
    });
  }

  /** Unwraps a page token, refusing one that is malformed, was not signed with this key, or belongs to another listing. */
  decode(token: string, scope: ListingScope): Uint8Array {
    const envelope = decodeOpaquePageToken(token, tokenSchema);
    if (!macMatches(this.macOf(envelope.p, envelope.s, envelope.c), envelope.m)) {
      throw invalidPageToken('is not a page token issued by this API (or it was issued before a restart)');
    }
    if (envelope.p !== scope.process || envelope.s !== scope.status) {
      throw invalidPageToken('belongs to a different listing (process or status filter changed)');
    }
    return Buffer.from(envelope.c, 'base64');
  }

  private macOf(processName: string, status: string | null, cursor: string): string {
    return createHmac('sha256', this.secret)
      .update(JSON.stringify([processName, status, cursor]))
      .digest('base64url');
  }
}

function macMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
