import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, type SchemaObject } from '@nestjs/swagger';
import type { Actor } from '@ordo/workflows';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import { type ApiConfig, devTokens } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { requestJsonSchema } from '../openapi/zod-json-schema';
import { type CurrentActorView, currentActorSchema, type SignInOptions, signInOptionsSchema } from './sign-in.schemas';

const responseSchema = (schema: Parameters<typeof requestJsonSchema>[0]) =>
  requestJsonSchema(schema, 'openapi-3.0') as SchemaObject;

@ApiTags('session')
@Controller('v1')
export class SignInController {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  @Get('sign-in-options')
  @Public()
  @ApiOperation({ summary: 'How to sign in here: the dev tokens while they are on, the OIDC issuer when configured' })
  @ApiOkResponse({ schema: responseSchema(signInOptionsSchema) })
  signInOptions(): SignInOptions {
    const dev = this.config.devTokensEnabled ? devTokens() : new Map<string, Actor>();
    return {
      // Only the dev tokens the configuration really accepts, as they are: nothing of ORDO_API_TOKENS.
      devTokens: [...dev.keys()]
        .filter((token) => this.config.tokens.has(token))
        .map((token) => ({ token, ...this.config.tokens.get(token)! })),
      oidc: this.config.jwt ? { issuer: this.config.jwt.issuer } : null,
    };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller: actor id and roles, as the bearer token authenticates them' })
  @ApiOkResponse({ schema: responseSchema(currentActorSchema) })
  me(@CurrentActor() actor: Actor): CurrentActorView {
    return { id: actor.id, roles: [...actor.roles] };
  }
}
