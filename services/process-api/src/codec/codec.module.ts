import {
  type DynamicModule,
  Global,
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { AesGcmPayloadCodec, requireKeyRing } from '@ordo/codec';
import { asApiConfigProblem, type CodecSettings } from '../config/api-config';
import { CodecController } from './codec.controller';
import { codecCorsMiddleware } from './codec-cors.middleware';
import { CODEC_DATA_CONVERTER, PAYLOAD_CODEC } from './codec.tokens';
import { ProcessAdminGuard } from './process-admin.guard';

const CODEC_SETTINGS = Symbol('CodecSettings');
const LOCAL_UI_TOKEN = Symbol('LocalUiToken');

/**
 * Payload encryption in the API: provides the codec to the Temporal client (TemporalModule) and serves it to the
 * Temporal UI and CLI as `/codec/encode` and `/codec/decode` (role process-admin, CORS for the configured origins).
 */
@Global()
@Module({})
export class CodecModule implements NestModule {
  constructor(
    @Inject(CODEC_SETTINGS) private readonly settings: CodecSettings,
    @Inject(LOCAL_UI_TOKEN) private readonly localUiToken: string | undefined,
  ) {}

  /**
   * Refuses, before Nest builds anything, an API without a key (ORDO_CODEC_KEYS / ORDO_CODEC_KEY_FILE): the
   * configuration may load without one outside production, the API never starts without one.
   */
  static forRoot(settings: CodecSettings, localUiToken?: string): DynamicModule {
    const codec = new AesGcmPayloadCodec(asApiConfigProblem(() => requireKeyRing(settings.keyRing)));
    return {
      module: CodecModule,
      controllers: [CodecController],
      providers: [
        { provide: CODEC_SETTINGS, useValue: settings },
        { provide: LOCAL_UI_TOKEN, useValue: localUiToken },
        { provide: PAYLOAD_CODEC, useValue: codec },
        { provide: CODEC_DATA_CONVERTER, useValue: { payloadCodecs: [codec] } },
        ProcessAdminGuard,
      ],
      exports: [PAYLOAD_CODEC, CODEC_DATA_CONVERTER],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(codecCorsMiddleware(this.settings.corsOrigins, this.localUiToken))
      .forRoutes(
        { path: 'codec/encode', method: RequestMethod.ALL },
        { path: 'codec/decode', method: RequestMethod.ALL },
      );
  }
}
