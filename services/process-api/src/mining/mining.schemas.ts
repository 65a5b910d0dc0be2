import { z } from 'zod';
import { isoDurationSeconds } from './analysis/iso-duration';
import { insightTargets } from './insights/targets';

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

export const insightsQuerySchema = z
  .object({
    ...caseWindow,
    target: z.enum(insightTargets, { error: `must be one of ${insightTargets.join(', ')}` }),
    slowerThan: z
      .string()
      .refine((value) => isoDurationSeconds(value) !== undefined, 'must be an ISO 8601 duration such as PT30S or P2D')
      .optional(),
  })
  .strict()
  .refine(fromNotAfterTo, fromAfterTo);
export type InsightsQuery = z.output<typeof insightsQuerySchema>;

/** The last N instances with a recorded decision a what-if evaluates by default. */
export const defaultWhatIfInstances = 500;

const dmnXml = z
  .string()
  .min(1, 'must be a DMN 1.3 XML document')
  .max(1_000_000, 'must be at most 1,000,000 characters');
const decisionId = z.string().min(1).max(128).optional();
const tableVersion = z.string().min(1).max(64).optional();

export const whatIfBodySchema = z
  .object({
    table: z.record(z.string(), z.unknown(), { error: 'must be a decision table object' }).optional(),
    dmn: dmnXml.optional(),
    decision: decisionId,
    last: z.number().int().min(1).max(100_000).default(defaultWhatIfInstances),
  })
  .strict()
  .refine((body) => (body.table === undefined) !== (body.dmn === undefined), {
    path: ['table'],
    message: 'give either table (Ordo table format) or dmn (DMN 1.3 XML), not both',
  });
export type WhatIfBody = z.output<typeof whatIfBodySchema>;

export const dmnImportBodySchema = z.object({ dmn: dmnXml, decision: decisionId, version: tableVersion }).strict();
export type DmnImportBody = z.output<typeof dmnImportBodySchema>;
