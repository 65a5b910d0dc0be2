import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthenticatorModule } from './authenticator.module';
import { BearerAuthGuard } from './bearer-auth.guard';

@Module({ imports: [AuthenticatorModule], providers: [{ provide: APP_GUARD, useClass: BearerAuthGuard }] })
export class AuthModule {}
