import { RequestValidationError } from '../src/errors/api-error';
import { ListingPageTokens } from '../src/processes/page-token';

const scope = { process: 'order-to-cash', status: 'RUNNING' };
const cursor = Uint8Array.from([1, 2, 3, 250]);

function refusal(decode: () => unknown): string {
  try {
    decode();
  } catch (error) {
    if (error instanceof RequestValidationError) return JSON.stringify(error.getResponse());
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('ListingPageTokens', () => {
  it('lets a replica with the same secret continue a listing another one started', () => {
    const token = new ListingPageTokens('s'.repeat(32)).encode(scope, cursor);
    expect([...new ListingPageTokens('s'.repeat(32)).decode(token, scope)]).toEqual([...cursor]);
  });

  it('refuses a token signed with another key, naming pageToken', () => {
    const token = new ListingPageTokens('s'.repeat(32)).encode(scope, cursor);
    expect(refusal(() => new ListingPageTokens('t'.repeat(32)).decode(token, scope))).toMatch(
      /pageToken.*not a page token issued by this API/,
    );
  });

  it('refuses a token of another listing and a token whose cursor was altered', () => {
    const tokens = new ListingPageTokens('s'.repeat(32));
    const token = tokens.encode(scope, cursor);
    expect(refusal(() => tokens.decode(token, { ...scope, status: null }))).toMatch(/different listing/);
    const envelope = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...envelope, c: Buffer.from([9, 9]).toString('base64') })).toString(
      'base64url',
    );
    expect(refusal(() => tokens.decode(forged, scope))).toMatch(/not a page token issued by this API/);
  });
});
