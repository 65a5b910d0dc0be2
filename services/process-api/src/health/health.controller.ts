import { Controller, Get, Headers } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  type HealthCheckResult,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../openapi/answers';
import { AuthenticationError } from '../auth/authentication-error';
import { Authenticator } from '../auth/authenticator.service';
import { Public } from '../auth/public.decorator';
import { ApiError } from '../errors/api-error';
import { TemporalHealthIndicator } from './temporal.health';

/** Still never cached; documented by `@ApiAnswer` (terminus's own schema would replace the HealthReport one). */
const ourOwnSwaggerDocumentation = { noCache: true, swaggerDocumentation: false };

const detailNote =
  "Without a token the answer gives each check's status only; with a valid bearer token it adds what the checks saw " +
  '(Temporal address, namespace, server version, error messages).';

/**
 * Public, for probes and load balancers. What a check saw (addresses, versions, error messages) helps an attacker
 * more than a probe, so it is shown only to a caller with a valid bearer token; everyone else gets statuses.
 */
@ApiTags('health')
@ApiResponse({ status: 503, description: 'A check is down: `details` names each one down' })
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly temporal: TemporalHealthIndicator,
    private readonly authenticator: Authenticator,
  ) {}

  @Get()
  @ApiAnswer('HealthReport', { description: 'Each check up' })
  @HealthCheck(ourOwnSwaggerDocumentation)
  @ApiOperation({ summary: 'Overall health: the API is up and Temporal is reachable', description: detailNote })
  check(@Headers('authorization') authorization?: string): Promise<HealthCheckResult> {
    return this.run([() => this.temporal.isReachable()], authorization);
  }

  @Get('live')
  @ApiAnswer('HealthReport', { description: 'Each check up' })
  @HealthCheck(ourOwnSwaggerDocumentation)
  @ApiOperation({ summary: 'Liveness: the process is up (no dependency is checked)', description: detailNote })
  live(@Headers('authorization') authorization?: string): Promise<HealthCheckResult> {
    return this.run([], authorization);
  }

  @Get('ready')
  @ApiAnswer('HealthReport', { description: 'Each check up' })
  @HealthCheck(ourOwnSwaggerDocumentation)
  @ApiOperation({ summary: 'Readiness: Temporal is reachable, so requests can be served', description: detailNote })
  ready(@Headers('authorization') authorization?: string): Promise<HealthCheckResult> {
    return this.run([() => this.temporal.isReachable()], authorization);
  }

  /** Terminus answers 503 with its own body; restate it in the API's error shape, naming what is down. */
  private async run(
    indicators: HealthIndicatorFunction[],
    authorization: string | undefined,
  ): Promise<HealthCheckResult> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check(indicators);
    } catch (error) {
      const failed = (error as { getResponse?: () => unknown }).getResponse?.() as HealthCheckResult | undefined;
      if (!failed?.error) throw error;
      const detailed = await this.isAuthenticated(authorization);
      const down = Object.entries(failed.error).map(([path, state]) => ({
        path,
        message: detailed && typeof state?.message === 'string' ? state.message : 'down',
      }));
      throw new ApiError(503, 'unhealthy', `Unhealthy: ${down.map((entry) => entry.path).join(', ')} down`, down);
    }
    return (await this.isAuthenticated(authorization)) ? result : statusesOnly(result);
  }

  /** A valid bearer token of any actor; a missing or bad one (or an unreachable issuer) just means no details. */
  private async isAuthenticated(authorization: string | undefined): Promise<boolean> {
    if (authorization === undefined) return false;
    try {
      await this.authenticator.authenticate(authorization);
      return true;
    } catch (error) {
      if (error instanceof AuthenticationError) return false;
      throw error;
    }
  }
}

type Checks = HealthCheckResult['details'];

function onlyStatus(checks: Partial<Checks>): Checks {
  return Object.fromEntries(
    Object.entries(checks).flatMap(([key, state]) => (state ? [[key, { status: state.status }]] : [])),
  ) as Checks;
}

/** The result with each check reduced to its status (terminus's shape kept: status, info, error, details). */
export function statusesOnly(result: HealthCheckResult): HealthCheckResult {
  return {
    status: result.status,
    ...(result.info && { info: onlyStatus(result.info) }),
    ...(result.error && { error: onlyStatus(result.error) }),
    details: onlyStatus(result.details),
  };
}
