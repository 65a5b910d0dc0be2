import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { ProcessDefinition } from '@ordo/workflows';
import { KnownProcessGuard, TargetProcess } from '../catalog/known-process.guard';
import { ApiAnswer } from '../openapi/answers';
import { ApiZodQuery } from '../openapi/query-parameters';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import {
  type DmnAnswer,
  type InsightsAnswer,
  MiningInsightsService,
  type WhatIfResponse,
} from './mining-insights.service';
import { windowDescriptions } from './mining.controller';
import { MiningReaderGuard } from './mining-reader.guard';
import {
  defaultWhatIfInstances,
  type DmnImportBody,
  dmnImportBodySchema,
  type InsightsQuery,
  insightsQuerySchema,
  type WhatIfBody,
  whatIfBodySchema,
} from './mining.schemas';

const tableBodyDoc = {
  schema: {
    type: 'object',
    properties: {
      table: { type: 'object', description: 'A candidate decision table in Ordo format (as the committed JSON files)' },
      dmn: { type: 'string', description: 'Or a DMN 1.3 XML document holding the decision table' },
      decision: { type: 'string', description: 'With dmn: the decision id to use (default: the table name)' },
      last: { type: 'integer', minimum: 1, default: defaultWhatIfInstances, description: 'Newest instances evaluated' },
    },
  },
};

@ApiTags('process intelligence')
@ApiBearerAuth()
@ApiParam({ name: 'process', description: 'Catalog process name, e.g. order-to-cash' })
@ApiResponse({ status: 401, description: 'Missing or invalid bearer token' })
@ApiForbiddenResponse({ description: 'Not a process analyst, an auditor or an owner of the process' })
@Controller('v1/mining/:process')
@UseGuards(KnownProcessGuard, MiningReaderGuard)
export class MiningInsightsController {
  constructor(private readonly insightsService: MiningInsightsService) {}

  @Get('insights')
  @ApiOperation({
    summary: 'Root causes: attribute values over-represented among slow, rejected, cancelled or SLA-breaching cases',
    description:
      'Per attribute value a case carries (customer, amount band, currency, requester, decision rule fired, task role, ' +
      'version): support, lift, Fisher’s exact test (one-sided, greater) against the other cases and the ' +
      'Benjamini–Hochberg adjusted p-value over every value tested; over-represented values only, ranked. slow = cycle ' +
      'time above the p90 of closed cases (or `slowerThan`), at most the catalog SLA target.',
  })
  @ApiZodQuery(insightsQuerySchema, {
    ...windowDescriptions,
    slowerThan: 'slow: this threshold (ISO 8601 duration)',
  })
  @ApiResponse({
    status: 400,
    description: 'A bad `target`, `slowerThan`, `version`, `from` or `to`; `details` names it',
  })
  @ApiAnswer('InsightsAnswer', { description: 'What the target means here, then the over-represented values, ranked' })
  insights(
    @TargetProcess() definition: ProcessDefinition,
    @Query(new ZodValidationPipe(insightsQuerySchema)) query: InsightsQuery,
  ): Promise<InsightsAnswer> {
    return this.insightsService.insights(definition, query);
  }

  @Post('what-if')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A candidate routing table on the recorded inputs of the last N instances: what would route differently',
    description:
      'The candidate (Ordo table format or DMN 1.3) is checked like a committed table (shape, hit policy, UNIQUE ' +
      'overlaps, the code’s signature). Answers per route the instances before and after, the tasks and hours per ' +
      'role (hours = tasks × the role’s mean measured working time), and every instance that changes. Changes nothing.',
  })
  @ApiBody(tableBodyDoc)
  @ApiResponse({ status: 400, description: 'A bad table or DMN document; `details` names the field' })
  @ApiResponse({ status: 404, description: 'Unknown process, or one without a routing table bound to its log' })
  @ApiAnswer('WhatIfResponse', { description: 'Routes, workload and changed instances, before and after' })
  whatIf(
    @TargetProcess() definition: ProcessDefinition,
    @Body(new ZodValidationPipe(whatIfBodySchema)) body: WhatIfBody,
  ): Promise<WhatIfResponse> {
    return this.insightsService.whatIf(definition, body);
  }

  @Post('decision-tables/import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A DMN 1.3 decision table converted to Ordo’s table format, checked like a committed table',
    description: 'The answer’s `table` can be committed as the next version of the process’s table file.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['dmn'],
      properties: {
        dmn: { type: 'string', description: 'DMN 1.3 XML' },
        decision: { type: 'string', description: 'The decision id to convert (default: the table name)' },
        version: { type: 'string', description: 'Version of the converted table (default: the committed one + 1)' },
      },
    },
  })
  @ApiResponse({ status: 400, description: 'A bad DMN document or table; `details` names the field' })
  @ApiAnswer('DmnAnswer', { description: 'The table in Ordo’s format, ready to commit as its next version' })
  importDmn(
    @TargetProcess() definition: ProcessDefinition,
    @Body(new ZodValidationPipe(dmnImportBodySchema)) body: DmnImportBody,
  ): Promise<DmnAnswer> {
    return this.insightsService.importDmn(definition, body);
  }
}
