import { Module } from '@nestjs/common';
import { Authenticator } from './authenticator.service';

/** One Authenticator (and so one JWKS cache) for every module that checks a bearer credential. */
@Module({ providers: [Authenticator], exports: [Authenticator] })
export class AuthenticatorModule {}
