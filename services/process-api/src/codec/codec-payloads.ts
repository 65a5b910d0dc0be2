import type { Client } from '@temporalio/client';
import { z } from 'zod';

/** A Temporal payload as the SDK holds it: metadata values and data are bytes. */
export type Payload = Parameters<
  Client['options']['loadedDataConverter']['payloadCodecs'][number]['decode']
>[0][number];

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

/** One payload in proto3 JSON, as the codec-server protocol carries it: every bytes field (metadata values, data) is base64. */
const jsonPayloadSchema = z.object({
  metadata: z.record(z.string(), base64).nullish(),
  data: base64.nullish(),
});

/** Body of `POST /codec/encode` and `POST /codec/decode`, and of their answers: `{"payloads": [...]}`. */
export const codecRequestSchema = z
  .object({
    payloads: z
      .array(jsonPayloadSchema, { error: 'must be an array of payloads' })
      .max(10_000, 'must hold at most 10000 payloads'),
  })
  .strict();

export type JsonPayload = z.infer<typeof jsonPayloadSchema>;
export interface CodecResponse {
  payloads: Array<{ metadata: Record<string, string>; data?: string }>;
}

export function payloadFromJson({ metadata, data }: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
    ),
    ...(data != null && { data: Buffer.from(data, 'base64') }),
  };
}

export function payloadToJson({ metadata, data }: Payload): CodecResponse['payloads'][number] {
  return {
    metadata: Object.fromEntries(
      Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
    ...(data != null && { data: Buffer.from(data).toString('base64') }),
  };
}
