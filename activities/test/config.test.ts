import { ConfigError } from '@ordo/config';
import { loadActivitiesConfig } from '../src';

describe('activities configuration', () => {
  it('defaults every system to its path on the local sandbox', () => {
    expect(loadActivitiesConfig({})).toEqual({
      systemUrls: {
        crm: 'http://localhost:4000/crm',
        erp: 'http://localhost:4000/erp',
        carrier: 'http://localhost:4000/carrier',
        accounting: 'http://localhost:4000/accounting',
        payments: 'http://localhost:4000/payments',
        mail: 'http://localhost:4000/mail',
        directory: 'http://localhost:4000/directory',
        hris: 'http://localhost:4000/hris',
        payroll: 'http://localhost:4000/payroll',
      },
      httpTimeoutMs: 10_000,
    });
  });

  it('derives from ORDO_SANDBOX_URL and honours per-system overrides', () => {
    const config = loadActivitiesConfig({
      ORDO_SANDBOX_URL: 'http://sandbox:4100/',
      ORDO_ERP_URL: 'https://erp.example.com/api/v2/',
      ORDO_HTTP_TIMEOUT_MS: '2500',
      ORDO_MAIL_URL: '  ',
    });

    expect(config.systemUrls.erp).toBe('https://erp.example.com/api/v2');
    expect(config.systemUrls.crm).toBe('http://sandbox:4100/crm');
    expect(config.systemUrls.mail).toBe('http://sandbox:4100/mail');
    expect(config.httpTimeoutMs).toBe(2500);
  });

  it('names each bad variable', () => {
    expect(() => loadActivitiesConfig({ ORDO_CARRIER_URL: 'carrier.local' })).toThrow(
      /ORDO_CARRIER_URL must be an http\(s\) URL \(got "carrier.local"\)/,
    );
    expect(() => loadActivitiesConfig({ ORDO_HTTP_TIMEOUT_MS: 'soon' })).toThrow(
      /ORDO_HTTP_TIMEOUT_MS must be a whole number of milliseconds between 1 and 600000 \(got "soon"\)/,
    );
    expect(() => loadActivitiesConfig({ ORDO_HTTP_TIMEOUT_MS: '0', ORDO_SANDBOX_URL: 'ftp://x' })).toThrow(
      /ORDO_SANDBOX_URL.*ORDO_HTTP_TIMEOUT_MS|ORDO_HTTP_TIMEOUT_MS.*ORDO_SANDBOX_URL/,
    );
  });

  it('names every bad variable in one error, a base setting and a system override alike', () => {
    let error: unknown;
    try {
      loadActivitiesConfig({
        ORDO_HTTP_TIMEOUT_MS: '0',
        ORDO_ERP_URL: 'erp.internal',
        ORDO_SANDBOX_TOKEN: 'never-shown',
      });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variables).toEqual(['ORDO_HTTP_TIMEOUT_MS', 'ORDO_ERP_URL']);
    expect((error as ConfigError).message).toBe(
      'Invalid configuration: ORDO_HTTP_TIMEOUT_MS must be a whole number of milliseconds between 1 and 600000 (got "0"); ' +
        'ORDO_ERP_URL must be an http(s) URL (got "erp.internal")',
    );
  });
});
