import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ordo/workflows';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import { type ApiConfig, devTokens } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { ApiAnswer } from '../openapi/answers';
import type { CurrentActorView, SignInOptions } from './sign-in.schemas';

@ApiTags('session')
@Controller('v1')
export class SignInController {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  @Get('sign-in-options')
  @Public()
  @ApiOperation({ summary: 'How to sign in here: the dev tokens while they are on, the OIDC issuer when configured' })
  @ApiAnswer('SignInOptions', { description: 'The dev tokens (while on) and the OIDC issuer (when configured)' })
  signInOptions(): SignInOptions {
    const dev = this.config.devTokensEnabled ? devTokens() : new Map<string, Actor>();
    // The Console's OIDC client is configured only beside a JWT issuer, where it signs people in.
    const { jwt, consoleOidc } = this.config;
    return {
      // Only the dev tokens the configuration really accepts, as they are: nothing of ORDO_API_TOKENS.
      devTokens: [...dev.keys()]
        .filter((token) => this.config.tokens.has(token))
        .map((token) => ({ token, ...this.config.tokens.get(token)! })),
      oidc: jwt && consoleOidc ? { issuer: jwt.issuer, ...consoleOidc } : null,
    };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller: actor id and roles, as the bearer token authenticates them' })
  @ApiAnswer('CurrentActor', { description: 'The authenticated caller' })
  me(@CurrentActor() actor: Actor): CurrentActorView {
    return { id: actor.id, roles: [...actor.roles] };
  }
}
