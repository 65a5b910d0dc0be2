import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { ApiRequest } from '../auth/http-request';
import { ApiError, forbidden } from '../errors/api-error';

/** The role that reads the audit of human actions. */
export const auditorRole = 'auditor';

/** After the bearer guard: the caller must hold the role auditor, else 403 naming it. */
@Injectable()
export class AuditorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const actor = context.switchToHttp().getRequest<ApiRequest>().actor;
    if (!actor) throw new ApiError(401, 'unauthorized', 'Authentication required');
    if (!actor.roles.includes(auditorRole)) {
      throw forbidden(`The audit of human actions needs the role ${auditorRole}, which ${actor.id} does not hold`);
    }
    return true;
  }
}
