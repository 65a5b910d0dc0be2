import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ApiError, forbidden } from '../errors/api-error';
import type { ApiRequest } from '../auth/http-request';

/** The role allowed to see (and write) plaintext payloads through the codec endpoint. */
export const processAdminRole = 'process-admin';

/** After the bearer guard: the caller must hold the role process-admin, else 403 naming it. */
@Injectable()
export class ProcessAdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const actor = context.switchToHttp().getRequest<ApiRequest>().actor;
    if (!actor) throw new ApiError(401, 'unauthorized', 'Authentication required');
    if (!actor.roles.includes(processAdminRole)) {
      throw forbidden(`The codec endpoint decrypts process data: it needs the role ${processAdminRole}, which ${actor.id} does not hold`);
    }
    return true;
  }
}
