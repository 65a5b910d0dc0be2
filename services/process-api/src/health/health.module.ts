import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuthenticatorModule } from '../auth/authenticator.module';
import { HealthController } from './health.controller';
import { TemporalHealthIndicator } from './temporal.health';

@Module({
  // The controller reports what is down in its 503 body; terminus's own error log would repeat it.
  // AuthenticatorModule: a valid token unlocks the checks' details.
  imports: [TerminusModule.forRoot({ logger: false }), AuthenticatorModule],
  controllers: [HealthController],
  providers: [TemporalHealthIndicator],
})
export class HealthModule {}
