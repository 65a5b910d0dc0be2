import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, reportScheduleIds } from '@ordo/workflows';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiAnswer, ApiFileAnswer } from '../openapi/answers';
import { ApiZodQuery } from '../openapi/query-parameters';
import { ApiZodBody } from '../openapi/request-bodies';
import { requestJsonSchema } from '../openapi/zod-json-schema';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { reportReaderRoles, reportOperatorRoles } from './report-access';
import {
  type DocumentQuery,
  documentQuerySchema,
  type ListQuery,
  listQuerySchema,
  type PauseRequest,
  pauseRequestSchema,
  reportIdSchema,
  type RunRequest,
  runRequestSchema,
} from './reports.schemas';
import { type ReportScheduleView, ReportsService, type ReportView, type RunAnswer } from './reports.service';

const schedules = Object.values(reportScheduleIds);
const contentTypes = { pdf: 'application/pdf', csv: 'text/csv; charset=utf-8' } as const;
const scheduleParam = ApiParam({ name: 'schedule', enum: schedules, description: 'The report Schedule' });
const who =
  `Readers: ar-aging ${reportReaderRoles['ar-aging'].join(', ')}; sla ${reportReaderRoles.sla.join(', ')}. ` +
  `Operators (run, pause): ar-aging ${reportOperatorRoles['ar-aging'].join(', ')}; sla ${reportOperatorRoles.sla.join(', ')}.`;

@ApiTags('reports')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid bearer token' })
@ApiForbiddenResponse({ description: `Not a reader (or operator) of the report. ${who}` })
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @ApiOperation({
    summary: 'The stored scheduled reports the caller may read, newest report date first',
    description: `Each with its \`documents\` (PDF and CSV downloads). ${who}`,
  })
  @ApiZodQuery(listQuerySchema, {
    schedule: `Only the reports of this Schedule (${schedules.join(', ')})`,
    limit: 'At most this many (1–500, default 100)',
  })
  @ApiAnswer('ReportList', { description: 'The stored reports, each with its downloads' })
  @ApiResponse({ status: 400, description: 'A bad `schedule` or `limit`; `details` names it' })
  @ApiNotFoundResponse({ description: 'No such report Schedule' })
  async list(
    @Query(new ZodValidationPipe(listQuerySchema)) query: ListQuery,
    @CurrentActor() actor: Actor,
  ): Promise<{ reports: ReportView[] }> {
    return { reports: await this.reports.list(actor, query) };
  }

  @Get('schedules')
  @ApiOperation({ summary: 'The report Schedules the caller may read: paused or not (and why), next and last run' })
  @ApiAnswer('ReportScheduleList', { description: 'The report Schedules the caller may read' })
  async schedules(@CurrentActor() actor: Actor): Promise<{ schedules: ReportScheduleView[] }> {
    return { schedules: await this.reports.schedules(actor) };
  }

  @Get(':id/document')
  @ApiOperation({ summary: 'A stored report as PDF or CSV, with the same right as the listing' })
  @ApiParam({ name: 'id', description: 'The `reportId` of a listed report' })
  @ApiZodQuery(documentQuerySchema)
  @ApiFileAnswer(
    { 'application/pdf': 'binary', 'text/csv': 'text' },
    { description: 'The report in the format asked for' },
  )
  @ApiResponse({ status: 400, description: 'A bad `id` or `format`; `details` names it' })
  @ApiNotFoundResponse({ description: 'No such report' })
  async document(
    @Param('id', new ZodValidationPipe(reportIdSchema)) id: string,
    @Query(new ZodValidationPipe(documentQuerySchema)) query: DocumentQuery,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const { content } = await this.reports.document(actor, id, query.format);
    return new StreamableFile(content, {
      type: contentTypes[query.format],
      disposition: `inline; filename="${id.replace(/[^A-Za-z0-9._-]/g, '_')}.${query.format}"`,
      length: content.length,
    });
  }

  @Post(':schedule/run')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run a report now: the Schedule is triggered (or, with `asOf`, the report is made as of that instant)',
    description:
      'Without a body the Schedule runs its action at once, as it would at its time; the report is listed once ' +
      'stored and mailed. With `asOf` the report describes that instant instead, under the id `<schedule>-as-of-<asOf>` ' +
      '(asking again for the same instant answers with the same report).',
  })
  @scheduleParam
  @ApiBody({ schema: requestJsonSchema(runRequestSchema, 'openapi-3.0') as object, required: false })
  @ApiAnswer('RunAnswer', { status: 202, description: 'Triggered (`reportId` null for a trigger of the Schedule)' })
  @ApiResponse({ status: 400, description: 'A bad `asOf`; `details` names it' })
  @ApiNotFoundResponse({ description: 'No such report Schedule (or not created yet)' })
  async run(
    @Param('schedule') schedule: string,
    @Body(new ZodValidationPipe(runRequestSchema.optional())) body: RunRequest | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RunAnswer> {
    return this.reports.run(actor, schedule, body ?? {});
  }

  @Post(':schedule/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause a report Schedule, saying why (visible in the Temporal UI as its note)' })
  @scheduleParam
  @ApiZodBody(pauseRequestSchema)
  @ApiAnswer('ReportScheduleView', { description: 'The Schedule, as it is now' })
  @ApiResponse({ status: 400, description: 'No `reason`; `details` names it' })
  @ApiNotFoundResponse({ description: 'No such report Schedule' })
  async pause(
    @Param('schedule') schedule: string,
    @Body(new ZodValidationPipe(pauseRequestSchema)) body: PauseRequest,
    @CurrentActor() actor: Actor,
  ): Promise<ReportScheduleView> {
    return this.reports.pause(actor, schedule, body.reason);
  }

  @Post(':schedule/unpause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unpause a report Schedule, saying why' })
  @scheduleParam
  @ApiZodBody(pauseRequestSchema)
  @ApiAnswer('ReportScheduleView', { description: 'The Schedule, as it is now' })
  @ApiResponse({ status: 400, description: 'No `reason`; `details` names it' })
  @ApiNotFoundResponse({ description: 'No such report Schedule' })
  async unpause(
    @Param('schedule') schedule: string,
    @Body(new ZodValidationPipe(pauseRequestSchema)) body: PauseRequest,
    @CurrentActor() actor: Actor,
  ): Promise<ReportScheduleView> {
    return this.reports.unpause(actor, schedule, body.reason);
  }
}
