import { Module } from '@nestjs/common';
import { AgingCollector } from './aging-collector';
import { loadReportSettings, REPORT_SETTINGS } from './report-settings';
import { ReportStoreService } from './report-store.service';
import { ReportWorkerService } from './report-worker.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { SlaCollector } from './sla-collector';

/**
 * Scheduled reports (`/v1/reports/…`; docs/ARCHITECTURE.md "Scheduled reports"): the stored documents and the
 * Schedules' controls, and the activity-only worker that collects the figures and stores the documents. Its settings
 * are read from the environment when the module is built (ORDO_REPORTS_STORE, ORDO_API_PUBLIC_URL).
 */
@Module({
  controllers: [ReportsController],
  providers: [
    { provide: REPORT_SETTINGS, useFactory: () => loadReportSettings() },
    ReportStoreService,
    ReportsService,
    AgingCollector,
    SlaCollector,
    ReportWorkerService,
  ],
})
export class ReportsModule {}
