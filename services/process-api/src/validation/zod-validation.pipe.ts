import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { parseWith } from './zod-validation';

/**
 * Validates a body, query or path parameter with a zod schema and hands the parsed value to the handler.
 * For a single named parameter (`@Param('taskId', pipe)`) the parameter's name prefixes each issue path.
 */
@Injectable()
export class ZodValidationPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.output<Schema>> {
  constructor(private readonly schema: Schema) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<Schema> {
    return parseWith(this.schema, value, metadata.data ? [metadata.data] : []);
  }
}
