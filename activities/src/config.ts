import { httpUrl, readAll, readEnv, wholeNumber, type Env } from '@ordo/config';
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

const systemUrlShape: Record<string, z.ZodOptional<ReturnType<typeof httpUrl>>> = Object.fromEntries(
  Object.values(urlVariables).map((variable) => [variable, httpUrl().optional()]),
);

const envShape = {
  ORDO_SANDBOX_URL: httpUrl().default('http://localhost:4000'),
  ORDO_HTTP_TIMEOUT_MS: wholeNumber(1, 600_000, 'must be a whole number of milliseconds between 1 and 600000').default(
    10_000,
  ),
  ORDO_SANDBOX_TOKEN: z.string().trim().optional(),
};

/**
 * Reads the adapters' settings from the environment. Every system defaults to its path on the
 * sandbox (`${ORDO_SANDBOX_URL}/<system>`); every bad value is named in one ConfigError.
 */
export function loadActivitiesConfig(env: Env = process.env): ActivitiesConfig {
  const [values, overrides] = readAll(
    () => readEnv(envShape, env),
    () => readEnv(systemUrlShape, env),
  );
  const sandboxUrl = withoutTrailingSlash(values.ORDO_SANDBOX_URL);
  const systemUrls = Object.fromEntries(
    externalSystems.map((system) => {
      const override = overrides[urlVariables[system]];
      return [system, override === undefined ? `${sandboxUrl}/${system}` : withoutTrailingSlash(override)];
    }),
  ) as Record<ExternalSystem, string>;
  const token = values.ORDO_SANDBOX_TOKEN;
  const sandboxOrigin = new URL(sandboxUrl).origin;
  const bearerTokens =
    token === undefined
      ? undefined
      : Object.fromEntries(
          externalSystems
            .filter((system) => new URL(systemUrls[system]).origin === sandboxOrigin)
            .map((system) => [system, token]),
        );
  return { systemUrls, httpTimeoutMs: values.ORDO_HTTP_TIMEOUT_MS, ...(bearerTokens && { bearerTokens }) };
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
