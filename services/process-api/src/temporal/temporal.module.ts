import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, type DataConverter } from '@temporalio/client';
import { CODEC_DATA_CONVERTER } from '../codec/codec.tokens';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { stopApiTracing, tracingClientInterceptors } from '../tracing/api-tracing';

export const TEMPORAL_CONNECTION = Symbol('TemporalConnection');

/** Closes the gRPC connection when Nest shuts down, so the process can exit cleanly. */
@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** The spans of the last requests are exported before the process ends (Nest exits right after its shutdown hooks). */
@Injectable()
class TracingStopper implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopApiTracing();
  }
}

/**
 * Provides the Temporal `Client`. The connection is lazy so the API starts while Temporal is still
 * coming up; readiness (`/health/ready`) reports whether it is reachable.
 */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => Connection.lazy({ address: config.temporal.address }),
    },
    {
      provide: Client,
      inject: [TEMPORAL_CONNECTION, API_CONFIG, CODEC_DATA_CONVERTER],
      // The payload codec (CodecModule) encrypts what the API sends (start input, signals, updates, queries) and
      // decrypts what it reads back (results, query answers, memos the client decodes). With tracing on, each start,
      // signal, update and query is a span whose context travels to the workflow in its headers.
      useFactory: (connection: Connection, config: ApiConfig, dataConverter: DataConverter) => {
        const interceptors = tracingClientInterceptors();
        return new Client({
          connection,
          namespace: config.temporal.namespace,
          dataConverter,
          ...(interceptors && { interceptors }),
        });
      },
    },
    TemporalConnectionCloser,
    TracingStopper,
  ],
  exports: [Client],
})
export class TemporalModule {}
