import { z } from 'zod';

const dateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z' });
const version = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+-]{0,63}$/, 'must be a process version such as 1.0.0');

const caseWindow = {
  version: version.optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
};

function fromNotAfterTo(query: { from?: string; to?: string }): boolean {
  return query.from === undefined || query.to === undefined || Date.parse(query.from) <= Date.parse(query.to);
}
const fromAfterTo = { path: ['from'], message: 'must not be after to' };

/** Every analysis covers the cases of one version (default: all) started in [from, to] (default: any time). */
export const analysisQuerySchema = z.object(caseWindow).strict().refine(fromNotAfterTo, fromAfterTo);
export type AnalysisQuery = z.output<typeof analysisQuerySchema>;

export const eventLogFormats = ['xes', 'csv', 'ocel'] as const;
export type EventLogFormat = (typeof eventLogFormats)[number];

export const eventLogQuerySchema = z
  .object({
    ...caseWindow,
    format: z.enum(eventLogFormats, { error: `must be one of ${eventLogFormats.join(', ')}` }).default('csv'),
  })
  .strict()
  .refine(fromNotAfterTo, fromAfterTo);
export type EventLogQuery = z.output<typeof eventLogQuerySchema>;
