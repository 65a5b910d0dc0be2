import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { ApiRequest } from '../auth/http-request';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { ApiError } from '../errors/api-error';

const mutatingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The request fields the limit reads (Express's request, annotated by the bearer guard). */
type LimitedRequest = ApiRequest & { method: string; originalUrl?: string; url: string; ip?: string };

/** Whether a request spends the caller's budget: a change (POST, PUT, PATCH, DELETE) under /v1. */
export function isRateLimited(method: string, url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return mutatingMethods.has(method.toUpperCase()) && (path === '/v1' || path.startsWith('/v1/'));
}

/**
 * Limits the changes one caller makes per minute (ORDO_API_RATE_LIMIT_PER_MINUTE; 0 = off). Runs after the bearer
 * guard, so the budget is the authenticated actor's, shared by every route; a request without an actor spends its
 * IP's. Reads, health, metrics and docs are never limited. A refused request answers 429 with `Retry-After`
 * (seconds) in the API's error shape, before any handler runs: it starts or changes nothing.
 */
@Injectable()
export class ActorRateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storageService: ThrottlerStorage,
    reflector: Reflector,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    super(options, storageService, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (this.config.rateLimitPerMinute <= 0 || context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<LimitedRequest>();
    return !isRateLimited(request.method, request.originalUrl ?? request.url);
  }

  protected override async getTracker(request: LimitedRequest): Promise<string> {
    const { actor, ip } = request;
    return actor ? `actor:${actor.id}` : `ip:${await super.getTracker({ ip: ip ?? 'unknown' })}`;
  }

  /** One budget per caller across all routes (the default key would give each route its own). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new ApiError(
      429,
      'too_many_requests',
      `Rate limit exceeded: at most ${detail.limit} changes per minute per caller; retry after ${detail.timeToBlockExpire} s`,
    );
  }
}
