import { type Env, httpUrl, readEnv, text } from '@ordo/config';

/** The scheduled reports' settings (README "Scheduled reports"; docs/ARCHITECTURE.md "Scheduled reports"). */
export interface ReportSettings {
  /** The folder the report documents are kept in (one sub-folder per report), so the listing survives a restart. */
  storeDir: string;
  /**
   * The API's address as the reports' readers reach it, for the links in the mail. Unset: the address this process
   * listens on (right for the local stack; behind a proxy or load balancer, set it).
   */
  publicUrl?: string;
}

const reportEnvShape = {
  ORDO_REPORTS_STORE: text().default('.data/reports'),
  ORDO_API_PUBLIC_URL: httpUrl().optional(),
};

export function loadReportSettings(env: Env = process.env): ReportSettings {
  const vars = readEnv(reportEnvShape, env);
  return {
    storeDir: vars.ORDO_REPORTS_STORE,
    ...(vars.ORDO_API_PUBLIC_URL ? { publicUrl: vars.ORDO_API_PUBLIC_URL.replace(/\/+$/, '') } : {}),
  };
}

/** Nest injection token of the resolved {@link ReportSettings}. */
export const REPORT_SETTINGS = Symbol('ReportSettings');
