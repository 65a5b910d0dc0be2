import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { ApiError } from '../errors/api-error';
import { TemporalHealthIndicator } from './temporal.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly temporal: TemporalHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Overall health: the API is up and Temporal is reachable' })
  check(): Promise<HealthCheckResult> {
    return this.run([() => this.temporal.isReachable()]);
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process is up (no dependency is checked)' })
  live(): Promise<HealthCheckResult> {
    return this.run([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: Temporal is reachable, so requests can be served' })
  ready(): Promise<HealthCheckResult> {
    return this.run([() => this.temporal.isReachable()]);
  }

  /** Terminus answers 503 with its own body; restate it in the API's error shape, naming what is down. */
  private async run(indicators: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(indicators);
    } catch (error) {
      const result = (error as { getResponse?: () => unknown }).getResponse?.() as HealthCheckResult | undefined;
      if (!result?.error) throw error;
      const down = Object.entries(result.error).map(([path, state]) => ({
        path,
        message: typeof state?.message === 'string' ? state.message : 'down',
      }));
      throw new ApiError(503, 'unhealthy', `Unhealthy: ${down.map((entry) => entry.path).join(', ')} down`, down);
    }
  }
}
