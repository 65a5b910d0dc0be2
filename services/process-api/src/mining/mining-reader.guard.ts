import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { oversightRoles, type ProcessDefinition } from '@ordo/workflows';
import type { ApiRequest } from '../auth/http-request';
import { ApiError, forbidden } from '../errors/api-error';

/**
 * Who reads a process's event log and analyses: the analysts and auditors (who read every process, decision 13) and
 * the process's owners, i.e. holders of the role named like its `ownerTeam`. Everyone else is refused, even those who
 * read single instances: the log holds every instance's actors, amounts and customers.
 */
export function miningReaderRoles(definition: ProcessDefinition): string[] {
  return [...oversightRoles, definition.ownerTeam];
}

/** After `KnownProcessGuard`, which resolved the `:process` parameter. */
@Injectable()
export class MiningReaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const { actor, processDefinition } = request;
    if (!actor) throw new ApiError(401, 'unauthorized', 'Authentication required');
    if (!processDefinition) throw new Error('MiningReaderGuard used without KnownProcessGuard');
    const roles = miningReaderRoles(processDefinition);
    if (!actor.roles.some((role) => roles.includes(role)))
      throw forbidden(`Process intelligence of ${processDefinition.name} needs one of the roles ${roles.join(', ')}`, [
        { path: 'authorization', message: `${actor.id} (roles ${actor.roles.join(', ') || 'none'}) may not read it` },
      ]);
    return true;
  }
}
