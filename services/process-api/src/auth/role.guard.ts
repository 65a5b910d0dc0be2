import { type CanActivate, type ExecutionContext, Injectable, mixin, type Type } from '@nestjs/common';
import { ApiError, forbidden } from '../errors/api-error';
import type { ApiRequest } from './http-request';

/** A guard for routes one role may use (after the bearer guard): 403 naming the role for everyone else. */
export function roleGuard(role: string, what: string): Type<CanActivate> {
  @Injectable()
  class RoleGuard implements CanActivate {
    canActivate(context: ExecutionContext): boolean {
      const actor = context.switchToHttp().getRequest<ApiRequest>().actor;
      if (!actor) throw new ApiError(401, 'unauthorized', 'Authentication required');
      if (!actor.roles.includes(role))
        throw forbidden(`${what} needs the role ${role}, which ${actor.id} does not hold`);
      return true;
    }
  }
  return mixin(RoleGuard);
}
