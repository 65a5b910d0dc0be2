import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { Actor, ProcessDefinition, TaskView } from '@ordo/workflows';
import { CurrentActor } from '../auth/current-actor.decorator';
import { TargetProcess } from '../catalog/known-process.guard';
import { ApiAnswer } from '../openapi/answers';
import { ApiZodBody } from '../openapi/request-bodies';
import { requestJsonSchema } from '../openapi/zod-json-schema';
import { businessKeyParam, ProcessInstanceRoutes, taskIdParam } from '../processes/process-instance-routes';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { TaskActionsService } from './task-actions.service';
import {
  type AssignTaskBody,
  assignTaskBodySchema,
  type CompleteTaskBody,
  completeTaskBodySchema,
  type TaskActionBody,
  taskActionBodySchema,
  taskActionFieldsSchema,
} from './task-actions.schemas';

/** Claim and release bodies are optional: `{comment?}` for the task's audit. */
const ApiTaskActionBody = () =>
  ApiBody({
    required: false,
    schema: requestJsonSchema(taskActionFieldsSchema, 'openapi-3.0') as Record<string, unknown>,
  });

/** The ids these operations had when the process-instance controller served them, so generated clients keep their names. */
const operationId = (method: string) => `ProcessInstancesController_${method}`;

/** A human task lives in its process instance, so its actions sit under the instance's path. */
@ProcessInstanceRoutes()
export class TaskActionsController {
  constructor(private readonly taskActions: TaskActionsService) {}

  @Post(':businessKey/tasks/:taskId/complete')
  @HttpCode(200)
  @ApiOperation({
    operationId: operationId('completeTask'),
    summary: 'Act on a human task; the workflow checks the actor and the decision before recording it',
  })
  @ApiZodBody(completeTaskBodySchema)
  @ApiAnswer('TaskView', { description: 'The completed task' })
  @ApiResponse({ status: 403, description: 'The caller may not act on this task' })
  @ApiResponse({ status: 409, description: 'Task no longer open, or instance closed' })
  completeTask(
    @TargetProcess() definition: ProcessDefinition,
    @Param('businessKey', businessKeyParam) businessKey: string,
    @Param('taskId', taskIdParam) taskId: string,
    @Body(new ZodValidationPipe(completeTaskBodySchema)) body: CompleteTaskBody,
    @CurrentActor() actor: Actor,
  ): Promise<TaskView> {
    return this.taskActions.complete(definition, businessKey, taskId, body, actor);
  }

  @Post(':businessKey/tasks/:taskId/claim')
  @HttpCode(200)
  @ApiOperation({
    operationId: operationId('claimTask'),
    summary: 'Take a task: a holder of one of its candidate roles becomes its assignee',
  })
  @ApiTaskActionBody()
  @ApiAnswer('TaskView', { description: 'The task, assigned to the caller' })
  @ApiResponse({ status: 403, description: 'The caller lacks a candidate role, or the four-eyes rule excludes them' })
  @ApiResponse({
    status: 409,
    description: 'Claimed by someone else (`already_claimed`), task no longer open, or instance closed',
  })
  claimTask(
    @TargetProcess() definition: ProcessDefinition,
    @Param('businessKey', businessKeyParam) businessKey: string,
    @Param('taskId', taskIdParam) taskId: string,
    @Body(new ZodValidationPipe(taskActionBodySchema)) body: TaskActionBody,
    @CurrentActor() actor: Actor,
  ): Promise<TaskView> {
    return this.taskActions.claim(definition, businessKey, taskId, body, actor);
  }

  @Post(':businessKey/tasks/:taskId/release')
  @HttpCode(200)
  @ApiOperation({
    operationId: operationId('releaseTask'),
    summary: 'Give a task back to its candidate roles (its assignee, or a supervisor role)',
  })
  @ApiTaskActionBody()
  @ApiAnswer('TaskView', { description: 'The task, unassigned' })
  @ApiResponse({ status: 403, description: 'The caller is neither the assignee nor a supervisor' })
  @ApiResponse({
    status: 409,
    description: 'Nobody holds the task (`not_claimed`), task no longer open, or instance closed',
  })
  releaseTask(
    @TargetProcess() definition: ProcessDefinition,
    @Param('businessKey', businessKeyParam) businessKey: string,
    @Param('taskId', taskIdParam) taskId: string,
    @Body(new ZodValidationPipe(taskActionBodySchema)) body: TaskActionBody,
    @CurrentActor() actor: Actor,
  ): Promise<TaskView> {
    return this.taskActions.release(definition, businessKey, taskId, body, actor);
  }

  @Post(':businessKey/tasks/:taskId/assign')
  @HttpCode(200)
  @ApiOperation({
    operationId: operationId('assignTask'),
    summary: 'Assign or delegate a task to a person (its assignee, or a supervisor role)',
  })
  @ApiZodBody(assignTaskBodySchema)
  @ApiAnswer('TaskView', { description: 'The task, assigned to `assignee`' })
  @ApiResponse({
    status: 403,
    description: 'The caller may not assign it, or the four-eyes rule excludes the assignee',
  })
  @ApiResponse({ status: 409, description: 'Task no longer open, or instance closed' })
  assignTask(
    @TargetProcess() definition: ProcessDefinition,
    @Param('businessKey', businessKeyParam) businessKey: string,
    @Param('taskId', taskIdParam) taskId: string,
    @Body(new ZodValidationPipe(assignTaskBodySchema)) body: AssignTaskBody,
    @CurrentActor() actor: Actor,
  ): Promise<TaskView> {
    return this.taskActions.assign(definition, businessKey, taskId, body, actor);
  }
}
