import { z } from 'zod';
import { identifierPattern } from '../config/api-config';
import type { AuditEntry } from './history-audit';

const identifier = z.string().regex(identifierPattern, 'must be 1-128 letters, digits or . _ @ -');
const dateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z' });

export const auditFormats = ['json', 'csv'] as const;
export type AuditFormat = (typeof auditFormats)[number];

/** `GET /v1/audit`'s filters; `process` is checked against the catalog by the service. */
export const auditQuerySchema = z
  .object({
    process: identifier.optional(),
    actor: identifier.optional(),
    from: dateTime.optional(),
    to: dateTime.optional(),
    format: z.enum(auditFormats, { error: `must be one of ${auditFormats.join(', ')}` }).optional(),
  })
  .strict()
  .refine(
    (query) => query.from === undefined || query.to === undefined || Date.parse(query.from) <= Date.parse(query.to),
    {
      path: ['from'],
      message: 'must not be after to',
    },
  );
export type AuditQuery = z.output<typeof auditQuerySchema>;

export interface AuditPage {
  /** Every audited action of the listed instances that matches the filters, oldest first. */
  items: AuditEntry[];
  /**
   * True when the answer may lack actions: more instances overlap the window than one request reads (the most
   * recent are read), or some history could not be read.
   */
  partial: boolean;
}
