import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@ordo/workflows';
import { ApiError } from '../errors/api-error';
import type { ApiRequest } from './http-request';

/** The authenticated caller of this request, as established by the bearer guard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<ApiRequest>().actor;
  // Only reachable if a handler using this decorator were marked @Public.
  if (!actor) throw new ApiError(401, 'unauthorized', 'Authentication required');
  return actor;
});
