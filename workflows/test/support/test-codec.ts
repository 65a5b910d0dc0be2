import { dataConverterFor, decodedHistory, KeyRing } from '@ordo/codec';
import type { temporal } from '@temporalio/proto';

/**
 * Workflow tests run with the same payload codec as production (README "Payload encryption"), under a key drawn
 * per test process: their histories are encrypted like real ones. Nothing of it is kept: recorded histories are
 * written decrypted (see `plaintextHistory`).
 */
export const testKeyRing = KeyRing.fromJson(KeyRing.generateJson('workflow-test'));

export const testDataConverter = dataConverterFor(testKeyRing);

const codec = testDataConverter.payloadCodecs![0]!;

/**
 * A copy of `history` with every payload decrypted (search attributes are plaintext already). Recorded histories
 * are synthetic test data and stay readable JSON in the repository; they replay with or without the codec, which
 * passes plaintext payloads through.
 */
export function plaintextHistory(history: temporal.api.history.v1.IHistory): Promise<temporal.api.history.v1.IHistory> {
  return decodedHistory(history, codec);
}
