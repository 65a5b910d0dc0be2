import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Overview } from '@ordo/api-views';
import type { Actor } from '@ordo/workflows';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiAnswer } from '../openapi/answers';
import { OverviewService } from './overview.service';

@ApiTags('overview')
@ApiBearerAuth()
@Controller('v1/overview')
export class OverviewController {
  constructor(private readonly overviews: OverviewService) {}

  @Get()
  @ApiOperation({
    summary:
      'Per process the caller oversees: in flight, completed today, past the SLA, overdue tasks, cycle time, value',
    description:
      'Rows for the processes whose analyses the caller reads (roles process-analyst, auditor, or the process’s owner ' +
      'team); others get an empty list. Counts from visibility at the time of the request; overdue tasks from the ' +
      'inbox index; cycle time and SLA breach rate of the catalog’s version from process intelligence; the value in ' +
      'flight from the last refresh of the visibility gauges (`valuesAsOf`); a Grafana link when ORDO_GRAFANA_URL is set.',
  })
  @ApiAnswer('Overview', { description: 'One row per process the caller oversees' })
  @ApiResponse({ status: 401, description: 'Missing or invalid bearer token' })
  overview(@CurrentActor() actor: Actor): Promise<Overview> {
    return this.overviews.overview(actor);
  }
}
