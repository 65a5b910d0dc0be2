import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import type { Actor } from '@ordo/workflows';
import type { JwtAuthConfig } from '../config/auth-config';
import { AuthenticationError } from './authentication-error';
import { actorFromClaims } from './token-claims';

/** Asymmetric algorithms only: a published key must never double as an HMAC secret. */
const allowedAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** Tolerated clock skew between the issuer and this API. */
const clockToleranceSeconds = 30;

/** A compact JWS: three base64url parts. Anything else is not worth a signature check. */
const compactJwsPattern = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function looksLikeJwt(token: string): boolean {
  return compactJwsPattern.test(token);
}

function describeClaimFailure(error: errors.JWTClaimValidationFailed, config: JwtAuthConfig): string {
  const { claim, reason, payload } = error;
  if (claim === 'iss') {
    return reason === 'missing'
      ? 'Token has no issuer (iss)'
      : `Token issuer ${JSON.stringify(payload.iss)} is not the expected ${JSON.stringify(config.issuer)}`;
  }
  if (claim === 'aud') {
    return reason === 'missing'
      ? 'Token has no audience (aud)'
      : `Token audience ${JSON.stringify(payload.aud)} does not include ${config.audience?.map((entry) => JSON.stringify(entry)).join(' or ')}`;
  }
  if (claim === 'nbf') return 'Token is not valid yet (nbf)';
  if (claim === 'exp' && reason === 'missing') return 'Token has no expiry (exp)';
  return `Token claim ${claim} is invalid: ${error.message}`;
}

/** Turns jose's failures into what the caller is told; the issuer's key endpoint failing is a 503, not the caller's fault. */
function explain(error: unknown, config: JwtAuthConfig): AuthenticationError {
  if (error instanceof AuthenticationError) return error;
  if (error instanceof errors.JWTExpired) {
    const exp = typeof error.payload.exp === 'number' ? ` at ${new Date(error.payload.exp * 1000).toISOString()}` : '';
    return new AuthenticationError(`Token expired${exp}`);
  }
  if (error instanceof errors.JWTClaimValidationFailed)
    return new AuthenticationError(describeClaimFailure(error, config));
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new AuthenticationError('Token signature is invalid');
  if (error instanceof errors.JWKSNoMatchingKey)
    return new AuthenticationError('Token is signed with a key the issuer does not publish');
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new AuthenticationError(`Token algorithm is not accepted (allowed: ${allowedAlgorithms.join(', ')})`);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return new AuthenticationError(`Malformed token: ${error.message}`);
  // Timeouts, refused connections, non-200 answers or unusable keys at the JWKS URL.
  const cause = error instanceof Error ? error.message : String(error);
  return new AuthenticationError(
    "Cannot verify tokens right now: the issuer's signing keys are unavailable",
    503,
    `JWKS ${config.jwksUrl}: ${cause}`,
  );
}

/** Verifies bearer JWTs against the issuer's JWKS (fetched lazily, cached, refetched for unknown key ids). */
export class JwtVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: JwtAuthConfig) {
    this.keys = createRemoteJWKSet(new URL(config.jwksUrl));
  }

  /** The actor the token speaks for; throws AuthenticationError saying why it is refused. */
  async verify(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        ...(this.config.audience && { audience: this.config.audience }),
        algorithms: allowedAlgorithms,
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw explain(error, this.config);
    }
    return actorFromClaims(payload, this.config);
  }
}
