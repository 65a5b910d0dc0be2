import { loadActivitiesConfig } from '../src';
import { HttpClient } from '../src/http/http-client';
import { asReportedFailure, rejectionOf } from './support/activity-harness';
import { startSandboxProcess, type SandboxProcess } from '@ordo/testing';

const token = 'sandbox-token-for-tests-0123';

describe('ORDO_SANDBOX_TOKEN in the activities configuration', () => {
  it('is absent unless set', () => {
    expect(loadActivitiesConfig({}).bearerTokens).toBeUndefined();
    expect(loadActivitiesConfig({ ORDO_SANDBOX_TOKEN: '  ' }).bearerTokens).toBeUndefined();
  });

  it('goes to every system on the sandbox, and to none behind an override elsewhere', () => {
    const config = loadActivitiesConfig({
      ORDO_SANDBOX_URL: 'http://sandbox:4000',
      ORDO_SANDBOX_TOKEN: token,
      ORDO_ERP_URL: 'https://erp.example.com/api',
      ORDO_MAIL_URL: 'http://sandbox:4000/mail-v2',
    });
    expect(config.bearerTokens).toEqual({
      crm: token,
      carrier: token,
      accounting: token,
      payments: token,
      mail: token,
      directory: token,
      hris: token,
      payroll: token,
    });
  });
});

describe('HttpClient against a sandbox that requires ORDO_SANDBOX_TOKEN', () => {
  let sandbox: SandboxProcess;
  const reservation = { json: { orderId: 'O-T', lines: [{ sku: 'SKU-A', quantity: 1 }] } };

  beforeAll(async () => {
    sandbox = await startSandboxProcess({ ORDO_SANDBOX_TOKEN: token });
  }, 120_000);
  afterAll(() => sandbox?.stop());

  it('performs writes when it sends the token', async () => {
    const erp = new HttpClient(
      'erp',
      `${sandbox.url}/erp`,
      5_000,
      loadActivitiesConfig({ ORDO_SANDBOX_URL: sandbox.url, ORDO_SANDBOX_TOKEN: token }).bearerTokens?.erp,
    );
    const answer = await erp.send<{ reservationId: string }>('POST', '/reservations', reservation, {
      idempotencyKey: 'token:reserve',
    });
    expect(answer.reservationId).toMatch(/^RES-/);
    expect(await sandbox.ledger('?action=reservation.created')).toHaveLength(1);
  });

  it('is refused (403, not retried) without it, with no effect', async () => {
    const erp = new HttpClient('erp', `${sandbox.url}/erp`, 5_000);
    const failure = asReportedFailure(
      await rejectionOf(erp.send('POST', '/reservations', reservation, { idempotencyKey: 'no-token:reserve' })),
    );
    expect(failure).toMatchObject({ type: 'ErpRejected', nonRetryable: true });
    expect(failure.details[0]).toMatchObject({ status: 403, error: 'forbidden' });
    expect(await sandbox.ledger('?action=reservation.created')).toHaveLength(1);
  });
});
