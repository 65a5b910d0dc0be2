import { decideWriteAccess } from '../src/http/write-access';
import { SandboxHarness, type CallResult } from './support';

const token = 'sandbox-token-0123456789';
const reserve = (sandbox: SandboxHarness, key: string, headers?: Record<string, string>) =>
  sandbox.call('POST', '/erp/reservations', {
    idempotencyKey: key,
    body: { orderId: 'O-W', lines: [{ sku: 'SKU-A', quantity: 1 }] },
    headers,
  });

function expectForbidden(answer: CallResult, message: RegExp): void {
  expect(answer.status).toBe(403);
  expect(answer.body).toEqual({ error: 'forbidden', message: expect.stringMatching(message) });
}

describe('decideWriteAccess', () => {
  it('lets changes through on loopback when no token is configured, whatever the request carries', () => {
    for (const header of [undefined, 'Bearer anything', 'Basic Zm9vOmJhcg==']) {
      expect(decideWriteAccess({ boundHost: '127.0.0.1' }, header)).toEqual({ allowed: true });
      expect(decideWriteAccess({ boundHost: 'localhost' }, header)).toEqual({ allowed: true });
    }
  });

  it('refuses every change off loopback when no token is configured, naming the host and the variable', () => {
    for (const header of [undefined, `Bearer ${token}`]) {
      const decision = decideWriteAccess({ boundHost: '0.0.0.0' }, header);
      expect(decision).toEqual({
        allowed: false,
        message: expect.stringMatching(/listens on 0\.0\.0\.0, not a loopback address.*ORDO_SANDBOX_TOKEN is not set/),
      });
    }
  });

  it('with a token configured, requires exactly that bearer token, on loopback as well as off it', () => {
    for (const boundHost of ['127.0.0.1', '0.0.0.0', 'sandbox']) {
      expect(decideWriteAccess({ boundHost, token }, `Bearer ${token}`)).toEqual({ allowed: true });
      expect(decideWriteAccess({ boundHost, token }, `bearer  ${token} `)).toEqual({ allowed: true });
      expect(decideWriteAccess({ boundHost, token }, undefined)).toEqual({
        allowed: false,
        message: expect.stringContaining('Authorization: Bearer <ORDO_SANDBOX_TOKEN>'),
      });
      expect(decideWriteAccess({ boundHost, token }, 'Bearer wrong')).toEqual({
        allowed: false,
        message: expect.stringContaining('not this sandbox'),
      });
      expect(decideWriteAccess({ boundHost, token }, `Bearer ${token}x`)).toMatchObject({ allowed: false });
      expect(decideWriteAccess({ boundHost, token }, token)).toMatchObject({ allowed: false });
      expect(decideWriteAccess({ boundHost, token }, [`Bearer ${token}`, `Bearer ${token}`])).toMatchObject({
        allowed: false,
      });
    }
  });
});

describe('a sandbox with ORDO_SANDBOX_TOKEN, over HTTP', () => {
  const sandbox = new SandboxHarness({ writeAccess: { boundHost: '127.0.0.1', token } });
  const authorized = { authorization: `Bearer ${token}` };
  beforeAll(() => sandbox.start());
  afterAll(() => sandbox.close());

  it('refuses system writes, faults and reset without the token, before any effect, and still answers reads', async () => {
    expectForbidden(await reserve(sandbox, 'w-1'), /Authorization: Bearer <ORDO_SANDBOX_TOKEN>/);
    expectForbidden(await reserve(sandbox, 'w-2', { authorization: 'Bearer not-the-token' }), /not this sandbox/);
    expectForbidden(await sandbox.call('PUT', '/faults/erp', { body: { errorRate: 1 } }), /ORDO_SANDBOX_TOKEN/);
    expectForbidden(await sandbox.call('DELETE', '/faults'), /ORDO_SANDBOX_TOKEN/);
    expectForbidden(await sandbox.call('POST', '/reset'), /ORDO_SANDBOX_TOKEN/);

    expect((await sandbox.call('GET', '/erp/stock/SKU-A')).body).toEqual({
      sku: 'SKU-A',
      available: 1000,
      reserved: 0,
    });
    expect(await sandbox.ledger()).toEqual([]);
    expect((await sandbox.call('GET', '/faults')).body.erp).toMatchObject({ errorRate: 0 });
    expect((await sandbox.call('GET', '/health')).status).toBe(200);
    expect((await sandbox.call('GET', '/metrics')).status).toBe(200);
  });

  it('performs them with the token', async () => {
    const reserved = await reserve(sandbox, 'w-3', authorized);
    expect(reserved.status).toBe(201);
    expect(await sandbox.ledger('?action=reservation.created')).toHaveLength(1);
    expect((await sandbox.call('PUT', '/faults/erp', { body: { latencyMs: 1 }, headers: authorized })).status).toBe(
      200,
    );
    expect((await sandbox.call('POST', '/reset', { headers: authorized })).status).toBe(200);
    expect(await sandbox.ledger()).toEqual([]);
  });

  it('answers an unknown route 404, not 403', async () => {
    expect((await sandbox.call('POST', '/nowhere')).status).toBe(404);
  });
});

describe('a sandbox bound off loopback without a token, over HTTP', () => {
  // Listening on 127.0.0.1 here; the policy is what main.ts derives from ORDO_SANDBOX_HOST=0.0.0.0.
  const sandbox = new SandboxHarness({ writeAccess: { boundHost: '0.0.0.0' } });
  beforeAll(() => sandbox.start());
  afterAll(() => sandbox.close());

  it('refuses every change, even with a bearer token, and serves reads', async () => {
    expectForbidden(await reserve(sandbox, 'o-1'), /listens on 0\.0\.0\.0/);
    expectForbidden(
      await reserve(sandbox, 'o-2', { authorization: `Bearer ${token}` }),
      /ORDO_SANDBOX_TOKEN is not set/,
    );
    expectForbidden(await sandbox.call('POST', '/reset'), /local stack only/);
    expect((await sandbox.call('GET', '/crm/customers/C-100')).status).toBe(200);
    expect(await sandbox.ledger()).toEqual([]);
  });
});
