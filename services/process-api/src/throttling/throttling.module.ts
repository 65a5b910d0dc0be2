import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { ActorRateLimitGuard } from './actor-rate-limit.guard';

const minuteMs = 60_000;

/**
 * The per-actor limit on changes (see ActorRateLimitGuard). Imported after AuthModule: global guards run in
 * registration order, so the actor is known when the budget is counted. Counts live in memory, per replica.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => ({
        // A sliding minute (blockDuration 0): a refused request is not counted, and Retry-After is the time until the
        // oldest counted request leaves the window. With no limit the guard skips every request; the throttler still
        // needs a well-formed entry.
        throttlers: [
          { name: 'default', ttl: minuteMs, blockDuration: 0, limit: Math.max(config.rateLimitPerMinute, 1) },
        ],
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: ActorRateLimitGuard }],
})
export class ThrottlingModule {}
