import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '@ordo/workflows';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { ApiError } from '../errors/api-error';
import type { ApiRequest } from './http-request';
import { IS_PUBLIC } from './public.decorator';

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;

/** Maps `Authorization: Bearer <token>` to the configured Actor; every route not marked @Public needs one. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<ApiRequest>();
    request.actor = this.authenticate(request.headers.authorization);
    return true;
  }

  private authenticate(header: string | string[] | undefined): Actor {
    if (typeof header !== 'string') {
      throw new ApiError(401, 'unauthorized', 'Missing bearer token (Authorization: Bearer <token>)');
    }
    const token = bearerPattern.exec(header)?.[1];
    const actor = token === undefined ? undefined : this.config.tokens.get(token);
    if (!actor) throw new ApiError(401, 'unauthorized', 'Invalid bearer token');
    return actor;
  }
}
