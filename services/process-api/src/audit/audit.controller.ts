import { Controller, Get, Headers, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiAnswerOrFile } from '../openapi/answers';
import { ApiZodQuery } from '../openapi/query-parameters';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { auditCsv, auditCsvColumns } from './audit-csv';
import { type AuditPage, type AuditQuery, auditQuerySchema } from './audit.schemas';
import { AuditService, maxAuditedInstances } from './audit.service';
import { AuditorGuard, auditorRole } from './auditor.guard';

/** The CSV export when `format=csv`, or when no format is named and the client accepts text/csv. */
function wantsCsv(query: AuditQuery, accept: string | undefined): boolean {
  if (query.format !== undefined) return query.format === 'csv';
  return /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept ?? '');
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
@UseGuards(AuditorGuard)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary: `Every human action (task claim, release, assign, complete; cancel; events sent through the API), read from Temporal histories (role ${auditorRole})`,
    description:
      'Who (actor id and roles), what (action, process, business key, task, decision, event, assignee), when (ISO 8601 UTC), ' +
      'the comment or reason and the outcome (`accepted`, or `failed` when the workflow accepted the action and its handler failed), ' +
      `oldest first. Reads at most ${maxAuditedInstances} instances overlapping the window, the most recent first; ` +
      '`partial: true` when there were more, or a history could not be read. Refused attempts are not in histories: they are ' +
      'logged as `security.refused`.',
  })
  @ApiZodQuery(auditQuerySchema, {
    process: 'Only this catalog process (default: all)',
    actor: 'Only actions by this actor id',
    from: 'Only actions at or after this ISO 8601 date-time',
    to: 'Only actions at or before this ISO 8601 date-time',
    format: 'json (default) or csv; `Accept: text/csv` asks for csv too',
  })
  @ApiAnswerOrFile(
    'AuditPage',
    { 'text/csv': 'text' },
    {
      description:
        'The audited actions, oldest first; ' +
        `as CSV: a header row \`${auditCsvColumns.join(',')}\` then one row per action (roles separated by spaces)`,
    },
  )
  @ApiResponse({
    status: 400,
    description: 'A bad filter (`from`, `to`, `actor`, `process`, `format`); `details` names it',
  })
  @ApiResponse({ status: 401, description: 'Missing or invalid bearer token' })
  @ApiForbiddenResponse({ description: `The caller lacks the role ${auditorRole}` })
  async list(
    @Query(new ZodValidationPipe(auditQuerySchema)) query: AuditQuery,
    @Headers('accept') accept: string | undefined,
  ): Promise<AuditPage | StreamableFile> {
    const page = await this.audit.audit(query);
    if (!wantsCsv(query, accept)) return page;
    return new StreamableFile(Buffer.from(auditCsv(page.items), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="ordo-audit.csv"`,
    });
  }
}
