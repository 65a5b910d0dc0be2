import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@ordo/workflows';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { AuthenticationError } from './authentication-error';
import { JwtVerifier, looksLikeJwt } from './jwt-verifier';

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;

/**
 * Resolves `Authorization: Bearer <token>` to an Actor: static tokens (ORDO_API_TOKENS, dev tokens when
 * switched on) are looked up; anything shaped like a JWT is verified when an issuer is configured.
 */
@Injectable()
export class Authenticator {
  private readonly jwt: JwtVerifier | undefined;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.jwt = config.jwt && new JwtVerifier(config.jwt);
  }

  async authenticate(header: string | string[] | undefined): Promise<Actor> {
    if (header === undefined) throw new AuthenticationError('Missing bearer token (Authorization: Bearer <token>)');
    const token = typeof header === 'string' ? bearerPattern.exec(header)?.[1] : undefined;
    if (token === undefined) throw new AuthenticationError('Malformed Authorization header (expected Bearer <token>)');

    const known = this.config.tokens.get(token);
    if (known) return known;
    if (this.jwt && looksLikeJwt(token)) return this.jwt.verify(token);
    throw new AuthenticationError(
      this.jwt ? 'Invalid bearer token: neither a known token nor a JWT' : 'Invalid bearer token',
    );
  }
}
