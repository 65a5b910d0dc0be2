import type { Actor } from '@ordo/workflows';
import { routeTemplateOf } from '../metrics/http-metrics.middleware';

/** The request as a refusal log reads it: the actor the bearer guard put on it (absent before authentication). */
export interface RefusedRequest {
  method?: string;
  route?: { path?: unknown };
  actor?: Actor;
}

/** The structured log line of a refused attempt (401, 403): what security monitoring counts and alerts on. */
export interface SecurityRefusal {
  event: 'security.refused';
  status: number;
  code: string;
  /** The authenticated actor's id; null when authentication itself failed. Never the token. */
  actor: string | null;
  roles: string[];
  method: string;
  /** The route template, never the raw URL (it carries business keys). */
  route: string;
  message: string;
}

export function isSecurityRefusal(status: number): boolean {
  return status === 401 || status === 403;
}

export function securityRefusal(
  request: RefusedRequest,
  status: number,
  code: string,
  message: string,
): SecurityRefusal {
  return {
    event: 'security.refused',
    status,
    code,
    actor: request.actor?.id ?? null,
    roles: [...(request.actor?.roles ?? [])],
    method: request.method ?? 'UNKNOWN',
    route: routeTemplateOf(request),
    message,
  };
}
