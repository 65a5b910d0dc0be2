/**
 * The inbox index against a real dev server: a worker runs the real human-task helper (the task probe, registered
 * as the catalog's order-to-cash workflow type) and two API apps on the same Temporal play two replicas, each with
 * its own index built from the same visibility.
 */
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Actor, ordoTaskQueue } from '@ordo/workflows';
import { Worker } from '@temporalio/worker';
import { type ApiConfig, devTokens } from '../src/config/api-config';
import { type ApiResponse, eventually, httpRequest, metricSample, startApp } from './support/api-harness';
import { ApiWithWorker } from './support/api-with-worker';

const instances = '/v1/processes/order-to-cash/instances';
const probeWorkflows = path.resolve(
  __dirname,
  '../../../workflows/test/support/task-probe-as-order-to-cash.workflow.ts',
);

const people: Record<string, Actor> = {
  'tok-mia': { id: 'mia', roles: ['manager'] },
  'tok-max': { id: 'max', roles: ['manager'] },
};

/** What both replicas share, as replicas behind one load balancer would: the tokens, and the page-token key. */
const sharedConfig: Partial<ApiConfig> = {
  // Generous: on a busy 2-core machine an update can take seconds.
  queryTimeoutMs: 15_000,
  updateTimeoutMs: 15_000,
  tokens: new Map([...devTokens(), ...Object.entries(people)]),
  pageTokenSecret: 'inbox-index-test-page-token-secret-0123456789',
};

/** The bound the inbox promises: a task is listed, and unlisted, within this long of opening or closing. */
const freshnessBoundMs = 2_000;

let stack: ApiWithWorker;
let replica: NestExpressApplication;
let replicas: string[];

beforeAll(async () => {
  stack = await ApiWithWorker.start({
    // ERROR: the probe worker has no activities, which the SDK reports at WARN.
    runtimeLogLevel: 'ERROR',
    config: sharedConfig,
    createWorker: (env, dataConverter) =>
      Worker.create({
        connection: env.nativeConnection,
        namespace: 'default',
        taskQueue: ordoTaskQueue,
        workflowsPath: probeWorkflows,
        dataConverter,
      }),
  });
  replica = await startApp({ ...sharedConfig, temporal: { address: stack.api.env.address, namespace: 'default' } });
  replicas = [stack.api.baseUrl, await replica.getUrl()];
}, 120_000);

afterAll(async () => {
  await replica?.close();
  await stack?.close();
});

const inbox = (baseUrl: string, token: string, query = '') =>
  httpRequest(baseUrl, 'GET', `/v1/tasks${query}`, { token });

const keysOf = (response: ApiResponse): string[] =>
  response.body.items.map((item: { businessKey: string }) => item.businessKey);

/** Starts an instance whose approval task has `priority` and is due in `dueSeconds`; resolves once the task is open. */
async function startWithTask(businessKey: string, priority: string, dueSeconds: number): Promise<void> {
  const input = {
    customerId: `${priority}/${dueSeconds}`,
    lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: 10 }],
    currency: 'EUR',
    paymentTermsDays: 14,
  };
  const response = await stack.api.request('POST', instances, { body: { businessKey, input } });
  expect(response.status).toBe(201);
  // Asked of the workflow itself (its status query), not of visibility: the moment the task exists.
  await eventually(async () =>
    (await stack.api.request('GET', `${instances}/${businessKey}`)).body.openTasks?.length === 1 ? true : undefined,
  );
}

/** Resolves once `check` holds on every replica, failing after `timeoutMs`. */
async function onEveryReplica(check: (baseUrl: string) => Promise<boolean>, timeoutMs: number): Promise<void> {
  await Promise.all(
    replicas.map((baseUrl) => eventually(async () => ((await check(baseUrl)) ? true : undefined), timeoutMs)),
  );
}

describe('the inbox index', () => {
  test(`a task is listed within ${freshnessBoundMs} ms of opening and unlisted within ${freshnessBoundMs} ms of completion, on every replica`, async () => {
    await startWithTask('FRESH-1', 'normal', 86_400);
    const listed = async (baseUrl: string) =>
      keysOf(await inbox(baseUrl, 'tok-max', '?pageSize=100')).includes('FRESH-1');
    await onEveryReplica(listed, freshnessBoundMs);

    const completed = await stack.api.request('POST', `${instances}/FRESH-1/tasks/approval-1/complete`, {
      token: 'tok-max',
      body: { decision: 'approve' },
    });
    expect(completed.status).toBe(200);
    await onEveryReplica(async (baseUrl) => !(await listed(baseUrl)), freshnessBoundMs);
  });

  describe('with many open tasks', () => {
    const priorities = ['low', 'normal', 'high', 'urgent'];
    const count = 40;
    /** Every tenth is due at once (overdue by the time it is listed); the others hours apart, in scrambled order. */
    const specs = Array.from({ length: count }, (_, index) => ({
      businessKey: `MANY-${String(index).padStart(2, '0')}`,
      priority: priorities[index % priorities.length]!,
      dueSeconds: index % 10 === 0 ? 1 : 3_600 * (1 + ((index * 7) % count)),
    }));
    const ours = (response: ApiResponse) => keysOf(response).filter((key) => key.startsWith('MANY-'));
    const byDue = (list: typeof specs) => [...list].sort((a, b) => a.dueSeconds - b.dueSeconds);
    const notOverdue = byDue(specs.filter((spec) => spec.dueSeconds > 1)).map((spec) => spec.businessKey);
    const overdue = specs.filter((spec) => spec.dueSeconds === 1).map((spec) => spec.businessKey);

    beforeAll(async () => {
      for (let first = 0; first < count; first += 10) {
        await Promise.all(
          specs.slice(first, first + 10).map((spec) => startWithTask(spec.businessKey, spec.priority, spec.dueSeconds)),
        );
      }
      await onEveryReplica(
        async (baseUrl) =>
          ours(await inbox(baseUrl, 'tok-max', '?pageSize=100&process=order-to-cash')).length === count,
        10_000,
      );
      // The ones due at once are past due a second after they opened.
      await eventually(async () =>
        ours(await inbox(replicas[0]!, 'tok-max', '?overdue=true&pageSize=100')).length === overdue.length
          ? true
          : undefined,
      );
    }, 120_000);

    test('every replica answers the same complete inbox, sorted by due time', async () => {
      const answers = await Promise.all(replicas.map((baseUrl) => inbox(baseUrl, 'tok-max', '?pageSize=100')));
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ partial: false, nextPageToken: null });
        const positions = answer.body.items.map((item: { dueAt: string; workflowId: string }) => [
          new Date(item.dueAt).toISOString(),
          item.workflowId,
        ]);
        expect(positions).toEqual([...positions].sort((a, b) => (a.join(' ') < b.join(' ') ? -1 : 1)));
        // The overdue ones first (due within a second of each other), then the rest in the order they were made due.
        expect(ours(answer).slice(0, overdue.length).sort()).toEqual(overdue);
        expect(ours(answer).slice(overdue.length)).toEqual(notOverdue);
      }
      // A reminder sent meanwhile may reach one replica's index a poll before the other's: they agree within the bound.
      const [first, second] = await eventually(async () => {
        const pair = await Promise.all(replicas.map((baseUrl) => inbox(baseUrl, 'tok-max', '?pageSize=100')));
        return JSON.stringify(pair[0]!.body) === JSON.stringify(pair[1]!.body) ? pair : undefined;
      }, freshnessBoundMs).catch(() => answers);
      expect(second!.body).toEqual(first!.body);
    });

    test('filters by priority, overdue and due time, exactly, on every replica', async () => {
      const inThreeHours = new Date(Date.now() + 3.5 * 3_600_000).toISOString();
      const cases: Array<[string, string[]]> = [
        ['?priority=high', byDue(specs.filter((spec) => spec.priority === 'high')).map((spec) => spec.businessKey)],
        ['?overdue=true', overdue],
        ['?overdue=false', notOverdue],
        [
          '?role=manager&priority=low',
          byDue(specs.filter((spec) => spec.priority === 'low')).map((s) => s.businessKey),
        ],
        [
          `?dueBefore=${inThreeHours}&overdue=false`,
          byDue(specs.filter((spec) => spec.dueSeconds > 1 && spec.dueSeconds < 3.5 * 3_600)).map((s) => s.businessKey),
        ],
      ];
      for (const baseUrl of replicas) {
        for (const [query, expected] of cases) {
          const answer = await inbox(baseUrl, 'tok-max', `${query}&pageSize=100&process=order-to-cash`);
          const listed = ours(answer);
          expect({ query, listed: query === '?overdue=true' ? listed.sort() : listed }).toEqual({
            query,
            listed: expected,
          });
          expect(answer.body.partial).toBe(false);
        }
      }
      // The clerk holds no role any task names.
      expect((await inbox(replicas[1]!, 'dev-clerk')).body).toEqual({ items: [], nextPageToken: null, partial: false });
    });

    test('pages walk the due-time order without gaps or repeats, alternating replicas', async () => {
      const whole = await inbox(replicas[0]!, 'tok-max', '?pageSize=100&process=order-to-cash');
      const seen: string[] = [];
      let token: string | null = null;
      let pages = 0;
      do {
        const page: ApiResponse = await inbox(
          replicas[pages % replicas.length]!,
          'tok-max',
          `?pageSize=7&process=order-to-cash${token ? `&pageToken=${token}` : ''}`,
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((item: { workflowId: string }) => item.workflowId));
        token = page.body.nextPageToken;
        pages += 1;
      } while (token && pages < 30);
      expect(seen).toEqual(whole.body.items.map((item: { workflowId: string }) => item.workflowId));
      expect(pages).toBe(Math.ceil(seen.length / 7));
    });

    test('a claim shows in the assignee filter of every replica; the index reports its staleness', async () => {
      const claimed = await stack.api.request('POST', `${instances}/MANY-05/tasks/approval-1/claim`, {
        token: 'tok-max',
      });
      expect(claimed.status).toBe(200);
      await onEveryReplica(
        async (baseUrl) => keysOf(await inbox(baseUrl, 'tok-max', '?assignee=max')).join() === 'MANY-05',
        freshnessBoundMs,
      );
      const scrape = (await httpRequest(replicas[0]!, 'GET', '/metrics', { token: null })).text;
      expect(metricSample(scrape, 'ordo_inbox_index_staleness_seconds', {})).toBeLessThan(freshnessBoundMs / 1000);
      expect(metricSample(scrape, 'ordo_inbox_index_open_tasks', {})).toBeGreaterThanOrEqual(count);
    });
  });
});
