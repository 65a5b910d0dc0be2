/**
 * history-audit.ts on a real history: actions taken through the API on the stand-in process, the history fetched
 * from the dev server (payloads encrypted by the test codec), decoded and turned into audit entries. Then the pure
 * parts on hand-made input: outcomes, odd requests, the CSV and the visibility query.
 */
import { workflowIdFor } from '@ordo/workflows';
import { auditCsv, csvField } from '../src/audit/audit-csv';
import { overlappingInstances } from '../src/audit/audit.service';
import {
  type AuditedInstance,
  auditEntriesOf,
  decodeUpdateHistory,
  type DecodedUpdateHistory,
  type History,
} from '../src/audit/history-audit';
import { securityRefusal } from '../src/logging/security-events';
import type { ApiHarness } from './support/api-harness';
import { ApiWithWorker } from './support/api-with-worker';
import { createFakeProcessWorker } from './support/fake-process-worker';

const instances = '/v1/processes/order-to-cash/instances';
const input = {
  customerId: 'C-8',
  lines: [{ sku: 'SKU-8', quantity: 1, unitPrice: 50 }],
  currency: 'EUR',
  paymentTermsDays: 14,
};

let stack: ApiWithWorker;
let api: ApiHarness;

beforeAll(async () => {
  stack = await ApiWithWorker.start({
    runtimeLogLevel: 'WARN',
    config: { queryTimeoutMs: 5000, updateTimeoutMs: 10_000 },
    createWorker: createFakeProcessWorker,
  });
  api = stack.api;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function fetched(
  businessKey: string,
): Promise<{ history: History; decoded: DecodedUpdateHistory; instance: AuditedInstance }> {
  const workflowId = workflowIdFor('order-to-cash', businessKey);
  const handle = api.client.workflow.getHandle(workflowId);
  const { runId } = await handle.describe();
  const history = await handle.fetchHistory();
  const decoded = await decodeUpdateHistory(history, api.client.options.loadedDataConverter, {
    type: 'workflow',
    namespace: 'default',
    workflowId,
  });
  return { history, decoded, instance: { workflowId, runId, process: 'order-to-cash', businessKey } };
}

describe('on a real fetched history', () => {
  it('finds the completion (decision, comment) and the event, each with its actor, in history order', async () => {
    expect((await api.request('POST', instances, { body: { businessKey: 'H-1', input } })).status).toBe(201);
    // Refused by the workflow's validator: it must leave no entry.
    expect(
      (await api.request('POST', `${instances}/H-1/tasks/approval-1/complete`, { body: { decision: 'approve' } }))
        .status,
    ).toBe(403);
    const completed = await api.request('POST', `${instances}/H-1/tasks/approval-1/complete`, {
      token: 'dev-cfo',
      body: { decision: 'approve', comment: 'within limit' },
    });
    expect(completed.status).toBe(200);
    const paid = await api.request('POST', `${instances}/H-1/events/payment-received`, {
      token: 'dev-accounts-receivable',
      body: { amount: 50, currency: 'EUR', reference: 'PAY-H1' },
    });
    expect(paid.status).toBe(202);

    const { history, decoded, instance } = await fetched('H-1');
    // The request payloads are stored encrypted: reading them needs the codec, not a JSON parse.
    const acceptedEvent = history.events?.find((event) => event.workflowExecutionUpdateAcceptedEventAttributes);
    const argPayload =
      acceptedEvent?.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads?.[0];
    expect(Buffer.from(argPayload?.metadata?.encoding ?? new Uint8Array()).toString()).not.toBe('json/plain');
    expect(Buffer.from(argPayload?.data ?? new Uint8Array()).toString()).not.toContain('within limit');

    expect(decoded.accepted.map((update) => update.name)).toEqual(['ordo.completeTask', 'ordo.event']);
    expect(decoded.completed).toHaveLength(2);
    const entries = auditEntriesOf(instance, decoded);
    expect(entries).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        process: 'order-to-cash',
        businessKey: 'H-1',
        workflowId: 'order-to-cash:H-1',
        runId: instance.runId,
        updateId: expect.any(String),
        actor: 'cfo',
        roles: ['cfo'],
        action: 'complete',
        taskId: 'approval-1',
        decision: 'approve',
        event: null,
        assignee: null,
        comment: 'within limit',
        outcome: 'accepted',
        failure: null,
      },
      expect.objectContaining({
        actor: 'accounts-receivable',
        roles: ['accounts-receivable'],
        action: 'event',
        event: 'payment-received',
        taskId: null,
        decision: null,
        comment: null,
        outcome: 'accepted',
      }),
    ]);
    expect(Date.parse(entries[0]!.at)).toBeLessThanOrEqual(Date.parse(entries[1]!.at));
    expect(entries[0]!.updateId).not.toBe(entries[1]!.updateId);
  });

  it('records a cancellation with its reason as the comment', async () => {
    expect((await api.request('POST', instances, { body: { businessKey: 'H-2', input } })).status).toBe(201);
    const cancelled = await api.request('POST', `${instances}/H-2/cancel`, {
      token: 'dev-manager',
      body: { reason: 'duplicate, see H-1' },
    });
    expect(cancelled.status).toBe(202);
    const { decoded, instance } = await fetched('H-2');
    expect(auditEntriesOf(instance, decoded)).toEqual([
      expect.objectContaining({
        actor: 'manager',
        roles: ['manager'],
        action: 'cancel',
        comment: 'duplicate, see H-1',
        outcome: 'accepted',
        taskId: null,
      }),
    ]);
  });
});

describe('on hand-made decoded histories', () => {
  const instance: AuditedInstance = {
    workflowId: 'order-to-cash:X-1',
    runId: 'run-1',
    process: 'order-to-cash',
    businessKey: 'X-1',
  };
  const actor = { id: 'manager', roles: ['manager', 'cfo'] };

  it('says failed, with the message, when the handler failed; accepted while it has not completed', () => {
    const entries = auditEntriesOf(instance, {
      accepted: [
        {
          eventId: 5,
          at: '2025-01-01T10:00:00.000Z',
          updateId: 'u-1',
          name: 'ordo.assignTask',
          request: { taskId: 't-1', actor, assignee: 'cfo', comment: 'over to you' },
        },
        {
          eventId: 9,
          at: '2025-01-01T11:00:00.000Z',
          updateId: 'u-2',
          name: 'ordo.claimTask',
          request: { taskId: 't-1', actor },
        },
        {
          eventId: 12,
          at: '2025-01-01T12:00:00.000Z',
          updateId: 'u-3',
          name: 'ordo.releaseTask',
          request: { taskId: 't-1', actor },
        },
      ],
      completed: [
        { eventId: 6, at: '2025-01-01T10:00:00.000Z', updateId: 'u-1', acceptedEventId: 5 },
        {
          eventId: 10,
          at: '2025-01-01T11:00:01.000Z',
          updateId: 'u-2',
          acceptedEventId: 9,
          failure: 'task store unavailable',
        },
      ],
    });
    expect(
      entries.map(({ action, outcome, failure, assignee, comment, roles }) => ({
        action,
        outcome,
        failure,
        assignee,
        comment,
        roles,
      })),
    ).toEqual([
      {
        action: 'assign',
        outcome: 'accepted',
        failure: null,
        assignee: 'cfo',
        comment: 'over to you',
        roles: ['manager', 'cfo'],
      },
      {
        action: 'claim',
        outcome: 'failed',
        failure: 'task store unavailable',
        assignee: null,
        comment: null,
        roles: ['manager', 'cfo'],
      },
      {
        action: 'release',
        outcome: 'accepted',
        failure: null,
        assignee: null,
        comment: null,
        roles: ['manager', 'cfo'],
      },
    ]);
  });

  it('ignores updates it does not audit and keeps an entry whose request names nobody', () => {
    const entries = auditEntriesOf(instance, {
      accepted: [
        { eventId: 5, at: '2025-01-01T10:00:00.000Z', updateId: 'u-1', name: 'some.otherUpdate', request: { actor } },
        { eventId: 7, at: '2025-01-01T10:00:00.000Z', updateId: 'u-2', name: 'ordo.cancel', request: 'not an object' },
      ],
      completed: [],
    });
    expect(entries).toEqual([
      expect.objectContaining({ action: 'cancel', actor: null, roles: [], comment: null, outcome: 'accepted' }),
    ]);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses cells a spreadsheet would evaluate', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "yes"')).toBe('"say ""yes"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('')).toBe('');
  });

  it('writes a header row and one CRLF-terminated row per entry', () => {
    const csv = auditCsv([
      {
        at: '2025-01-01T10:00:00.000Z',
        process: 'order-to-cash',
        businessKey: 'X-1',
        workflowId: 'order-to-cash:X-1',
        runId: 'r',
        updateId: 'u',
        actor: 'manager',
        roles: ['manager', 'cfo'],
        action: 'complete',
        taskId: 'approval-1',
        decision: 'approve',
        event: null,
        assignee: null,
        comment: 'ok, fine',
        outcome: 'accepted',
        failure: null,
      },
    ]);
    expect(csv).toBe(
      'at,process,businessKey,actor,roles,action,taskId,decision,event,assignee,comment,outcome\r\n' +
        '2025-01-01T10:00:00.000Z,order-to-cash,X-1,manager,manager cfo,complete,approval-1,approve,,,"ok, fine",accepted\r\n',
    );
  });
});

it('asks visibility for the instances overlapping the window', () => {
  expect(overlappingInstances(['order-to-cash'], undefined, undefined)).toBe(`OrdoProcess IN ('order-to-cash')`);
  expect(overlappingInstances(['a', 'b'], Date.parse('2025-01-01T00:00:00Z'), Date.parse('2025-02-01T00:00:00Z'))).toBe(
    `OrdoProcess IN ('a', 'b') AND StartTime <= '2025-02-01T00:00:00.000Z' AND ` +
      `(ExecutionStatus = 'Running' OR CloseTime >= '2025-01-01T00:00:00.000Z')`,
  );
});

it('describes a refusal without the token: actor id or null, roles, route template', () => {
  const request = { method: 'POST', route: { path: '/v1/audit' }, headers: { authorization: 'Bearer secret' } };
  expect(securityRefusal(request, 401, 'unauthorized', 'Invalid bearer token')).toEqual({
    event: 'security.refused',
    status: 401,
    code: 'unauthorized',
    actor: null,
    roles: [],
    method: 'POST',
    route: '/v1/audit',
    message: 'Invalid bearer token',
  });
  expect(
    securityRefusal({ ...request, actor: { id: 'clerk', roles: ['clerk'] } }, 403, 'forbidden', 'no'),
  ).toMatchObject({ actor: 'clerk', roles: ['clerk'] });
});
