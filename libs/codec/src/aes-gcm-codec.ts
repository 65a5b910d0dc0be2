import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { KeyRing } from './key-ring';

/** `encoding` of an encrypted payload (Temporal's convention, shared with the samples and the UI). */
export const encryptedEncoding = 'binary/encrypted';
/** Metadata key naming the key that encrypted the payload. */
export const keyIdMetadataKey = 'encryption-key-id';

/**
 * The encoding of `undefined`/`null` (no data). Left unencrypted: it hides nothing, and the server gives it a meaning
 * of its own — an upserted memo field holding it is deleted (the inbox memo relies on that), which an encrypted one
 * would not be.
 */
export const nullEncoding = 'binary/null';

const ivLength = 12;
const tagLength = 16;
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/** A payload the codec cannot decrypt: unknown key id, altered data, or missing parts. */
export class PayloadDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecryptionError';
  }
}

/**
 * Binds the ciphertext to its metadata: a payload whose key id was rewritten fails authentication instead of being
 * tried with another key.
 */
function additionalData(keyId: string): Buffer {
  return Buffer.from(`${encryptedEncoding}\n${keyId}`, 'utf8');
}

/**
 * Encrypts every payload with AES-256-GCM under the key ring's active key: the whole original payload (metadata and
 * data) is serialized and encrypted, so its encoding and any metadata are hidden too. `data` is IV (12 random bytes,
 * new for every payload) ‖ ciphertext ‖ auth tag (16 bytes); metadata carries `encoding: binary/encrypted` and
 * `encryption-key-id`. Only `binary/null` payloads (no data) stay as they are. Decoding leaves payloads that are not encrypted as they are (histories written before
 * encryption was switched on keep replaying) and refuses an unknown key id or altered data with a clear error.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keyRing: KeyRing) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (encoding && textDecoder.decode(encoding) === nullEncoding && !payload.data?.length) return payload;
    const keyId = this.keyRing.activeKeyId;
    const iv = randomBytes(ivLength);
    const cipher = createCipheriv('aes-256-gcm', this.keyRing.activeKey, iv, { authTagLength: tagLength });
    cipher.setAAD(additionalData(keyId));
    const plaintext = temporal.api.common.v1.Payload.encode(payload).finish();
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: textEncoder.encode(encryptedEncoding),
        [keyIdMetadataKey]: textEncoder.encode(keyId),
      },
      data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
    };
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (!encoding || textDecoder.decode(encoding) !== encryptedEncoding) return payload;
    const keyIdBytes = payload.metadata?.[keyIdMetadataKey];
    if (!keyIdBytes || keyIdBytes.length === 0) {
      throw new PayloadDecryptionError(`Cannot decrypt payload: its metadata has no ${keyIdMetadataKey}`);
    }
    const keyId = textDecoder.decode(keyIdBytes);
    const key = this.keyRing.key(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        `Cannot decrypt payload: key id "${keyId}" is not in the key ring (it holds ${this.keyRing.keyIds.join(', ')}); ` +
          'add that key to ORDO_CODEC_KEYS / ORDO_CODEC_KEY_FILE',
      );
    }
    const data = payload.data ?? new Uint8Array();
    if (data.length < ivLength + tagLength) {
      throw new PayloadDecryptionError(
        `Cannot decrypt payload with key "${keyId}": data is too short to be AES-256-GCM`,
      );
    }
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, ivLength), { authTagLength: tagLength });
    decipher.setAAD(additionalData(keyId));
    decipher.setAuthTag(bytes.subarray(bytes.length - tagLength));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([
        decipher.update(bytes.subarray(ivLength, bytes.length - tagLength)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadDecryptionError(
        `Cannot decrypt payload with key "${keyId}": authentication failed (the payload was altered, or encrypted with another key of that id)`,
      );
    }
    return temporal.api.common.v1.Payload.decode(plaintext);
  }
}
