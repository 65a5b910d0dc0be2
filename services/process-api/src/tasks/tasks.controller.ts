import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ordo/workflows';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiAnswer } from '../openapi/answers';
import { ApiZodQuery } from '../openapi/query-parameters';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { TaskInboxService } from './task-inbox.service';
import { type Inbox, type InboxQuery, inboxQuerySchema } from './tasks.schemas';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1/tasks')
export class TasksController {
  constructor(private readonly inbox: TaskInboxService) {}

  @Get()
  @ApiOperation({ summary: 'Open tasks the caller may act on across all processes, earliest due first, paged' })
  @ApiZodQuery(inboxQuerySchema, {
    role: 'Only tasks for this role (must be one of yours)',
    assignee: 'Only tasks assigned to this person (must be you)',
    process: 'Only tasks of this catalog process',
    overdue: 'Only tasks past (true) or within (false) their due time',
    dueBefore: 'Only tasks due before this ISO 8601 date-time',
    pageSize: '1-100, default 20',
    pageToken: 'The `nextPageToken` of the previous page (same filters)',
  })
  @ApiAnswer('Inbox', { description: 'Open tasks with where they live (each task without its audit)' })
  @ApiResponse({ status: 400, description: 'A bad filter; `details` names the parameter' })
  @ApiResponse({ status: 403, description: '`role` is not one of your roles, or `assignee` is not you' })
  list(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(inboxQuerySchema)) query: InboxQuery,
  ): Promise<Inbox> {
    return this.inbox.inbox(actor, query);
  }
}
