import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { KnownProcessGuard } from '../catalog/known-process.guard';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { businessKeySchema, taskIdSchema } from './process-instance.schemas';

/**
 * For each controller under `/v1/processes/:process/instances`, so their routes resolve `:process` against the catalog
 * (an unknown one is a 404 before any body is read) and are documented as one group.
 */
export const ProcessInstanceRoutes = () =>
  applyDecorators(
    ApiTags('process instances'),
    ApiBearerAuth(),
    ApiParam({ name: 'process', description: 'Process name from the catalog, e.g. order-to-cash' }),
    ApiResponse({ status: 401, description: 'Missing or invalid bearer token' }),
    ApiResponse({ status: 404, description: 'Unknown process (or instance, task, event)' }),
    UseGuards(KnownProcessGuard),
    Controller('v1/processes/:process/instances'),
  );

export const businessKeyParam = new ZodValidationPipe(businessKeySchema);
export const taskIdParam = new ZodValidationPipe(taskIdSchema);
