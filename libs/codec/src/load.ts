import { readFileSync } from 'node:fs';
import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from './aes-gcm-codec';
import { KeyRing, KeyRingError } from './key-ring';

export const codecKeysVariable = 'ORDO_CODEC_KEYS';
export const codecKeyFileVariable = 'ORDO_CODEC_KEY_FILE';

export type Env = Record<string, string | undefined>;

/** A codec setting that is missing or wrong; `variable` names the environment variable to fix. */
export class CodecConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'CodecConfigError';
  }
}

const missingProblem =
  `or ${codecKeyFileVariable} must be set: Temporal payloads are encrypted and nothing runs without a key ` +
  `(${codecKeysVariable} holds {"active": "<id>", "keys": {"<id>": "<base64 of 32 bytes>"}}, ${codecKeyFileVariable} names a file with that JSON; ` +
  '`npm start` writes one to .data/codec-keys.json)';

function present(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

function parseRing(variable: string, text: string, where = ''): KeyRing {
  try {
    return KeyRing.fromJsonText(text);
  } catch (error) {
    if (!(error instanceof KeyRingError)) throw error;
    throw new CodecConfigError(
      variable,
      `${where}is invalid${error.path ? ` at ${error.path}` : ''}: ${error.problem}`,
    );
  }
}

/** Reads and validates a key file (the JSON of ORDO_CODEC_KEYS); errors name ORDO_CODEC_KEY_FILE and the path. */
export function readKeyFile(file: string): KeyRing {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CodecConfigError(codecKeyFileVariable, `names ${file}, which cannot be read (${code})`);
  }
  return parseRing(codecKeyFileVariable, text, `(${file}) `);
}

/**
 * The key ring the environment configures: `ORDO_CODEC_KEYS` (the JSON itself) or `ORDO_CODEC_KEY_FILE` (a file
 * holding it), never both. With neither set it throws when `NODE_ENV=production` and answers undefined otherwise, so
 * that code reading unrelated settings can load the configuration; the API and the worker then refuse to start with
 * {@link requireKeyRing}.
 */
export function loadKeyRingFromEnv(env: Env = process.env): KeyRing | undefined {
  const inline = present(env, codecKeysVariable);
  const file = present(env, codecKeyFileVariable);
  if (inline !== undefined && file !== undefined) {
    throw new CodecConfigError(codecKeysVariable, `and ${codecKeyFileVariable} are both set: set only one of them`);
  }
  if (inline !== undefined) return parseRing(codecKeysVariable, inline);
  if (file !== undefined) return readKeyFile(file.trim());
  if (env.NODE_ENV === 'production')
    throw new CodecConfigError(codecKeysVariable, `${missingProblem}; NODE_ENV=production`);
  return undefined;
}

/** The key ring, or the error every Ordo process stops with when none is configured. */
export function requireKeyRing(keyRing: KeyRing | undefined): KeyRing {
  if (!keyRing) throw new CodecConfigError(codecKeysVariable, missingProblem);
  return keyRing;
}

/** Where Temporal finds the failure converter that puts messages and stack traces into encrypted attributes. */
export const failureConverterPath = require.resolve('./failure-converter');

/**
 * The `dataConverter` of every `@temporalio/client` Client and `@temporalio/worker` Worker: the AES-GCM codec, and
 * failures whose message and stack trace it encrypts too. A prebuilt workflow bundle needs `failureConverterPath`.
 */
export function dataConverterFor(keyRing: KeyRing): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keyRing)], failureConverterPath };
}

/** The data converter the environment configures; throws (naming the variables) when it configures no key. */
export function loadCodecFromEnv(env: Env = process.env): DataConverter {
  return dataConverterFor(requireKeyRing(loadKeyRingFromEnv(env)));
}
