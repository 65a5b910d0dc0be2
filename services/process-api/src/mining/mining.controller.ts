import { Controller, Get, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ProcessDefinition } from '@ordo/workflows';
import { KnownProcessGuard, TargetProcess } from '../catalog/known-process.guard';
import { ApiAnswer, ApiAnswerOrFile } from '../openapi/answers';
import { ApiZodQuery } from '../openapi/query-parameters';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import type { ConformanceReport } from './analysis/conformance';
import { eventLogCsvColumns } from './export/event-log-csv';
import type { OcelLog } from './export/event-log-ocel';
import { MiningAnalysisService } from './mining-analysis.service';
import { MiningReaderGuard } from './mining-reader.guard';
import { type AnalysisQuery, analysisQuerySchema, type EventLogQuery, eventLogQuerySchema } from './mining.schemas';
import type { ActivityBottleneck, DirectlyFollowsGraph, VersionSummary } from './store/mining-analyses';

/** The words of the case window's parameters, which every analysis takes. */
export const windowDescriptions = {
  version: 'Only instances of this process version',
  from: 'Only instances started at or after (ISO 8601)',
  to: 'Only instances started at or before (ISO 8601)',
} as const;

function windowed(): MethodDecorator {
  return (target, key, descriptor) => {
    ApiResponse({ status: 400, description: 'A bad `version`, `from`, `to` or `format`; `details` names it' })(
      target,
      key,
      descriptor,
    );
  };
}

const mediaTypes = { xes: 'application/xml', csv: 'text/csv' } as const;

@ApiTags('process intelligence')
@ApiBearerAuth()
@ApiParam({ name: 'process', description: 'Catalog process name, e.g. order-to-cash' })
@ApiResponse({ status: 401, description: 'Missing or invalid bearer token' })
@ApiForbiddenResponse({ description: 'Not a process analyst, an auditor or an owner of the process' })
@Controller('v1/mining/:process')
@UseGuards(KnownProcessGuard, MiningReaderGuard)
export class MiningController {
  constructor(private readonly analysis: MiningAnalysisService) {}

  @Get('event-log')
  @ApiOperation({
    summary: 'The event log of the process, as the extractor stored it from Temporal histories',
    description:
      'XES (IEEE 1849): a trace per instance (`concept:name` = business key), events with `concept:name`, `time:timestamp`, ' +
      '`lifecycle:transition` (start/complete), `org:resource`. CSV: a header row ' +
      `\`${eventLogCsvColumns.join(',')}\`. OCEL 2.0 JSON: completed activities related to the objects order, invoice, ` +
      'shipment, payment, task, customer…',
  })
  @ApiZodQuery(eventLogQuerySchema, { ...windowDescriptions, format: 'csv (default), xes or ocel' })
  @windowed()
  @ApiAnswerOrFile(
    'OcelLog',
    { 'text/csv': 'text', 'application/xml': 'text' },
    { description: 'The event log: CSV, XES (application/xml) or OCEL 2.0 JSON' },
  )
  async eventLog(
    @TargetProcess() definition: ProcessDefinition,
    @Query(new ZodValidationPipe(eventLogQuerySchema)) query: EventLogQuery,
  ): Promise<StreamableFile | OcelLog> {
    const exported = await this.analysis.eventLog(definition, query, query.format);
    if (exported.format === 'ocel') return exported.body;
    return new StreamableFile(Buffer.from(exported.body, 'utf8'), {
      type: `${mediaTypes[exported.format]}; charset=utf-8`,
      disposition: `attachment; filename="${definition.name}-event-log.${exported.format}"`,
    });
  }

  @Get('dfg')
  @ApiOperation({
    summary: 'Directly-follows graph over completed activity instances ordered by completion time',
    description:
      "As PM4Py's discover_dfg / discover_performance_dfg compute it on the exported log filtered to complete events: " +
      'activity counts, edges with counts and durations complete(A) → complete(B) in seconds (mean, median, p95), ' +
      'start and end activities, variants.',
  })
  @ApiZodQuery(analysisQuerySchema, windowDescriptions)
  @windowed()
  @ApiAnswer('DirectlyFollowsGraph', { description: 'Activities, edges with counts and durations, variants' })
  directlyFollows(
    @TargetProcess() definition: ProcessDefinition,
    @Query(new ZodValidationPipe(analysisQuerySchema)) query: AnalysisQuery,
  ): Promise<DirectlyFollowsGraph> {
    return this.analysis.directlyFollows(definition, query);
  }

  @Get('bottlenecks')
  @ApiOperation({
    summary:
      'Where the time goes: per activity (human tasks per role) waiting and working time, ranked by total waiting',
    description:
      'Waiting: an activity from scheduled to started (retries included), a task from created to first action. ' +
      'Working: started to completed. p50, p95, mean and total in seconds; share of the summed cycle time.',
  })
  @ApiZodQuery(analysisQuerySchema, windowDescriptions)
  @windowed()
  @ApiAnswer('BottleneckReport', { description: 'Per activity (and role) waiting and working time' })
  async bottlenecks(
    @TargetProcess() definition: ProcessDefinition,
    @Query(new ZodValidationPipe(analysisQuerySchema)) query: AnalysisQuery,
  ): Promise<{ activities: ActivityBottleneck[] }> {
    return { activities: await this.analysis.bottlenecks(definition, query) };
  }

  @Get('conformance')
  @ApiOperation({
    summary: "Conformance to the contract's designed model and rules: fitting share and every violating instance",
    description:
      'The model: closed instances replayed on its allowed directly-follows transitions, start and end activities. ' +
      'Each rule (e.g. above 10,000 a cfo approves; no shipment before approval; no approver is the requester; levels ' +
      'decided in order): the instances it applies to, those that fit, and per violation the business key, what happened ' +
      'and when.',
  })
  @ApiResponse({ status: 404, description: 'Unknown process, or one that declares no designed model' })
  @ApiZodQuery(analysisQuerySchema, windowDescriptions)
  @windowed()
  @ApiAnswer('ConformanceReport', { description: 'The model check and each rule: fitting share and violations' })
  conformance(
    @TargetProcess() definition: ProcessDefinition,
    @Query(new ZodValidationPipe(analysisQuerySchema)) query: AnalysisQuery,
  ): Promise<ConformanceReport> {
    return this.analysis.conformance(definition, query);
  }

  @Get('versions')
  @ApiOperation({
    summary: 'Per process version: instances, outcome mix, cycle time p50/p95, SLA breach rate, variants',
  })
  @ApiZodQuery(analysisQuerySchema, windowDescriptions)
  @windowed()
  @ApiAnswer('VersionReport', { description: "The catalog's SLA target and a summary per version" })
  async versions(
    @TargetProcess() definition: ProcessDefinition,
    @Query(new ZodValidationPipe(analysisQuerySchema)) query: AnalysisQuery,
  ): Promise<{ slaTarget: string; versions: VersionSummary[] }> {
    return { slaTarget: definition.sla.completionTarget, versions: await this.analysis.versions(definition, query) };
  }
}
