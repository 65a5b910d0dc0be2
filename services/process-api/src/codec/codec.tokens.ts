import type { Client } from '@temporalio/client';

/** The payload codec of this API: the one its Temporal client uses, and the one `/codec` runs. */
export const PAYLOAD_CODEC = Symbol('PayloadCodec');
/** `{ payloadCodecs: [codec] }` for the Temporal client. */
export const CODEC_DATA_CONVERTER = Symbol('CodecDataConverter');

export type PayloadCodecLike = Client['options']['loadedDataConverter']['payloadCodecs'][number];
