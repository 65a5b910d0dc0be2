import { reportFormats } from './report-store';
import { z } from 'zod';

/** A report id is the workflow id of its run: letters, digits and `._:-`, starting with a letter or digit (never `..`). */
export const reportIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/, 'must be a report id as GET /v1/reports lists it');

export const documentQuerySchema = z
  .object({ format: z.enum(reportFormats, { error: 'must be pdf or csv' }) })
  .strict();
export type DocumentQuery = z.infer<typeof documentQuerySchema>;

export const listQuerySchema = z
  .object({
    schedule: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type ListQuery = z.infer<typeof listQuerySchema>;

export const runRequestSchema = z
  .object({
    /** Re-creates the report as of this instant instead of now (ISO 8601 with a time zone). */
    asOf: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2026-12-31T18:00:00Z' })
      .optional(),
  })
  .strict();
export type RunRequest = z.infer<typeof runRequestSchema>;

export const pauseRequestSchema = z.object({ reason: z.string().trim().min(1, 'must say why').max(500) }).strict();
export type PauseRequest = z.infer<typeof pauseRequestSchema>;
