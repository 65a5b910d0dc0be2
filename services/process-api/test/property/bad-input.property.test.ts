/**
 * Bad input, everywhere: generated requests against every endpoint's schema (malformed JSON, wrong types, missing
 * and unknown fields, huge and unicode strings, negative, infinite and fractional amounts, unknown process, event
 * and task names). Each must be answered 4xx with a message naming the problem, never 5xx, and must start or change
 * no workflow. Runs against a real dev server, with a worker running the stand-in process so that unknown tasks
 * are refused by the workflow's own update validator.
 */
import { businessKeyPattern, orderToCashProcess, taskPriorities, workflowIdFor } from '@ordo/workflows';
import { devTokens } from '../../src/config/api-config';
import fc from 'fast-check';
import { listInstancesQuerySchema } from '../../src/processes/process-instance.schemas';
import { inboxQuerySchema } from '../../src/tasks/tasks.schemas';
import { type ApiHarness, type ApiResponse, eventually } from '../support/api-harness';
import { ApiWithWorker } from '../support/api-with-worker';
import { createFakeProcessWorker } from '../support/fake-process-worker';
import {
  corruptedPayment,
  corruptedStart,
  invalidBusinessKey,
  invalidAssignBody,
  invalidCancelBody,
  invalidCompleteBody,
  invalidInboxValues,
  invalidListQuery,
  invalidTaskActionBody,
  malformedJson,
  nonFiniteNumberBody,
  unknownName,
  unknownQueryKey,
  validStartBody,
} from './arbitraries';

jest.setTimeout(300_000);

const instances = '/v1/processes/order-to-cash/instances';
/** Enough runs to meet the odd shapes, few enough to keep the suite within a minute or two. */
const runs = { numRuns: 100 };
const fixtureKey = 'PROP-FIXTURE-1';

let stack: ApiWithWorker;
let api: ApiHarness;
let fixtureHistory: number;

beforeAll(async () => {
  stack = await ApiWithWorker.start({
    runtimeLogLevel: 'ERROR',
    config: { queryTimeoutMs: 5000, updateTimeoutMs: 10_000 },
    createWorker: createFakeProcessWorker,
  });
  api = stack.api;
  const started = await api.request('POST', instances, { body: { ...validStartBody, businessKey: fixtureKey } });
  expect(started.status).toBe(201);
  // The worker has run the first task once the open approval task is visible through the status query.
  await eventually(async () => {
    const state = await api.request('GET', `${instances}/${fixtureKey}`);
    return state.body?.stateSource === 'workflow' && state.body.openTasks.length === 1 ? true : undefined;
  }, 30_000);
  fixtureHistory = await historyLength(fixtureKey);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function historyLength(businessKey: string): Promise<number> {
  return (await api.client.workflow.getHandle(workflowIdFor('order-to-cash', businessKey)).describe()).historyLength;
}

/** The contract every rejection keeps: 4xx, a machine-readable code, a message, and (when given) the field named. */
function expectRejected(
  response: ApiResponse,
  { status, names }: { status?: number | number[]; names?: string } = {},
): void {
  const context = `${response.status} ${response.text.slice(0, 500)}`;
  const allowed = status === undefined ? undefined : [status].flat();
  const verdict = {
    context,
    clientError: response.status >= 400 && response.status < 500,
    expectedStatus: allowed === undefined || allowed.includes(response.status),
    hasCode: typeof response.body?.error === 'string' && response.body.error.length > 0,
    hasMessage: typeof response.body?.message === 'string' && response.body.message.length > 0,
    namesField: names === undefined || namesField(response, names),
  };
  expect(verdict).toEqual({
    context,
    clientError: true,
    expectedStatus: true,
    hasCode: true,
    hasMessage: true,
    namesField: true,
  });
}

/** The field is named by a detail's path (or a path below it), or in the message. */
function namesField(response: ApiResponse, field: string): boolean {
  const paths: string[] = (response.body?.details ?? []).map((detail: { path?: string }) => detail.path ?? '');
  return (
    paths.some((path) => path === field || path.startsWith(`${field}.`)) ||
    String(response.body?.message ?? '').includes(field)
  );
}

const pathOf = (segment: string) => encodeURIComponent(segment);

describe('POST /v1/processes/:process/instances', () => {
  it('rejects a start request with one thing wrong, naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(corruptedStart, async ({ body, path }) => {
        const response = await api.request('POST', instances, { body });
        expectRejected(response, { status: 400, names: path });
      }),
      { numRuns: 250 },
    );
  });

  it('rejects malformed JSON, and numbers JSON cannot hold (NaN, Infinity, 1e999), naming the body or field', async () => {
    await fc.assert(
      fc.asyncProperty(malformedJson, async (rawBody) => {
        expectRejected(await api.request('POST', instances, { rawBody }), { status: 400, names: '(body)' });
      }),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(nonFiniteNumberBody, async ({ rawBody, path }) => {
        expectRejected(await api.request('POST', instances, { rawBody }), { status: 400, names: path });
      }),
      runs,
    );
  });

  it('rejects any JSON value that is not a start request', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        expectRejected(await api.request('POST', instances, { body }), { status: 400 });
      }),
      runs,
    );
  });

  it('answers 404 naming an unknown process, whatever the body', async () => {
    await fc.assert(
      // JSON objects or arrays: a body that does not parse is refused (400) before the route is looked at.
      fc.asyncProperty(
        unknownName(['order-to-cash']),
        fc.oneof(fc.object(), fc.array(fc.jsonValue())),
        async (name, body) => {
          const response = await api.request('POST', `/v1/processes/${pathOf(name)}/instances`, { body });
          expectRejected(response, { status: 404 });
          if (response.body.error === 'unknown_process') expect(response.body.message).toContain(name);
        },
      ),
      runs,
    );
  });

  it('refuses a body that is too large, or not sent as JSON', async () => {
    const huge = { ...validStartBody, input: { ...validStartBody.input, customerId: 'x'.repeat(1_100_000) } };
    expectRejected(await api.request('POST', instances, { body: huge }), { status: 413 });
    const response = await fetch(`${api.baseUrl.replace('[::1]', '127.0.0.1')}${instances}`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-clerk', 'content-type': 'text/plain' },
      body: JSON.stringify(validStartBody),
    });
    const text = await response.text();
    expectRejected(
      { status: response.status, headers: response.headers, text, body: JSON.parse(text) },
      { status: [400, 415] },
    );
  });
});

describe('GET /v1/processes/:process/instances and /:businessKey', () => {
  it('rejects bad list queries (status, pageSize, pageToken, unknown parameters), naming the parameter', async () => {
    await fc.assert(
      fc.asyncProperty(invalidListQuery, async ({ query, path }) => {
        expectRejected(await api.request('GET', `${instances}?${query}`), { status: 400, names: path });
      }),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(unknownQueryKey(Object.keys(listInstancesQuerySchema.shape)), async (key) => {
        expectRejected(await api.request('GET', `${instances}?${key}=1`), { status: 400, names: key });
      }),
      { numRuns: 25 },
    );
  });

  it('rejects a page token forged for this very listing, whose cursor the server never issued', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.constantFrom(null, 'RUNNING'),
        fc.option(fc.base64String({ minLength: 4, maxLength: 64 })),
        async (cursor, status, mac) => {
          const envelope = {
            p: 'order-to-cash',
            s: status,
            c: Buffer.from(cursor).toString('base64'),
            ...(mac === null ? {} : { m: mac.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_') }),
          };
          const token = Buffer.from(JSON.stringify(envelope)).toString('base64url');
          const query = `pageToken=${token}${status ? `&status=${status}` : ''}`;
          expectRejected(await api.request('GET', `${instances}?${query}`), { status: 400, names: 'pageToken' });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('rejects malformed business keys with 400 and unknown ones with 404', async () => {
    await fc.assert(
      fc.asyncProperty(invalidBusinessKey, async (key) => {
        const response = await api.request('GET', `${instances}/${pathOf(key)}`);
        expectRejected(response);
        if (response.status === 400) expectRejected(response, { names: 'businessKey' });
      }),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(businessKeyPattern).filter((key) => key !== fixtureKey),
        async (key) => {
          expectRejected(await api.request('GET', `${instances}/${pathOf(key)}`), { status: 404 });
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('POST .../:businessKey/tasks/:taskId/complete', () => {
  const completePath = (taskId: string, key = fixtureKey) =>
    `${instances}/${pathOf(key)}/tasks/${pathOf(taskId)}/complete`;

  it('rejects bodies that are not {decision, comment?}, naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(invalidCompleteBody, async ({ body, path }) => {
        expectRejected(await api.request('POST', completePath('approval-1'), { token: 'dev-manager', body }), {
          status: 400,
          names: path,
        });
      }),
      runs,
    );
  });

  it('answers 404 for a task the instance does not have, as the workflow itself decides', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[^\s/?#%\\]{1,40}$/).filter((id) => id !== 'approval-1' && id !== '.' && id !== '..'),
        async (taskId) => {
          const response = await api.request('POST', completePath(taskId), {
            token: 'dev-manager',
            body: { decision: 'approve' },
          });
          expectRejected(response, { status: 404, names: 'taskId' });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses a decision the task does not offer, and malformed task ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 64 })
          .filter((decision) => decision.trim().length > 0 && !['approve', 'reject'].includes(decision.trim())),
        async (decision) => {
          const response = await api.request('POST', completePath('approval-1'), {
            token: 'dev-manager',
            body: { decision },
          });
          expectRejected(response, { status: 400, names: 'decision' });
        },
      ),
      { numRuns: 25 },
    );
    for (const taskId of ['has space', 'x'.repeat(129), ' ']) {
      expectRejected(
        await api.request('POST', completePath(taskId), { token: 'dev-manager', body: { decision: 'approve' } }),
        {
          status: 400,
          names: 'taskId',
        },
      );
    }
  });
});

describe('POST .../:businessKey/events/:event', () => {
  const eventPath = (event: string, key = fixtureKey) => `${instances}/${pathOf(key)}/events/${pathOf(event)}`;

  it('rejects payments with a bad amount, currency or reference, naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(corruptedPayment, async ({ body, path }) => {
        expectRejected(
          await api.request('POST', eventPath('payment-received'), { token: 'dev-accounts-receivable', body }),
          {
            status: 400,
            names: path,
          },
        );
      }),
      { numRuns: 100 },
    );
  });

  it('rejects a restock that is not {sku?}, and answers 404 naming an unknown event', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            sku: fc.oneof(
              fc.integer(),
              fc.boolean(),
              fc.constant(''),
              fc.constant('   '),
              fc.string({ minLength: 65, maxLength: 300 }).filter((s) => s.trim().length > 64),
            ),
          }),
          fc.dictionary(
            fc.string({ minLength: 1 }).filter((key) => key !== 'sku'),
            fc.jsonValue(),
            { minKeys: 1 },
          ),
          fc.oneof(fc.array(fc.jsonValue()), fc.string(), fc.integer(), fc.constant(null)),
        ),
        async (body) => {
          expectRejected(await api.request('POST', eventPath('restocked'), { body }), { status: 400 });
        },
      ),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(unknownName(['payment-received', 'restocked']), async (event) => {
        const response = await api.request('POST', eventPath(event), {
          body: { amount: 1, currency: 'EUR', reference: 'R-1' },
        });
        expectRejected(response, { status: 404 });
        if (response.body.error === 'unknown_event') expect(response.body.message).toContain(event);
      }),
      runs,
    );
  });
});

describe('POST .../:businessKey/cancel', () => {
  it('rejects bodies that are not {reason}, naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(invalidCancelBody, async ({ body, path }) => {
        expectRejected(await api.request('POST', `${instances}/${fixtureKey}/cancel`, { token: 'dev-manager', body }), {
          status: 400,
          names: path,
        });
      }),
      runs,
    );
  });
});

describe('POST .../:businessKey/tasks/:taskId/claim, /release, /assign', () => {
  const actionPath = (action: string) => `${instances}/${fixtureKey}/tasks/approval-1/${action}`;

  it('rejects bodies that are not {comment?} or {assignee, comment?}, naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('claim', 'release'), invalidTaskActionBody, async (action, { body, path }) => {
        expectRejected(await api.request('POST', actionPath(action), { token: 'dev-manager', body }), {
          status: 400,
          names: path,
        });
      }),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(invalidAssignBody, async ({ body, path }) => {
        expectRejected(await api.request('POST', actionPath('assign'), { token: 'dev-manager', body }), {
          status: 400,
          names: path,
        });
      }),
      runs,
    );
  });
});

describe('GET /v1/tasks', () => {
  const inboxParameters = Object.keys(inboxQuerySchema.shape);
  const invalidValues = invalidInboxValues(taskPriorities);

  it('rejects a malformed value of any filter (400), and role or assignee filters that are not yours (403), naming the parameter', async () => {
    const exercised = inboxParameters.filter((parameter) => parameter in invalidValues);
    expect(exercised).toEqual(expect.arrayContaining(['role', 'assignee']));
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...exercised)
          .chain((parameter) => invalidValues[parameter]!.map((value) => ({ parameter, value }))),
        async ({ parameter, value }) => {
          expectRejected(await api.request('GET', `/v1/tasks?${parameter}=${encodeURIComponent(value)}`), {
            status: 400,
            names: parameter,
          });
        },
      ),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('role', 'assignee'),
        fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,30}$/).filter((value) => value !== 'clerk'),
        async (parameter, value) => {
          expectRejected(await api.request('GET', `/v1/tasks?${parameter}=${encodeURIComponent(value)}`), {
            status: 403,
            names: parameter,
          });
        },
      ),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(unknownQueryKey(inboxParameters), async (key) => {
        expectRejected(await api.request('GET', `/v1/tasks?${key}=x`), { status: 400, names: key });
      }),
      { numRuns: 25 },
    );
  });
});

describe('every endpoint', () => {
  it('answers 401 to a token it does not know', async () => {
    const endpoints: Array<[string, string]> = [
      ['GET', '/v1/processes'],
      ['POST', instances],
      ['GET', `${instances}/${fixtureKey}`],
      ['POST', `${instances}/${fixtureKey}/tasks/approval-1/complete`],
      ['POST', `${instances}/${fixtureKey}/tasks/approval-1/claim`],
      ['POST', `${instances}/${fixtureKey}/tasks/approval-1/release`],
      ['POST', `${instances}/${fixtureKey}/tasks/approval-1/assign`],
      ['POST', `${instances}/${fixtureKey}/events/payment-received`],
      ['POST', `${instances}/${fixtureKey}/cancel`],
      ['GET', '/v1/tasks'],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        // Printable ASCII: anything else cannot travel in a header at all.
        fc.stringMatching(/^[\x21-\x7e]{1,200}$/).filter((token) => !token.startsWith('dev-')),
        async ([method, path], token) => {
          const response = await api.request(method, path, { token, body: method === 'POST' ? {} : undefined });
          expectRejected(response, { status: 401 });
        },
      ),
      runs,
    );
  });

  it('answers 401 to any Authorization header that is not a bearer credential it knows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,200}$/).filter((header) => !/^Bearer\s+dev-/i.test(header)),
          fc.constantFrom(
            'Basic ZGV2LWNmbzpkZXYtY2Zv',
            'Bearer',
            'Bearer  ',
            'bearer dev-cfo extra',
            'Token dev-cfo',
            'dev-cfo',
          ),
        ),
        async (header) => {
          const response = await api.request('POST', `${instances}/${fixtureKey}/events/payment-received`, {
            authorization: header,
            body: {},
          });
          expectRejected(response, { status: 401 });
        },
      ),
      runs,
    );
  });

  it('refuses, with 403 naming who may, every dev role the contract does not allow to start, cancel or pay', async () => {
    const { access, events } = orderToCashProcess;
    const refused = (rule: { roles: readonly string[] }) =>
      [...devTokens().entries()].filter(([, actor]) => !actor.roles.some((role) => rule.roles.includes(role)));
    const cases: Array<[string, string, unknown, string]> = [
      ...refused(access.start).map(([token]): [string, string, unknown, string] => [
        token,
        instances,
        { ...validStartBody, businessKey: 'PROP-NEVER' },
        'clerk',
      ]),
      // The fixture was started by dev-clerk: the requester may cancel, so only others are tried.
      ...refused(access.cancel)
        .filter(([, actor]) => actor.id !== 'clerk')
        .map(([token]): [string, string, unknown, string] => [
          token,
          `${instances}/${fixtureKey}/cancel`,
          { reason: 'not mine' },
          'cfo',
        ]),
      ...refused(events['payment-received']!.senders).map(([token]): [string, string, unknown, string] => [
        token,
        `${instances}/${fixtureKey}/events/payment-received`,
        { amount: 1, currency: 'EUR', reference: 'PROP-PAY' },
        'accounts-receivable',
      ]),
    ];
    expect(cases.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), async ([token, path, body, named]) => {
        const response = await api.request('POST', path, { token, body });
        expectRejected(response, { status: 403 });
        expect(response.body.message).toContain(named);
      }),
      runs,
    );
  });

  it("answers a document id that is not the instance's with 400 or 404, never its content", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 300 }), async (documentId) => {
        const response = await api.request(
          'GET',
          `${instances}/${fixtureKey}/documents/${encodeURIComponent(documentId)}`,
          { token: 'dev-cfo' },
        );
        expect([400, 404]).toContain(response.status);
      }),
      runs,
    );
  });

  it('started and changed no workflow through all of the above', async () => {
    expect(await historyLength(fixtureKey)).toBe(fixtureHistory);
    // Visibility trails the server by a moment: a workflow started by mistake would show up within it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { count } = await api.client.workflow.count();
    expect(count).toBe(1);
  });
});
