import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  dataConverterFor,
  ensureDevKeyFile,
  KeyRing,
  loadCodecFromEnv,
  loadKeyRingFromEnv,
  requireKeyRing,
} from '../src';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
const ringJson = JSON.stringify({ active: 'k2', keys: { k1: key(1), k2: key(2) } });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ordo-codec-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadKeyRingFromEnv', () => {
  it('reads ORDO_CODEC_KEYS', () => {
    const ring = loadKeyRingFromEnv({ ORDO_CODEC_KEYS: ringJson });
    expect(ring?.activeKeyId).toBe('k2');
    expect(ring?.keyIds).toEqual(['k1', 'k2']);
  });

  it('reads the file ORDO_CODEC_KEY_FILE names', () => {
    const file = join(dir, 'keys.json');
    writeFileSync(file, ringJson);
    expect(loadKeyRingFromEnv({ ORDO_CODEC_KEY_FILE: file })?.activeKeyId).toBe('k2');
  });

  it.each([
    [{ ORDO_CODEC_KEYS: '{nope' }, 'Invalid configuration: ORDO_CODEC_KEYS is invalid: is not valid JSON'],
    [
      { ORDO_CODEC_KEYS: JSON.stringify({ active: 'k1', keys: { k1: 'AAAA' } }) },
      'Invalid configuration: ORDO_CODEC_KEYS is invalid at keys.k1: must be 32 bytes in base64',
    ],
    [
      { ORDO_CODEC_KEYS: ringJson, ORDO_CODEC_KEY_FILE: '/x' },
      'Invalid configuration: ORDO_CODEC_KEYS and ORDO_CODEC_KEY_FILE are both set',
    ],
    [
      { ORDO_CODEC_KEY_FILE: '/no/such/keys.json' },
      'Invalid configuration: ORDO_CODEC_KEY_FILE names /no/such/keys.json, which cannot be read (ENOENT)',
    ],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadKeyRingFromEnv(env)).toThrow(message);
  });

  it('names the file and the variable when the file holds no valid key ring', () => {
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify({ active: 'k9', keys: { k1: key(1) } }));
    expect(() => loadKeyRingFromEnv({ ORDO_CODEC_KEY_FILE: file })).toThrow(
      `Invalid configuration: ORDO_CODEC_KEY_FILE (${file}) is invalid at active: names a key that "keys" does not hold`,
    );
  });

  it('refuses to load without a key in production; elsewhere the services refuse to start (requireKeyRing)', () => {
    expect(() => loadKeyRingFromEnv({ NODE_ENV: 'production' })).toThrow(
      /^Invalid configuration: ORDO_CODEC_KEYS or ORDO_CODEC_KEY_FILE must be set/,
    );
    expect(() => loadKeyRingFromEnv({ NODE_ENV: 'production', ORDO_CODEC_KEYS: ' ' })).toThrow(
      /ORDO_CODEC_KEYS or ORDO_CODEC_KEY_FILE must be set/,
    );
    expect(loadKeyRingFromEnv({})).toBeUndefined();
    expect(() => requireKeyRing(undefined)).toThrow(/ORDO_CODEC_KEYS or ORDO_CODEC_KEY_FILE must be set/);
    expect(() => loadCodecFromEnv({})).toThrow(/ORDO_CODEC_KEYS or ORDO_CODEC_KEY_FILE must be set/);
  });
});

describe('dataConverterFor / loadCodecFromEnv', () => {
  it('gives { payloadCodecs: [codec] } encrypting with the active key', async () => {
    const converter = loadCodecFromEnv({ ORDO_CODEC_KEYS: ringJson });
    expect(converter.payloadCodecs).toHaveLength(1);
    const [payload] = await converter.payloadCodecs![0]!.encode([defaultPayloadConverter.toPayload({ a: 1 })]);
    expect(Buffer.from(payload!.metadata!['encryption-key-id']!).toString()).toBe('k2');
    const [decoded] = await dataConverterFor(KeyRing.fromJsonText(ringJson)).payloadCodecs![0]!.decode([payload!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ a: 1 });
  });
});

describe('ensureDevKeyFile', () => {
  it('creates the key file once, mode 0600, and reuses it on the next start', () => {
    const dataDir = join(dir, '.data');
    const first = ensureDevKeyFile(dataDir);
    expect(first).toMatchObject({ path: join(dataDir, 'codec-keys.json'), created: true });
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    const content = readFileSync(first.path, 'utf8');
    expect(loadKeyRingFromEnv({ ORDO_CODEC_KEY_FILE: first.path })?.activeKeyId).toBe(first.keyRing.activeKeyId);

    chmodSync(first.path, 0o644);
    const second = ensureDevKeyFile(dataDir);
    expect(second.created).toBe(false);
    expect(readFileSync(second.path, 'utf8')).toBe(content);
    expect(statSync(second.path).mode & 0o777).toBe(0o600);
    expect(second.keyRing.activeKey.equals(first.keyRing.activeKey)).toBe(true);
  });

  it('never overwrites a file that is not a key ring', () => {
    const file = join(dir, 'codec-keys.json');
    writeFileSync(file, 'garbage');
    expect(() => ensureDevKeyFile(dir)).toThrow(/ORDO_CODEC_KEY_FILE .* is invalid: is not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('garbage');
  });
});
