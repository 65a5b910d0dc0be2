export {
  AesGcmPayloadCodec,
  encryptedEncoding,
  keyIdMetadataKey,
  nullEncoding,
  PayloadDecryptionError,
} from './aes-gcm-codec';
export { devKeyFileName, type DevKeyFile, ensureDevKeyFile } from './dev-key-file';
export { KeyRing, KeyRingError, type KeyRingJson, keyIdPattern, keyLength, keyRingJsonSchema } from './key-ring';
export {
  CodecConfigError,
  codecKeyFileVariable,
  codecKeysVariable,
  dataConverterFor,
  failureConverterPath,
  type Env,
  loadCodecFromEnv,
  loadKeyRingFromEnv,
  readKeyFile,
  requireKeyRing,
} from './load';
export { decodedHistory } from './history';
