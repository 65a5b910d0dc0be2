import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import type { ProcessDefinition } from '@ordo/workflows';
import type { ApiRequest } from '../auth/http-request';
import { ProcessCatalogService } from './process-catalog.service';

/**
 * Resolves the `:process` route parameter against the catalog before any body is validated,
 * so an unknown process is a 404 whatever the body holds.
 */
@Injectable()
export class KnownProcessGuard implements CanActivate {
  constructor(private readonly catalog: ProcessCatalogService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ApiRequest>();
    request.processDefinition = this.catalog.get(request.params.process ?? '');
    return true;
  }
}

/** The catalog entry named by the route's `:process`, resolved by KnownProcessGuard. */
export const TargetProcess = createParamDecorator((_: unknown, context: ExecutionContext): ProcessDefinition => {
  const definition = context.switchToHttp().getRequest<ApiRequest>().processDefinition;
  if (!definition) throw new Error('TargetProcess used on a route without KnownProcessGuard');
  return definition;
});
