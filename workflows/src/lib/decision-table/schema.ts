import { z } from 'zod';
import type { Condition } from './types';

/** The shape of a table file; meaning (types, references, overlaps) is checked afterwards by `loadDecisionTable`. */

const scalar = z.union([z.number(), z.string(), z.boolean()], { error: 'must be a number, a string or a boolean' });
const ordered = z.union([z.number(), z.string()], { error: 'must be a number or a string' });
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier (letters, digits, _)');
const typeName = z.enum(['number', 'string', 'boolean']);
const enumValues = z
  .array(z.string())
  .min(1, 'an enum needs at least one value')
  .refine((values) => new Set(values).size === values.length, 'enum values must be distinct');

const inputType = z.union([typeName, z.object({ enum: enumValues }).strict()], {
  error: 'must be "number", "string", "boolean" or {"enum": [...]}',
});
const outputType = z.union(
  [
    typeName,
    z.object({ type: typeName, nullable: z.boolean().optional() }).strict(),
    z.object({ enum: enumValues, nullable: z.boolean().optional() }).strict(),
  ],
  {
    error:
      'must be "number", "string", "boolean", {"type": ..., "nullable": true} or {"enum": [...], "nullable": true}',
  },
);

/** `"-"` is shorthand for `{"op": "any"}`; it becomes that before validation, so errors name the real choices. */
const condition: z.ZodType<Condition> = z.lazy(() =>
  z.preprocess(
    (value) => (value === '-' ? { op: 'any' } : value),
    z.discriminatedUnion(
      'op',
      [
        z.object({ op: z.literal('any') }).strict(),
        z.object({ op: z.enum(['=', '!=', '<', '<=', '>', '>=']), value: scalar }).strict(),
        z
          .object({
            op: z.literal('range'),
            min: ordered.optional(),
            max: ordered.optional(),
            minInclusive: z.boolean().optional(),
            maxInclusive: z.boolean().optional(),
          })
          .strict()
          .refine((range) => range.min !== undefined || range.max !== undefined, 'a range needs a min or a max'),
        z.object({ op: z.literal('in'), values: z.array(scalar).min(1, 'a list needs at least one value') }).strict(),
        z.object({ op: z.literal('not'), condition }).strict(),
      ],
      { error: 'must be "-" or an object whose "op" is one of any, =, !=, <, <=, >, >=, range, in, not' },
    ),
  ),
);

const rule = z
  .object({
    id: z.string().min(1).optional(),
    description: z.string().optional(),
    when: z.record(z.string(), condition).default({}),
    then: z.record(z.string(), z.union([scalar, z.null()])),
  })
  .strict();

export const decisionTableFileSchema = z
  .object({
    name: z.string().min(1),
    version: z.string().min(1),
    description: z.string().optional(),
    hitPolicy: z.enum(['UNIQUE', 'FIRST', 'RULE ORDER', 'COLLECT']),
    aggregation: z.enum(['SUM', 'MIN', 'MAX', 'COUNT']).optional(),
    inputs: z.record(identifier, inputType),
    outputs: z.record(identifier, outputType),
    rules: z.array(rule).min(1, 'a table needs at least one rule'),
  })
  .strict();

export type DecisionTableFile = z.infer<typeof decisionTableFileSchema>;
export type InputTypeSpec = z.infer<typeof inputType>;
export type OutputTypeSpec = z.infer<typeof outputType>;
