import { dataConverterFor, KeyRing } from '@ordo/codec';
import { defaultPayloadConverter } from '@temporalio/client';
import type { CodecSettings } from '../../src/config/api-config';
import type { Payload } from '../../src/codec/codec-payloads';

/**
 * The payload keys of the API tests: drawn per test process and passed explicitly to the API, the test clients and
 * the workers (nothing runs without a key, README "Payload encryption"). Nothing outlives the process, so a fresh
 * key is enough.
 */
export const testKeyRing = KeyRing.fromJson(KeyRing.generateJson('api-test'));

export const testDataConverter = dataConverterFor(testKeyRing);

export const testCodecSettings: CodecSettings = { keyRing: testKeyRing, corsOrigins: ['http://localhost:8233'] };

/** The value a raw payload of a history holds: decrypted with the test key, then converted like the SDK does. */
export async function payloadValue<T = unknown>(payload: Payload): Promise<T> {
  const [plain] = await testDataConverter.payloadCodecs![0]!.decode([payload]);
  return defaultPayloadConverter.fromPayload<T>(plain!);
}
