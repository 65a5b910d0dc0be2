import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CatalogModule } from './catalog/catalog.module';
import { CodecModule } from './codec/codec.module';
import { processAdminRole } from './codec/process-admin.guard';
import { type ApiConfig, devTokenOf } from './config/api-config';
import { ConfigModule } from './config/config.module';
import { ConsoleModule } from './console/console.module';
import { ErrorsModule } from './errors/errors.module';
import { HealthModule } from './health/health.module';
import { LoggingModule, type LoggingSettings } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { MiningModule } from './mining/mining.module';
import { OverviewModule } from './overview/overview.module';
import type { MiningSettings } from './mining/mining-settings';
import { ProcessesModule } from './processes/processes.module';
import { ReportsModule } from './reports/reports.module';
import { TaskActionsModule } from './tasks/task-actions.module';
import { TasksModule } from './tasks/tasks.module';
import { TemporalModule } from './temporal/temporal.module';
import { ThrottlingModule } from './throttling/throttling.module';
import type { VisibilityGaugeSettings } from './visibility-gauges/visibility-gauge-settings';
import { VisibilityGaugesModule } from './visibility-gauges/visibility-gauges.module';

/** How the API observes itself: its logs and the gauges it counts in Temporal visibility. */
export interface ObservabilitySettings {
  logging: LoggingSettings;
  visibilityGauges: VisibilityGaugeSettings;
  /** Process intelligence's extractor and store. */
  mining: MiningSettings;
}

/**
 * The local Temporal UI has no sign-in, so it calls `/codec` without a token. Where the dev tokens are on (only on a
 * loopback address) anyone on this machine may use `dev-process-admin` anyway: the UI's origin is lent that token.
 */
function localUiToken(config: ApiConfig): string | undefined {
  const token = devTokenOf(processAdminRole);
  return config.devTokensEnabled && config.tokens.has(token) ? token : undefined;
}

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, observability: ObservabilitySettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(observability.logging),
        CodecModule.forRoot(config.codec, localUiToken(config)),
        TemporalModule,
        ErrorsModule,
        AuthModule,
        ThrottlingModule,
        MetricsModule,
        VisibilityGaugesModule.forRoot(observability.visibilityGauges),
        HealthModule,
        CatalogModule,
        ProcessesModule,
        TaskActionsModule,
        TasksModule,
        AuditModule,
        MiningModule.forRoot(observability.mining),
        ReportsModule,
        OverviewModule,
        ConsoleModule,
      ],
    };
  }
}
