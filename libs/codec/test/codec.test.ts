import { inspect } from 'node:util';
import { ApplicationFailure, defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import {
  decodeOptionalFailureToOptionalError,
  encodeErrorToFailure,
} from '@temporalio/common/lib/internal-non-workflow/codec-helpers';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow/data-converter-helpers';
import {
  AesGcmPayloadCodec,
  dataConverterFor,
  encryptedEncoding,
  KeyRing,
  keyIdMetadataKey,
  PayloadDecryptionError,
} from '../src';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
const ringK1 = KeyRing.fromJson({ active: 'k1', keys: { k1: key(1) } });
const ringK2 = KeyRing.fromJson({ active: 'k2', keys: { k1: key(1), k2: key(2) } });
const order = {
  customer: 'Acme Industrial Supplies GmbH',
  email: 'accounts@acme.example',
  lines: [{ sku: 'SKU-A', quantity: 3, unitPrice: 4000 }],
};
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

async function encrypted(codec: AesGcmPayloadCodec, value: unknown = order): Promise<Payload> {
  const [payload] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
  return payload!;
}

describe('AesGcmPayloadCodec', () => {
  it('round-trips payloads, hiding their data and their original metadata', async () => {
    const codec = new AesGcmPayloadCodec(ringK1);
    const originals = [
      defaultPayloadConverter.toPayload(order),
      defaultPayloadConverter.toPayload(''),
      defaultPayloadConverter.toPayload(new Uint8Array([0, 1, 2])),
    ];
    const encoded = await codec.encode(originals);
    expect(encoded).toHaveLength(3);
    for (const payload of encoded) {
      expect(Object.keys(payload.metadata ?? {}).sort()).toEqual([METADATA_ENCODING_KEY, keyIdMetadataKey].sort());
      expect(text(payload.metadata?.[METADATA_ENCODING_KEY])).toBe(encryptedEncoding);
      expect(text(payload.metadata?.[keyIdMetadataKey])).toBe('k1');
      expect(text(payload.data)).not.toMatch(/Acme|acme\.example|SKU-A|4000|json\/plain|binary\/null/);
    }
    const decoded = await codec.decode(encoded);
    expect(decoded.map((payload) => defaultPayloadConverter.fromPayload(payload))).toEqual([
      order,
      '',
      new Uint8Array([0, 1, 2]),
    ]);
    expect(await codec.encode([])).toEqual([]);
  });

  it('draws a fresh IV for every payload: the same value never encrypts to the same bytes', async () => {
    const codec = new AesGcmPayloadCodec(ringK1);
    const [a, b] = await codec.encode([
      defaultPayloadConverter.toPayload(order),
      defaultPayloadConverter.toPayload(order),
    ]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
    expect(Buffer.from(a!.data!).subarray(0, 12).equals(Buffer.from(b!.data!).subarray(0, 12))).toBe(false);
  });

  it('refuses a tampered payload: a flipped bit in IV, ciphertext or tag, a truncated one, a rewritten key id', async () => {
    const codec = new AesGcmPayloadCodec(ringK2);
    const payload = await encrypted(codec);
    const data = Buffer.from(payload.data!);
    for (const index of [0, 12, Math.floor(data.length / 2), data.length - 1]) {
      const altered = Buffer.from(data);
      altered[index] = altered[index]! ^ 0x01;
      await expect(codec.decode([{ ...payload, data: altered }])).rejects.toThrow(/authentication failed/);
    }
    await expect(codec.decode([{ ...payload, data: data.subarray(0, 20) }])).rejects.toThrow(/too short/);
    // Both keys are in the ring: the key id is bound to the ciphertext, so pointing it at the other key fails too.
    const relabelled = { ...payload, metadata: { ...payload.metadata, [keyIdMetadataKey]: Buffer.from('k1') } };
    await expect(codec.decode([relabelled])).rejects.toBeInstanceOf(PayloadDecryptionError);
    const unlabelled = { ...payload, metadata: { [METADATA_ENCODING_KEY]: Buffer.from(encryptedEncoding) } };
    await expect(codec.decode([unlabelled])).rejects.toThrow(/no encryption-key-id/);
  });

  it('names an unknown key id and the ids it holds', async () => {
    const payload = await encrypted(new AesGcmPayloadCodec(ringK2));
    await expect(new AesGcmPayloadCodec(ringK1).decode([payload])).rejects.toThrow(
      'Cannot decrypt payload: key id "k2" is not in the key ring (it holds k1); add that key to ORDO_CODEC_KEYS / ORDO_CODEC_KEY_FILE',
    );
  });

  it('rotation: what k1 encrypted still decrypts once k2 is active, and new payloads use k2', async () => {
    const before = await encrypted(new AesGcmPayloadCodec(ringK1));
    const rotated = new AesGcmPayloadCodec(ringK2);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([before]))[0]!)).toEqual(order);
    const after = await encrypted(rotated);
    expect(text(after.metadata?.[keyIdMetadataKey])).toBe('k2');
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([after]))[0]!)).toEqual(order);
  });

  it('leaves undefined/null (binary/null, no data) unencrypted: the server deletes a memo field upserted with it', async () => {
    const codec = new AesGcmPayloadCodec(ringK1);
    const nothing = defaultPayloadConverter.toPayload(undefined);
    expect(text(nothing.metadata?.[METADATA_ENCODING_KEY])).toBe('binary/null');
    const [encoded] = await codec.encode([nothing]);
    expect(encoded).toBe(nothing);
    expect(defaultPayloadConverter.fromPayload((await codec.decode([encoded!]))[0]!)).toBeUndefined();
    // With data it is not what the SDK writes for null: encrypted like anything else.
    const [odd] = await codec.encode([{ ...nothing, data: Buffer.from('x') }]);
    expect(text(odd!.metadata?.[METADATA_ENCODING_KEY])).toBe(encryptedEncoding);
  });

  it('passes payloads that are not encrypted through unchanged (histories from before encryption)', async () => {
    const plain = defaultPayloadConverter.toPayload(order);
    const [decoded] = await new AesGcmPayloadCodec(ringK1).decode([plain]);
    expect(decoded).toBe(plain);
  });
});

describe('KeyRing', () => {
  it('never shows key material when logged or serialized', () => {
    expect(JSON.stringify(ringK2)).toBe('{"active":"k2","keyIds":["k1","k2"]}');
    expect(inspect(ringK2)).toBe('KeyRing { active: k2, keyIds: [k1, k2] }');
  });

  it.each([
    [{ active: 'k1', keys: {} }, /must hold at least one key/],
    [{ active: 'k3', keys: { k1: key(1) } }, /^active: names a key that "keys" does not hold/],
    [{ active: 'k1', keys: { k1: Buffer.alloc(16).toString('base64') } }, /^keys\.k1: must be 32 bytes in base64/],
    [{ active: 'k1', keys: { k1: 'not base64!' } }, /^keys\.k1: must be base64/],
    [{ active: 'k 1', keys: { 'k 1': key(1) } }, /key id/],
    [{ active: 'k1', keys: { k1: key(1) }, extra: true }, /extra/],
  ])('refuses %j, saying where', (json, message) => {
    expect(() => KeyRing.fromJson(json)).toThrow(message);
  });

  it('generates a ring with one random 32-byte key', () => {
    const json = KeyRing.generateJson('dev-7');
    const ring = KeyRing.fromJson(json);
    expect(ring.activeKeyId).toBe('dev-7');
    expect(ring.activeKey).toHaveLength(32);
    expect(KeyRing.generateJson().keys).not.toEqual(json.keys);
  });
});

describe('failures through dataConverterFor', () => {
  it('carry their message and stack trace only encrypted, and read back whole with the key ring', async () => {
    const converter = loadDataConverter(dataConverterFor(ringK1));
    const failure = await encodeErrorToFailure(
      converter,
      new ApplicationFailure('customer C-17 (Acme) not found in CRM', 'CustomerNotFound', true),
    );
    expect(failure.message).not.toContain('Acme');
    expect(failure.stackTrace ?? '').not.toContain('Acme');
    expect(text(failure.encodedAttributes?.metadata?.[METADATA_ENCODING_KEY])).toBe(encryptedEncoding);
    expect(text(failure.encodedAttributes?.data)).not.toContain('Acme');

    const decoded = await decodeOptionalFailureToOptionalError(converter, failure);
    expect(decoded).toBeInstanceOf(ApplicationFailure);
    expect(decoded).toMatchObject({
      message: 'customer C-17 (Acme) not found in CRM',
      type: 'CustomerNotFound',
      nonRetryable: true,
    });
  });
});
