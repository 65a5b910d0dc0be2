import { Module } from '@nestjs/common';
import { SignInController } from './sign-in.controller';

/** What the Console needs beyond the process routes: how to sign in, and who is signed in. */
@Module({ controllers: [SignInController] })
export class ConsoleModule {}
