/**
 * Task actions and the inbox against a real dev server and a worker running the real human-task helper
 * (the task probe, registered as the catalog's order-to-cash workflow type). The last tests stop the worker.
 */
import path from 'node:path';
import { type Actor, ordoTaskQueue, statusQuery } from '@ordo/workflows';
import { Worker } from '@temporalio/worker';
import { devTokens } from '../src/config/api-config';
import { type ApiHarness, type ApiResponse, eventually } from './support/api-harness';
import { ApiWithWorker } from './support/api-with-worker';

const instances = '/v1/processes/order-to-cash/instances';
const probeWorkflows = path.resolve(
  __dirname,
  '../../../workflows/test/support/task-probe-as-order-to-cash.workflow.ts',
);

const people: Record<string, Actor> = {
  'tok-mia': { id: 'mia', roles: ['manager'] },
  'tok-max': { id: 'max', roles: ['manager'] },
  'tok-carla': { id: 'carla', roles: ['cfo'] },
  'tok-fiona': { id: 'fiona', roles: ['finance-operations'] },
};

let stack: ApiWithWorker;
let api: ApiHarness;

beforeAll(async () => {
  stack = await ApiWithWorker.start({
    // ERROR: the probe worker has no activities, which the SDK reports at WARN.
    runtimeLogLevel: 'ERROR',
    config: {
      // Generous: on a busy 2-core machine a status query can take seconds, and a timed-out one makes the inbox partial.
      queryTimeoutMs: 15_000,
      updateTimeoutMs: 15_000,
      tokens: new Map([...devTokens(), ...Object.entries(people)]),
      grafanaUrl: 'http://grafana.example:3001',
    },
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
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

/** Starts an instance whose approval task has `priority` and is due in `dueSeconds` (see the probe). */
async function start(businessKey: string, priority: string, dueSeconds: number, token = 'dev-clerk'): Promise<void> {
  const input = {
    customerId: `${priority}/${dueSeconds}`,
    lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: 10 }],
    currency: 'EUR',
    paymentTermsDays: 14,
  };
  const response = await api.request('POST', instances, { token, body: { businessKey, input } });
  expect(response.status).toBe(201);
  // The task exists once the first workflow task ran.
  await eventually(async () =>
    (await api.request('GET', `${instances}/${businessKey}`)).body.openTasks?.length === 1 ? true : undefined,
  );
}

const act = (businessKey: string, action: string, token: string, body?: unknown, taskId = 'approval-1') =>
  api.request('POST', `${instances}/${businessKey}/tasks/${taskId}/${action}`, {
    token,
    ...(body === undefined ? {} : { body }),
  });

const inbox = (token: string, query = '') => api.request('GET', `/v1/tasks${query}`, { token });

const keysOf = (response: ApiResponse): string[] =>
  response.body.items.map((item: { businessKey: string }) => item.businessKey);

describe('task actions', () => {
  test('a manager claims and completes; another manager is refused; a role outside the task cannot claim', async () => {
    await start('TK-CLAIM', 'normal', 86_400);

    expect((await act('TK-CLAIM', 'claim', 'dev-clerk')).status).toBe(403);
    const claimed = await act('TK-CLAIM', 'claim', 'tok-mia', { comment: 'mine' });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ taskId: 'approval-1', assignee: 'mia', status: 'OPEN' });

    const second = await act('TK-CLAIM', 'claim', 'tok-max');
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: 'already_claimed', message: expect.stringContaining('mia') });

    const byOther = await act('TK-CLAIM', 'complete', 'tok-max', { decision: 'approve' });
    expect(byOther.status).toBe(403);
    expect(byOther.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('assigned to mia') });

    // The inbox follows visibility within its index's poll bound, not the moment the claim answered.
    await eventually(async () => {
      const mine = await api.request('GET', '/v1/tasks?assignee=mia', { token: 'tok-mia' });
      return keysOf(mine).includes('TK-CLAIM') ? true : undefined;
    }, 5_000);

    const completed = await act('TK-CLAIM', 'complete', 'tok-mia', { decision: 'approve' });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'COMPLETED', completedBy: 'mia' });
    expect(completed.body.audit.map((entry: { action: string }) => entry.action)).toEqual([
      'opened',
      'claimed',
      'completed',
    ]);
    expect(completed.body.audit[1]).toMatchObject({ actor: 'mia', comment: 'mine' });

    const closed = await eventually(async () => {
      const response = await act('TK-CLAIM', 'claim', 'tok-max');
      return response.status === 409 && response.body.error === 'instance_closed' ? response : undefined;
    });
    expect(closed.body.details).toEqual([{ path: 'businessKey', message: 'instance is COMPLETED' }]);
  });

  test('a supervisor role assigns; only the assignee or a supervisor releases; bad requests name the field', async () => {
    await start('TK-ASSIGN', 'normal', 86_400);

    expect((await act('TK-ASSIGN', 'assign', 'tok-max', { assignee: 'max' })).status).toBe(403);
    const assigned = await act('TK-ASSIGN', 'assign', 'tok-carla', { assignee: 'max', comment: 'yours' });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ assignee: 'max' });
    expect(assigned.body.audit.at(-1)).toMatchObject({
      action: 'assigned',
      actor: 'carla',
      comment: 'yours',
      detail: 'to max',
    });

    expect((await act('TK-ASSIGN', 'release', 'tok-mia')).status).toBe(403);
    const delegated = await act('TK-ASSIGN', 'assign', 'tok-max', { assignee: 'mia' });
    expect(delegated.body).toMatchObject({ assignee: 'mia' });
    const released = await act('TK-ASSIGN', 'release', 'tok-mia');
    expect(released.status).toBe(200);
    expect(released.body).not.toHaveProperty('assignee');
    const again = await act('TK-ASSIGN', 'release', 'tok-carla');
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('not_claimed');

    const noAssignee = await act('TK-ASSIGN', 'assign', 'tok-carla', { comment: 'x' });
    expect(noAssignee.status).toBe(400);
    expect(noAssignee.body.details).toEqual([expect.objectContaining({ path: 'assignee' })]);
    const unknownField = await act('TK-ASSIGN', 'claim', 'tok-mia', { reason: 'x' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details).toEqual([expect.objectContaining({ path: 'reason' })]);
    const noTask = await act('TK-ASSIGN', 'claim', 'tok-mia', undefined, 'approval-7');
    expect(noTask.status).toBe(404);
    expect(noTask.body).toMatchObject({ error: 'task_not_found', details: [{ path: 'taskId' }] });
    const noInstance = await act('TK-NONE', 'claim', 'tok-mia');
    expect(noInstance.status).toBe(404);
  });

  test('four-eyes: the requester cannot complete their own request and does not see it in their inbox', async () => {
    await start('TK-SELF', 'normal', 86_400, 'tok-mia');
    const refused = await act('TK-SELF', 'complete', 'tok-mia', { decision: 'approve' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/four-eyes/);
    const inboxes = await eventually(async () => {
      const [mias, maxs] = await Promise.all([inbox('tok-mia'), inbox('tok-max')]);
      return keysOf(maxs).includes('TK-SELF') ? { mias, maxs } : undefined;
    });
    expect(keysOf(inboxes.mias)).not.toContain('TK-SELF');
  });
});

describe('the inbox', () => {
  const inboxKeys = ['IN-HIGH', 'IN-URGENT', 'IN-LOW', 'IN-SOON'];

  beforeAll(async () => {
    await start('IN-HIGH', 'high', 86_400);
    await start('IN-URGENT', 'urgent', 1);
    await start('IN-LOW', 'low', 172_800);
    await start('IN-SOON', 'normal', 3_600);
    // Visibility is eventually consistent: wait until every instance is listed with its task.
    await eventually(async () => {
      const listed = keysOf(await inbox('tok-max', '?pageSize=100'));
      return inboxKeys.every((key) => listed.includes(key)) ? true : undefined;
    });
  }, 60_000);

  const ours = (response: ApiResponse) => keysOf(response).filter((key) => inboxKeys.includes(key));

  test('sorted by due time across instances; filters by process, priority, overdue and dueBefore', async () => {
    const all = await inbox('tok-max', '?process=order-to-cash&pageSize=100');
    expect(all.status).toBe(200);
    expect(ours(all)).toEqual(['IN-URGENT', 'IN-SOON', 'IN-HIGH', 'IN-LOW']);
    const dueTimes = all.body.items.map((item: { dueAt: string }) => Date.parse(item.dueAt));
    expect(dueTimes).toEqual([...dueTimes].sort((a, b) => a - b));
    expect(all.body).toMatchObject({ partial: false, nextPageToken: null });

    expect(keysOf(await inbox('tok-max', '?priority=urgent'))).toEqual(['IN-URGENT']);
    expect(ours(await inbox('tok-max', '?priority=low'))).toEqual(['IN-LOW']);

    const overdue = await eventually(async () => {
      const response = await inbox('tok-max', '?overdue=true');
      return keysOf(response).includes('IN-URGENT') ? response : undefined;
    });
    expect(ours(overdue)).toEqual(['IN-URGENT']);
    expect(overdue.body.items[0]).toMatchObject({ overdue: true, priority: 'urgent' });
    expect(ours(await inbox('tok-max', '?overdue=false'))).toEqual(['IN-SOON', 'IN-HIGH', 'IN-LOW']);

    const inTwoHours = new Date(Date.now() + 2 * 3_600_000).toISOString();
    expect(ours(await inbox('tok-max', `?dueBefore=${inTwoHours}`))).toEqual(['IN-URGENT', 'IN-SOON']);
    const inTwoDays = encodeURIComponent(new Date(Date.now() + 47 * 3_600_000).toISOString().replace('Z', '+00:00'));
    expect(ours(await inbox('tok-max', `?dueBefore=${inTwoDays}&overdue=false`))).toEqual(['IN-SOON', 'IN-HIGH']);

    expect(await inbox('dev-clerk', '?process=order-to-cash')).toMatchObject({ status: 200, body: { items: [] } });
  });

  test('the overview counts what the inbox and the instance listings show, for those who oversee the process', async () => {
    const overdueInInbox = await eventually(async () => {
      const response = await inbox('tok-max', '?process=order-to-cash&overdue=true&pageSize=100');
      return response.body.items.length > 0 ? response.body.items.length : undefined;
    });
    const listed = async (status: string) =>
      (await api.request('GET', `${instances}?status=${status}&pageSize=100`)).body.items.length as number;
    const row = await eventually(async () => {
      const answer = await api.request('GET', '/v1/overview', { token: 'dev-process-analyst' });
      expect(answer.status).toBe(200);
      const candidate = answer.body.processes.find((entry: { process: string }) => entry.process === 'order-to-cash');
      // Visibility and the inbox index settle a moment after an action: equal once both have.
      const [running, completed] = [await listed('RUNNING'), await listed('COMPLETED')];
      return candidate.inFlight === running &&
        candidate.completedToday === completed &&
        candidate.overdueTasks === overdueInInbox
        ? { candidate, running, completed }
        : undefined;
    });
    expect(row.running).toBeGreaterThanOrEqual(4);
    expect(row.completed).toBeGreaterThanOrEqual(1);
    expect(row.candidate).toMatchObject({
      ownerTeam: 'finance-operations',
      slaTarget: 'P60D',
      // Nothing here is 60 days old.
      openPastSla: 0,
      dashboardUrl: 'http://grafana.example:3001/d/ordo-order-to-cash',
    });
    const other = (await api.request('GET', '/v1/overview', { token: 'dev-process-analyst' })).body.processes.find(
      (entry: { process: string }) => entry.process === 'support-ticket',
    );
    expect(other.dashboardUrl).toBe('http://grafana.example:3001/d/ordo-process-overview?var-process=support-ticket');

    // A clerk starts orders but oversees no process; an owner team oversees its own processes only.
    expect((await api.request('GET', '/v1/overview', { token: 'dev-clerk' })).body.processes).toEqual([]);
    const owned = (await api.request('GET', '/v1/overview', { token: 'tok-fiona' })).body.processes;
    expect(owned.map((entry: { process: string }) => entry.process).sort()).toEqual([
      'document-approval',
      'order-to-cash',
    ]);
    expect((await api.request('GET', '/v1/overview', { token: null })).status).toBe(401);
  });

  test('bad filters are 400 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['?process=no-such-process', 'process'],
      ['?priority=critical', 'priority'],
      ['?overdue=yes', 'overdue'],
      ['?dueBefore=tomorrow', 'dueBefore'],
      ['?pageSize=0', 'pageSize'],
      ['?pageToken=garbage', 'pageToken'],
      ['?colour=red', 'colour'],
    ];
    for (const [query, parameter] of cases) {
      const response = await inbox('tok-max', query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.details).toEqual([expect.objectContaining({ path: parameter })]);
    }
  });

  test('pages follow the due-time order without gaps or repeats; a token only fits its own filters', async () => {
    const whole = await inbox('tok-max', '?pageSize=100');
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const query: string = `?pageSize=2${token ? `&pageToken=${token}` : ''}`;
      const page = await inbox('tok-max', query);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: { workflowId: string }) => item.workflowId));
      token = page.body.nextPageToken;
      pages += 1;
    } while (token && pages < 20);
    expect(seen).toEqual(whole.body.items.map((item: { workflowId: string }) => item.workflowId));
    expect(pages).toBe(Math.ceil(seen.length / 2));
    expect(seen.length).toBeGreaterThanOrEqual(inboxKeys.length);

    const first = await inbox('tok-max', '?pageSize=1');
    const otherListing = await inbox('tok-max', `?pageSize=1&priority=low&pageToken=${first.body.nextPageToken}`);
    expect(otherListing.status).toBe(400);
    expect(otherListing.body.details).toEqual([
      expect.objectContaining({ path: 'pageToken', message: expect.stringContaining('different listing') }),
    ]);
  });
});

// Last: stops the worker for the rest of the file.
describe('the inbox with the worker stopped', () => {
  test('lists open tasks with all their details from visibility alone, without asking any instance', async () => {
    await start('NW-CLAIMED', 'high', 7_200);
    const claimed = await act('NW-CLAIMED', 'claim', 'tok-mia', { comment: 'mine' });
    expect(claimed.status).toBe(200);
    await eventually(async () => {
      const listed = await inbox('tok-mia', '?assignee=mia');
      return keysOf(listed).includes('NW-CLAIMED') ? true : undefined;
    });

    await stack.stopWorker();
    const handle = api.client.workflow.getHandle('order-to-cash:NW-CLAIMED');
    await expect(api.client.withDeadline(Date.now() + 1_000, () => handle.query(statusQuery))).rejects.toThrow();

    const mine = await inbox('tok-mia', '?assignee=mia');
    expect(mine.body.partial).toBe(false);
    const { audit, ...task } = claimed.body;
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'claimed' })]));
    // The inbox leaves the audit to the instance's status; everything else is the task as the claim answered it.
    expect(mine.body.items.find((item: { businessKey: string }) => item.businessKey === 'NW-CLAIMED')).toEqual({
      process: 'order-to-cash',
      businessKey: 'NW-CLAIMED',
      workflowId: 'order-to-cash:NW-CLAIMED',
      ...task,
      overdue: false,
    });
    expect(task).toMatchObject({
      assignee: 'mia',
      priority: 'high',
      title: expect.any(String),
      data: expect.any(Object),
      excludedActorIds: ['clerk'],
    });

    const all = await inbox('tok-max', '?pageSize=100');
    expect(all.body.partial).toBe(false);
    expect(keysOf(all)).toEqual(expect.arrayContaining(['IN-HIGH', 'IN-URGENT', 'IN-LOW', 'IN-SOON']));
  });
});
