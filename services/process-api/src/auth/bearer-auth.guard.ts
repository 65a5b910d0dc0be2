import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../errors/api-error';
import { AuthenticationError } from './authentication-error';
import { Authenticator } from './authenticator.service';
import type { ApiRequest } from './http-request';
import { IS_PUBLIC } from './public.decorator';

/** Every route not marked @Public needs a bearer credential; the actor it names is put on the request. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly logger = new Logger('BearerAuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<ApiRequest>();
    try {
      request.actor = await this.authenticator.authenticate(request.headers.authorization);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      if (error.status === 503) {
        this.logger.warn(`${error.message} (${error.logDetail ?? 'no detail'})`);
        throw new ApiError(503, 'service_unavailable', error.message);
      }
      throw new ApiError(401, 'unauthorized', error.message);
    }
    return true;
  }
}
