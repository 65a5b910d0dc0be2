import { Body, Controller, Headers, HttpCode, Inject, Logger, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiForbiddenResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ordo/workflows';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiError } from '../errors/api-error';
import { ApiAnswer } from '../openapi/answers';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import {
  type CodecResponse,
  codecRequestSchema,
  type JsonPayload,
  type Payload,
  payloadFromJson,
  payloadToJson,
} from './codec-payloads';
import { PAYLOAD_CODEC, type PayloadCodecLike } from './codec.tokens';
import { ProcessAdminGuard, processAdminRole } from './process-admin.guard';

type CodecRequest = { payloads: JsonPayload[] };

const bodyDoc = {
  schema: {
    type: 'object',
    required: ['payloads'],
    properties: {
      payloads: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            metadata: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
            data: { type: 'string', format: 'byte' },
          },
        },
      },
    },
  },
};

/**
 * Temporal's codec-server protocol for the Temporal UI and CLI (`--codec-endpoint http://<api>/codec`):
 * `POST /codec/decode` decrypts, `POST /codec/encode` encrypts with the active key; body and answer are
 * `{"payloads": [{"metadata": {"<key>": "<base64>"}, "data": "<base64>"}]}`. Bearer token and role process-admin.
 */
@ApiTags('codec')
@ApiBearerAuth()
@Controller('codec')
@UseGuards(ProcessAdminGuard)
export class CodecController {
  private readonly logger = new Logger('CodecEndpoint');

  constructor(@Inject(PAYLOAD_CODEC) private readonly codec: PayloadCodecLike) {}

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({
    summary: `Decrypts Temporal payloads for the Temporal UI/CLI (codec-server protocol; role ${processAdminRole})`,
  })
  @ApiBody(bodyDoc)
  @ApiAnswer('CodecResponse', { description: 'The same payloads, decrypted' })
  @ApiForbiddenResponse({ description: `The caller lacks the role ${processAdminRole}` })
  decode(
    @Body(new ZodValidationPipe(codecRequestSchema)) body: CodecRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-namespace') namespace?: string,
  ): Promise<CodecResponse> {
    return this.run('decode', body, actor, namespace);
  }

  @Post('encode')
  @HttpCode(200)
  @ApiOperation({
    summary: `Encrypts Temporal payloads with the active key (codec-server protocol; role ${processAdminRole})`,
  })
  @ApiBody(bodyDoc)
  @ApiAnswer('CodecResponse', { description: 'The same payloads, encrypted' })
  @ApiForbiddenResponse({ description: `The caller lacks the role ${processAdminRole}` })
  encode(
    @Body(new ZodValidationPipe(codecRequestSchema)) body: CodecRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-namespace') namespace?: string,
  ): Promise<CodecResponse> {
    return this.run('encode', body, actor, namespace);
  }

  private async run(
    direction: 'encode' | 'decode',
    body: CodecRequest,
    actor: Actor,
    namespace: string | undefined,
  ): Promise<CodecResponse> {
    const payloads = body.payloads.map(payloadFromJson);
    // One by one, so that a payload that does not decrypt is named by its index.
    const results: Payload[] = [];
    for (const [index, payload] of payloads.entries()) {
      try {
        results.push(...(await this.codec[direction]([payload])));
      } catch (error) {
        throw new ApiError(
          400,
          'codec_failed',
          `payloads.${index}: ${error instanceof Error ? error.message : String(error)}`,
          [{ path: `payloads.${index}`, message: error instanceof Error ? error.message : String(error) }],
        );
      }
    }
    // Who read plaintext, how much of it, for which namespace: never the content.
    this.logger.log(
      { actor: actor.id, direction, payloads: payloads.length, namespace },
      `codec ${direction} of ${payloads.length} payload(s) for ${actor.id}`,
    );
    return { payloads: results.map(payloadToJson) };
  }
}
