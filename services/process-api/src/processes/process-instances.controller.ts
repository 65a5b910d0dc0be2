import { Body, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse } from '@nestjs/swagger';
import type { Actor, ProcessDefinition } from '@ordo/workflows';
import { z } from 'zod';
import { CurrentActor } from '../auth/current-actor.decorator';
import { TargetProcess } from '../catalog/known-process.guard';
import { ApiAnswer, ApiFileAnswer } from '../openapi/answers';
import { ApiZodQuery } from '../openapi/query-parameters';
import { ApiEventBody, ApiStartInstanceBody, ApiZodBody } from '../openapi/request-bodies';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { ProcessInstanceReader } from './process-instance-reader.service';
import { businessKeyParam, ProcessInstanceRoutes, taskIdParam } from './process-instance-routes';
import {
  businessKeySchema,
  type CancelInstanceBody,
  cancelInstanceBodySchema,
  type InstancePage,
  type InstanceView,
  type ListInstancesQuery,
  listInstancesQuerySchema,
  type StartedInstanceView,
} from './process-instance.schemas';
import { ProcessInstancesService } from './process-instances.service';

interface StatusSettable {
  status(code: number): unknown;
}

const accepted = { accepted: true } as const;

@ProcessInstanceRoutes()
export class ProcessInstancesController {
  constructor(
    private readonly instances: ProcessInstancesService,
    private readonly reader: ProcessInstanceReader,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Start an instance for a business key (idempotent: an existing instance is returned)' })
  @ApiStartInstanceBody(z.object({ businessKey: businessKeySchema, input: z.unknown() }).strict())
  @ApiAnswer('StartedInstanceView', { status: 201, description: 'Started (`created: true`)' })
  @ApiAnswer('StartedInstanceView', {
    description: 'The business key already had an instance: it is returned with `created: false`',
  })
  @ApiResponse({ status: 400, description: 'Invalid businessKey or input; `details` names each field' })
  async start(
    @TargetProcess() definition: ProcessDefinition,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: StatusSettable,
  ): Promise<StartedInstanceView> {
    const started = await this.instances.start(definition, body, actor);
    response.status(started.created ? 201 : 200);
    return started;
  }

  @Get()
  @ApiOperation({ summary: 'List instances from Temporal visibility, newest first, optionally by status' })
  @ApiZodQuery(listInstancesQuerySchema, {
    pageSize: '1-100, default 20',
    pageToken: 'The `nextPageToken` of the previous page',
  })
  @ApiAnswer('InstancePage', {
    description:
      "Every instance for the process's readers, otherwise those the caller requested or has an open task in",
  })
  list(
    @TargetProcess() definition: ProcessDefinition,
    @Query(new ZodValidationPipe(listInstancesQuerySchema)) query: ListInstancesQuery,
    @CurrentActor() actor: Actor,
  ): Promise<InstancePage> {
    return this.instances.list(definition, query, actor);
  }

  @Get(':businessKey')
  @ApiOperation({ summary: 'State of one instance: status, stage, open tasks, steps, documents, decisions, result' })
  @ApiAnswer('InstanceView', { description: 'The instance as the workflow (or, failing that, visibility) reports it' })
  @ApiResponse({
    status: 403,
    description: "The caller is neither one of the process's readers nor taking part in the instance",
  })
  get(
    @TargetProcess() definition: ProcessDefinition,
    @Param('businessKey', businessKeyParam) businessKey: string,
    @CurrentActor() actor: Actor,
  ): Promise<InstanceView> {
    return this.reader.get(definition, businessKey, actor);
  }

  @Get(':businessKey/documents/:documentId')
  @ApiOperation({
    summary: 'A document of the instance (e.g. the invoice PDF), with the same right as reading the instance',
  })
  @ApiParam({ name: 'documentId', description: "The `documentId` of one of the instance's `documents`" })
  // Its own content type (an invoice is a PDF): the document says no more than bytes.
  @ApiFileAnswer(
    { 'application/pdf': 'binary', 'application/octet-stream': 'binary' },
    {
      description: 'The document, with its content type',
    },
  )
  @ApiResponse({ status: 403, description: 'The caller may not read the instance' })
  async document(
    @TargetProcess() definition: ProcessDefinition,
    @Param('businessKey', businessKeyParam) businessKey: string,
    @Param('documentId', taskIdParam) documentId: string,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const document = await this.instances.document(definition, businessKey, documentId, actor);
    return new StreamableFile(document.content, {
      type: document.contentType,
      disposition: `inline; filename="${document.name.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      length: document.content.length,
    });
  }

  @Post(':businessKey/events/:event')
  @HttpCode(202)
  @ApiOperation({ summary: 'Deliver an external event (e.g. payment-received) to the instance' })
  @ApiParam({ name: 'event', description: 'An event the process declares in the catalog' })
  @ApiEventBody()
  @ApiAnswer('Accepted', { status: 202, description: 'Delivered: the instance acts on it' })
  @ApiResponse({ status: 403, description: "The caller is not among the event's senders (the answer names them)" })
  @ApiResponse({ status: 409, description: 'Instance closed, or past the point where it takes this event' })
  @ApiResponse({
    status: 422,
    description:
      "Against the process's rules, e.g. a payment in another currency or above what is owed; `details` names the field",
  })
  async sendEvent(
    @TargetProcess() definition: ProcessDefinition,
    @Param('businessKey', businessKeyParam) businessKey: string,
    @Param('event') event: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<typeof accepted> {
    await this.instances.sendEvent(definition, businessKey, event, body, actor);
    return accepted;
  }

  @Post(':businessKey/cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cancel the instance; the process compensates what it already did' })
  @ApiZodBody(cancelInstanceBodySchema)
  @ApiAnswer('Accepted', { status: 202, description: 'The cancellation is under way: the instance compensates' })
  @ApiResponse({
    status: 403,
    description: 'The caller may not cancel instances of this process (the answer names who may)',
  })
  @ApiResponse({ status: 409, description: 'Not cancellable now, or instance closed' })
  async cancel(
    @TargetProcess() definition: ProcessDefinition,
    @Param('businessKey', businessKeyParam) businessKey: string,
    @Body(new ZodValidationPipe(cancelInstanceBodySchema)) body: CancelInstanceBody,
    @CurrentActor() actor: Actor,
  ): Promise<typeof accepted> {
    await this.instances.cancel(definition, businessKey, body, actor);
    return accepted;
  }
}
