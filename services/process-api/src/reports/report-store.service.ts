import { Inject, Injectable } from '@nestjs/common';
import { REPORT_SETTINGS, type ReportSettings } from './report-settings';
import { type ReportFormat, type ReportRecord, ReportStore } from './report-store';

/** The configured {@link ReportStore}, for the reports worker (writes) and the routes (reads). */
@Injectable()
export class ReportStoreService {
  private readonly store: ReportStore;

  constructor(@Inject(REPORT_SETTINGS) settings: ReportSettings) {
    this.store = new ReportStore(settings.storeDir);
  }

  put(record: Omit<ReportRecord, 'createdAt' | 'formats'>, documents: Record<ReportFormat, Buffer>) {
    return this.store.put(record, documents, new Date());
  }

  list(): Promise<ReportRecord[]> {
    return this.store.list();
  }

  get(reportId: string): Promise<ReportRecord | undefined> {
    return this.store.get(reportId);
  }

  document(reportId: string, format: ReportFormat): Promise<Buffer | undefined> {
    return this.store.document(reportId, format);
  }
}
