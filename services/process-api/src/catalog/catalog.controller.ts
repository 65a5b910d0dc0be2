import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ProcessDescription, ProcessCatalogService } from './process-catalog.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('v1/processes')
export class CatalogController {
  constructor(private readonly catalog: ProcessCatalogService) {}

  @Get()
  @ApiOperation({
    summary:
      'The process catalog: owner, version, SLA, input and event schemas, task types, decision tables with versions',
  })
  @ApiOkResponse({ description: '`{items: ProcessDescription[]}`' })
  list(): { items: ProcessDescription[] } {
    return { items: this.catalog.describeAll() };
  }
}
