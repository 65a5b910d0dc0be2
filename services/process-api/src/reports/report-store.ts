import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportKind } from '@ordo/workflows';

/** What the listing shows of one report; its documents are files beside it. */
export interface ReportRecord {
  reportId: string;
  schedule: string;
  report: ReportKind;
  title: string;
  asOf: string;
  /** When the API stored it (the first time: a retried store keeps it). */
  createdAt: string;
  summary: string;
  formats: Array<'pdf' | 'csv'>;
}

export const reportFormats = ['pdf', 'csv'] as const;
export type ReportFormat = (typeof reportFormats)[number];

const recordFile = 'report.json';

/**
 * The report documents on disk: a folder per report holding `report.pdf`, `report.csv` and `report.json`. Writes are
 * atomic per file (written beside, then renamed), and the record is written last, so the listing never shows a
 * report whose documents are missing; storing the same report again replaces it with the same bytes. Derived data
 * like the mining store: the figures come from Temporal, and a lost folder is a report to run again.
 */
export class ReportStore {
  constructor(private readonly dir: string) {}

  async put(
    record: Omit<ReportRecord, 'createdAt' | 'formats'>,
    documents: Record<ReportFormat, Buffer>,
    now: Date,
  ): Promise<ReportRecord> {
    const folder = this.folderOf(record.reportId);
    await mkdir(folder, { recursive: true });
    const previous = await this.get(record.reportId);
    for (const format of reportFormats) await atomicWrite(join(folder, `report.${format}`), documents[format]);
    const stored: ReportRecord = {
      ...record,
      createdAt: previous?.createdAt ?? now.toISOString(),
      formats: [...reportFormats],
    };
    await atomicWrite(join(folder, recordFile), Buffer.from(JSON.stringify(stored, null, 2)));
    return stored;
  }

  async get(reportId: string): Promise<ReportRecord | undefined> {
    try {
      return JSON.parse(await readFile(join(this.folderOf(reportId), recordFile), 'utf8')) as ReportRecord;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** Every stored report, newest report date first. Reads each record: fine for years of daily and weekly reports. */
  async list(): Promise<ReportRecord[]> {
    let folders: string[];
    try {
      folders = await readdir(this.dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const ids = folders.map(reportIdOfFolder).filter((id): id is string => id !== undefined);
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return records
      .filter((record): record is ReportRecord => record !== undefined)
      .sort((a, b) => b.asOf.localeCompare(a.asOf) || b.reportId.localeCompare(a.reportId));
  }

  async document(reportId: string, format: ReportFormat): Promise<Buffer | undefined> {
    try {
      return await readFile(join(this.folderOf(reportId), `report.${format}`));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** A report id is a workflow id (`ordo-report-ar-aging-2026-12-04T06:00:00Z`); encoded, it is one safe file name. */
  private folderOf(reportId: string): string {
    // Encoded, a name holds no separator; starting with a dot it could still be `.` or `..`.
    if (!/^[A-Za-z0-9]/.test(reportId)) throw new Error(`not a report id: ${JSON.stringify(reportId)}`);
    return join(this.dir, encodeURIComponent(reportId));
  }
}

/** The report id a folder is named after; undefined for anything else found there. */
function reportIdOfFolder(folder: string): string | undefined {
  try {
    const id = decodeURIComponent(folder);
    return /^[A-Za-z0-9]/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

async function atomicWrite(path: string, bytes: Buffer): Promise<void> {
  const partial = `${path}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, path);
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
