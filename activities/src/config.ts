import { z } from 'zod';
import { externalSystems, type ExternalSystem } from './external-systems';

export interface ActivitiesConfig {
  /** Base URL per system, without a trailing slash (e.g. `http://localhost:4000/erp`). */
  systemUrls: Record<ExternalSystem, string>;
  /** Per-request timeout of every HTTP call to an external system. */
  httpTimeoutMs: number;
  /**
   * Bearer token per system, set only when ORDO_SANDBOX_TOKEN is, and only for the systems whose URL is on the
   * sandbox (same origin as ORDO_SANDBOX_URL): a real system behind an override never receives it.
   */
  bearerTokens?: Partial<Record<ExternalSystem, string>>;
}

const urlVariables: Record<ExternalSystem, string> = {
  crm: 'ORDO_CRM_URL',
  erp: 'ORDO_ERP_URL',
  carrier: 'ORDO_CARRIER_URL',
  accounting: 'ORDO_ACCOUNTING_URL',
  payments: 'ORDO_PAYMENTS_URL',
  mail: 'ORDO_MAIL_URL',
  directory: 'ORDO_DIRECTORY_URL',
  hris: 'ORDO_HRIS_URL',
  payroll: 'ORDO_PAYROLL_URL',
};

const httpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^/\s]+/.test(value) && URL.canParse(value), 'must be an http(s) URL');

const timeoutMessage = 'must be a whole number of milliseconds between 1 and 600000';

const envSchema = z.object({
  ORDO_SANDBOX_URL: httpUrl.default('http://localhost:4000'),
  ORDO_HTTP_TIMEOUT_MS: z.coerce
    .number({ error: timeoutMessage })
    .int({ error: timeoutMessage })
    .min(1, { error: timeoutMessage })
    .max(600_000, { error: timeoutMessage })
    .default(10_000),
  ORDO_SANDBOX_TOKEN: z.string().trim().min(1).optional(),
  ...Object.fromEntries(Object.values(urlVariables).map((variable) => [variable, httpUrl.optional()])),
});

/**
 * Reads the adapters' settings from the environment. Every system defaults to its path on the
 * sandbox (`${ORDO_SANDBOX_URL}/<system>`); a bad value fails with the variable's name.
 */
export function loadActivitiesConfig(env: NodeJS.ProcessEnv = process.env): ActivitiesConfig {
  const relevant = ['ORDO_SANDBOX_URL', 'ORDO_HTTP_TIMEOUT_MS', 'ORDO_SANDBOX_TOKEN', ...Object.values(urlVariables)];
  const present = Object.fromEntries(relevant.map((variable) => [variable, blankToUndefined(env[variable])]));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const variable = String(issue.path[0]);
      return `${variable} ${issue.message} (got ${JSON.stringify(env[variable])})`;
    });
    throw new Error(`Invalid activities configuration: ${problems.join('; ')}`);
  }
  const values = result.data as Record<string, string | number | undefined>;
  const sandboxUrl = withoutTrailingSlash(String(values.ORDO_SANDBOX_URL));
  const systemUrls = Object.fromEntries(
    externalSystems.map((system) => {
      const override = values[urlVariables[system]];
      return [system, override === undefined ? `${sandboxUrl}/${system}` : withoutTrailingSlash(String(override))];
    }),
  ) as Record<ExternalSystem, string>;
  const token = result.data.ORDO_SANDBOX_TOKEN;
  const sandboxOrigin = new URL(sandboxUrl).origin;
  const bearerTokens =
    token === undefined
      ? undefined
      : Object.fromEntries(externalSystems.filter((system) => new URL(systemUrls[system]).origin === sandboxOrigin).map((system) => [system, token]));
  return { systemUrls, httpTimeoutMs: result.data.ORDO_HTTP_TIMEOUT_MS, ...(bearerTokens && { bearerTokens }) };
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
