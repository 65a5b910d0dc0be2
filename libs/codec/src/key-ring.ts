import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { z } from 'zod';

/** AES-256 keys are 32 bytes. */
export const keyLength = 32;

/** Key ids travel in every encrypted payload's metadata: short and printable. */
export const keyIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The JSON form of a key ring, as `ORDO_CODEC_KEYS` holds it or `ORDO_CODEC_KEY_FILE` names it:
 * `{"active": "k2", "keys": {"k1": "<base64 of 32 bytes>", "k2": "..."}}`. New payloads are encrypted with the
 * active key; every key listed still decrypts what it encrypted.
 */
export const keyRingJsonSchema = z
  .object({
    active: z
      .string({ error: 'must name the active key id' })
      .regex(keyIdPattern, 'must be a key id (1-64 letters, digits or . _ -)'),
    keys: z
      .record(
        z.string().regex(keyIdPattern, 'key ids must be 1-64 letters, digits or . _ -'),
        z
          .string({ error: 'must be a base64 string' })
          .trim()
          .regex(base64Pattern, 'must be base64 (e.g. openssl rand -base64 32)')
          .refine(
            (value) => Buffer.from(value, 'base64').length === keyLength,
            `must be ${keyLength} bytes in base64 (e.g. openssl rand -base64 32)`,
          ),
        { error: 'must be an object of key id → base64 key' },
      )
      .refine((keys) => Object.keys(keys).length > 0, 'must hold at least one key'),
  })
  .strict()
  .refine((ring) => Object.hasOwn(ring.keys, ring.active), {
    message: 'names a key that "keys" does not hold',
    path: ['active'],
  });

export type KeyRingJson = z.input<typeof keyRingJsonSchema>;

/** A key ring that is not valid, with the issue's place in the JSON (e.g. `keys.k1`) when it has one. */
export class KeyRingError extends Error {
  constructor(
    readonly problem: string,
    readonly path: string | undefined,
  ) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'KeyRingError';
  }
}

/**
 * The keys of the payload codec: one active key id that encrypts, every key (the active one included) decrypts.
 * Rotation: add a new key, make it active, keep the old one until nothing still needs to read its payloads.
 * Key material never shows in logs: `JSON.stringify` and `util.inspect` give the key ids only.
 */
export class KeyRing {
  readonly #keys: ReadonlyMap<string, Buffer>;

  private constructor(
    readonly activeKeyId: string,
    keys: ReadonlyMap<string, Buffer>,
  ) {
    this.#keys = keys;
  }

  /** Validates the JSON form; throws a KeyRingError naming where it is wrong. */
  static fromJson(json: unknown): KeyRing {
    const parsed = keyRingJsonSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new KeyRingError(issue.message, issue.path.length > 0 ? issue.path.join('.') : undefined);
    }
    const keys = new Map(Object.entries(parsed.data.keys).map(([id, key]) => [id, Buffer.from(key, 'base64')]));
    return new KeyRing(parsed.data.active, keys);
  }

  /** Parses and validates the text of `ORDO_CODEC_KEYS` or of the key file. */
  static fromJsonText(text: string): KeyRing {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new KeyRingError(
        'is not valid JSON (expected {"active": "<id>", "keys": {"<id>": "<base64 of 32 bytes>"}})',
        undefined,
      );
    }
    return KeyRing.fromJson(json);
  }

  /** A fresh key ring with one random key, in its JSON form (local dev key file, tests). */
  static generateJson(keyId = 'local-1'): KeyRingJson {
    if (!keyIdPattern.test(keyId)) throw new KeyRingError('must be a key id (1-64 letters, digits or . _ -)', 'active');
    return { active: keyId, keys: { [keyId]: randomBytes(keyLength).toString('base64') } };
  }

  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  get activeKey(): Buffer {
    return this.#keys.get(this.activeKeyId)!;
  }

  /** The key with this id, or undefined when the ring does not hold it. */
  key(keyId: string): Buffer | undefined {
    return this.#keys.get(keyId);
  }

  toJSON(): { active: string; keyIds: string[] } {
    return { active: this.activeKeyId, keyIds: this.keyIds };
  }

  [inspect.custom](): string {
    return `KeyRing { active: ${this.activeKeyId}, keyIds: [${this.keyIds.join(', ')}] }`;
  }
}
