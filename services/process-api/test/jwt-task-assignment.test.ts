/**
 * Assigning tasks when actors come from JWTs: the API knows no directory of people then, so it cannot tell whether an
 * assignee could complete the task. The assignment is allowed, and a holder of a candidate role can take the task
 * back, so a task delegated to an id nobody signs in as is never locked until escalation. Real JWKS, real dev
 * server, a worker running the real human-task helper (the task probe as the order-to-cash workflow type).
 */
import path from 'node:path';
import { ordoTaskQueue } from '@ordo/workflows';
import { Worker } from '@temporalio/worker';
import { loadApiConfig } from '../src/config/api-config';
import { type ApiHarness, eventually } from './support/api-harness';
import { ApiWithWorker } from './support/api-with-worker';
import { LocalIssuer } from './support/local-issuer';

const instances = '/v1/processes/order-to-cash/instances';
const probeWorkflows = path.resolve(
  __dirname,
  '../../../workflows/test/support/task-probe-as-order-to-cash.workflow.ts',
);

let issuer: LocalIssuer;
let stack: ApiWithWorker;
let api: ApiHarness;
/** Tokens the issuer signed, by person: the probe's task is for managers and assignable by the CFO. */
const tokens: Record<'clerk' | 'mia' | 'max' | 'carla' | 'support', string> = {
  clerk: '',
  mia: '',
  max: '',
  carla: '',
  support: '',
};

beforeAll(async () => {
  issuer = await LocalIssuer.start();
  const { tokens: staticTokens, jwt } = loadApiConfig({
    ORDO_AUTH_JWT_ISSUER: issuer.url,
    ORDO_AUTH_JWT_AUDIENCE: 'ordo-api',
  });
  stack = await ApiWithWorker.start({
    runtimeLogLevel: 'ERROR',
    config: { tokens: staticTokens, jwt, queryTimeoutMs: 15_000, updateTimeoutMs: 15_000 },
    createWorker: (env, dataConverter) =>
      Worker.create({
        connection: env.nativeConnection,
        namespace: 'default',
        taskQueue: ordoTaskQueue,
        workflowsPath: probeWorkflows,
        dataConverter,
      }),
  });
  api = stack.api;
  tokens.clerk = await issuer.sign({ sub: 'clara', roles: ['clerk'] });
  tokens.mia = await issuer.sign({ sub: 'mia', roles: ['manager'] });
  tokens.max = await issuer.sign({ sub: 'max', roles: ['manager'] });
  tokens.carla = await issuer.sign({ sub: 'carla', roles: ['cfo'] });
  tokens.support = await issuer.sign({ sub: 'sam', roles: ['support-l1'] });
}, 120_000);

afterAll(async () => {
  await stack?.close();
  await issuer?.close();
});

const act = (businessKey: string, action: string, token: string, body?: unknown) =>
  api.request('POST', `${instances}/${businessKey}/tasks/approval-1/${action}`, {
    token,
    ...(body === undefined ? {} : { body }),
  });

async function startWithTask(businessKey: string): Promise<void> {
  const input = {
    customerId: 'normal/86400',
    lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: 10 }],
    currency: 'EUR',
    paymentTermsDays: 14,
  };
  expect((await api.request('POST', instances, { token: tokens.clerk, body: { businessKey, input } })).status).toBe(
    201,
  );
  await eventually(async () =>
    (await api.request('GET', `${instances}/${businessKey}`, { token: tokens.clerk })).body.openTasks?.length === 1
      ? true
      : undefined,
  );
}

describe('task assignment with JWT actors', () => {
  test('a task assigned to an id nobody can vouch for is taken back by a manager, who then completes it', async () => {
    await startWithTask('JWT-GHOST');
    // The CFO supervises the task and assigns it to an id the API cannot check: allowed, not verified.
    const assigned = await act('JWT-GHOST', 'assign', tokens.carla, { assignee: 'Clerk' });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ assignee: 'Clerk' });
    expect(assigned.body.assigneeVerified).toBeUndefined();

    // Only candidate roles take it back: a role outside the task may not.
    expect((await act('JWT-GHOST', 'release', tokens.support)).status).toBe(403);
    const completeWhileAssigned = await act('JWT-GHOST', 'complete', tokens.mia, { decision: 'approve' });
    expect(completeWhileAssigned.status).toBe(403);

    const takenBack = await act('JWT-GHOST', 'release', tokens.mia, { comment: 'Clerk does not sign in here' });
    expect(takenBack.status).toBe(200);
    expect(takenBack.body).not.toHaveProperty('assignee');
    expect(takenBack.body.audit.at(-1)).toMatchObject({
      action: 'released',
      actor: 'mia',
      comment: 'Clerk does not sign in here',
    });

    expect((await act('JWT-GHOST', 'claim', tokens.mia)).status).toBe(200);
    const completed = await act('JWT-GHOST', 'complete', tokens.mia, { decision: 'approve' });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'COMPLETED', completedBy: 'mia' });
  });

  test('a task a manager claimed themselves is theirs: another manager cannot take it back', async () => {
    await startWithTask('JWT-OWN');
    expect((await act('JWT-OWN', 'claim', tokens.mia)).status).toBe(200);
    const refused = await act('JWT-OWN', 'release', tokens.max);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(
      /only its assignee, a supervisor, or a candidate role when the assignee cannot complete it/,
    );
    // The CFO supervises, and may.
    expect((await act('JWT-OWN', 'release', tokens.carla)).status).toBe(200);
  });
});
