import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Authenticator } from '../auth/authenticator.service';
import { HealthController } from './health.controller';
import { TemporalHealthIndicator } from './temporal.health';

@Module({
  // The controller reports what is down in its 503 body; terminus's own error log would repeat it.
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  // Its own Authenticator (AuthModule keeps its instance to itself): a valid token unlocks the checks' details.
  providers: [TemporalHealthIndicator, Authenticator],
})
export class HealthModule {}
