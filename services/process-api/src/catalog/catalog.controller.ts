import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../openapi/answers';
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
  @ApiAnswer('ProcessCatalog', { description: 'Every process of the catalog' })
  list(): { items: ProcessDescription[] } {
    return { items: this.catalog.describeAll() };
  }
}
