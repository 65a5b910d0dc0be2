import { businessKeyPattern, type ProcessDefinition, processStatuses } from '@ordo/workflows';
import { z } from 'zod';

export const businessKeySchema = z
  .string()
  .regex(
    businessKeyPattern,
    'must be 1-128 letters, digits, dots, underscores or hyphens, starting with a letter or digit',
  );

export const taskIdSchema = z.string().regex(/^[^\s/]{1,128}$/, 'must be 1-128 characters without spaces or slashes');

function buildStartInstanceBodySchema<Input>(definition: ProcessDefinition<Input>) {
  return z.object({ businessKey: businessKeySchema, input: definition.inputSchema }).strict();
}

type StartInstanceBodySchema = ReturnType<typeof buildStartInstanceBodySchema<unknown>>;

// zod compiles an object schema into a parser on its first use: one schema per process, not per request.
const startBodySchemas = new WeakMap<ProcessDefinition<unknown>, StartInstanceBodySchema>();

/** The start request for one process: its catalog entry's input schema sits under `input`. */
export function startInstanceBodySchema<Input>(definition: ProcessDefinition<Input>) {
  const known = definition as ProcessDefinition<unknown>;
  let schema = startBodySchemas.get(known);
  if (!schema) {
    schema = buildStartInstanceBodySchema(known);
    startBodySchemas.set(known, schema);
  }
  return schema as unknown as ReturnType<typeof buildStartInstanceBodySchema<Input>>;
}

export const cancelInstanceBodySchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
export type CancelInstanceBody = z.output<typeof cancelInstanceBodySchema>;

export const listInstancesQuerySchema = z
  .object({
    status: z.enum(processStatuses).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    pageToken: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type ListInstancesQuery = z.output<typeof listInstancesQuerySchema>;

export type {
  InstanceFailure,
  InstancePage,
  InstanceSummaryView,
  InstanceView,
  StartedInstanceView,
} from '@ordo/api-views';
