import { apiCaller, eventually, type Json, startTestStack, type RunningStack } from './stack-fixture';

jest.setTimeout(300_000);

/** People with distinct ids: four-eyes is about persons, and dev tokens would make every manager `manager`. */
const people: Record<string, { id: string; roles: string[] }> = {
  'tok-rita': { id: 'rita', roles: ['clerk', 'manager'] },
  'tok-mo': { id: 'mo', roles: ['manager'] },
  'tok-dora': { id: 'dora', roles: ['director'] },
  'tok-hanna': { id: 'hanna', roles: ['hr'] },
  'tok-ivan': { id: 'ivan', roles: ['it'] },
  'tok-fay': { id: 'fay', roles: ['facilities'] },
  'tok-max': { id: 'max', roles: ['manager'] },
  'tok-sam': { id: 'sam', roles: ['support-l1'] },
  'tok-lea': { id: 'lea', roles: ['support-l2'] },
  // Reads every instance (the processes' read rules let participants read only while they take part).
  'tok-audrey': { id: 'audrey', roles: ['auditor'] },
};

describe('seed processes end to end: real API, dev server, worker and sandbox', () => {
  let stack: RunningStack & { dispose(): Promise<void> };
  const run = Date.now();

  const call = apiCaller(() => stack.urls.api);

  const instance = (process: string, key: string) => `/v1/processes/${process}/instances/${key}`;
  const statusOf = async (process: string, key: string) =>
    (await call('GET', instance(process, key), 'tok-audrey')).json;
  const openTask = (process: string, key: string, taskId: string) =>
    eventually(async () => (await statusOf(process, key)).openTasks?.find((task: Json) => task.taskId === taskId), {
      what: `task ${taskId}`,
    });
  const closed = (process: string, key: string) =>
    eventually(
      async () => {
        const current = await statusOf(process, key);
        return current.status !== 'RUNNING' ? current : undefined;
      },
      { what: `${process} ${key} closed` },
    );
  const complete = (process: string, key: string, taskId: string, token: string, decision: string, comment?: string) =>
    call('POST', `${instance(process, key)}/tasks/${taskId}/complete`, token, {
      decision,
      ...(comment ? { comment } : {}),
    });
  const ledger = async (query: string): Promise<Json[]> =>
    ((await (await fetch(`${stack.urls.sandbox}/ledger${query}`)).json()) as Json).entries;

  beforeAll(async () => {
    stack = await startTestStack({ env: { ORDO_API_TOKENS: JSON.stringify(people) } });
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('the catalog lists every process with its decision tables and their versions', async () => {
    const { status, json } = await call('GET', '/v1/processes', 'tok-rita');
    expect(status).toBe(200);
    const byName = new Map((json.items as Json[]).map((item) => [item.name, item]));
    expect([...byName.keys()].sort()).toEqual([
      'document-approval',
      'employee-onboarding',
      'order-to-cash',
      'purchase-requisition',
      'support-ticket',
    ]);
    // Each table as its file says it, so the Console renders the rules the process version routes with.
    expect(byName.get('order-to-cash')!.decisionTables).toEqual([
      expect.objectContaining({
        name: 'order-approval',
        version: '1',
        hitPolicy: 'UNIQUE',
        inputs: { total: 'number' },
        rules: expect.arrayContaining([
          {
            id: 'above-10000',
            description: 'Large orders need the CFO',
            when: { total: { op: '>', value: 10000 } },
            then: { approverRole: 'cfo' },
          },
        ]),
      }),
    ]);
    expect(byName.get('order-to-cash')!.decisionTables[0].rules[0]).not.toHaveProperty('accepts');
    expect(byName.get('document-approval')).toMatchObject({
      version: '1.0.0',
      ownerTeam: 'finance-operations',
      decisionTables: [{ name: 'document-approval-chain', version: '1' }],
      events: [expect.objectContaining({ name: 'resubmitted' })],
      taskTypes: [
        {
          type: 'approval',
          roles: ['manager', 'legal', 'director', 'cfo'],
          decisions: ['approve', 'reject', 'return'],
        },
      ],
    });
    expect(byName.get('support-ticket')!.decisionTables).toEqual([
      expect.objectContaining({ name: 'support-ticket-classification', version: '1' }),
    ]);
    expect(byName.get('employee-onboarding')!.inputSchema.properties).toHaveProperty('employeeId');
  });

  it('document approval: four-eyes refusal, wrong role, return, resubmission into a lower band, approval', async () => {
    const key = `PO-E2E-${run}`;
    const document = {
      documentType: 'purchase-order',
      title: 'Test rigs',
      amount: 12_000,
      currency: 'EUR',
      category: 'it',
      department: 'engineering',
    };
    const started = await call('POST', '/v1/processes/document-approval/instances', 'tok-rita', {
      businessKey: key,
      input: document,
    });
    expect(started.status).toBe(201);

    const first = await openTask('document-approval', key, 'approval-1');
    expect(first).toMatchObject({
      candidateRoles: ['manager'],
      data: expect.objectContaining({ levels: 2, requestedBy: 'rita' }),
    });
    // rita holds the manager role, but requested the document herself.
    expect((await complete('document-approval', key, 'approval-1', 'tok-rita', 'approve')).status).toBe(403);
    expect((await complete('document-approval', key, 'approval-1', 'tok-dora', 'approve')).status).toBe(403);
    expect((await complete('document-approval', key, 'approval-1', 'tok-mo', 'return', 'too many rigs')).status).toBe(
      200,
    );

    await eventually(
      async () => ((await statusOf('document-approval', key)).stage === 'awaiting-resubmission' ? true : undefined),
      {
        what: 'awaiting-resubmission',
      },
    );
    const resubmitted = await call('POST', `${instance('document-approval', key)}/events/resubmitted`, 'tok-rita', {
      document: { ...document, amount: 8_000, title: 'Fewer test rigs' },
      note: 'halved',
    });
    expect(resubmitted.status).toBe(202);

    const second = await openTask('document-approval', key, 'approval-2');
    expect(second).toMatchObject({
      candidateRoles: ['manager'],
      data: expect.objectContaining({ levels: 1, amount: 8_000, revision: 1 }),
    });
    expect((await complete('document-approval', key, 'approval-2', 'tok-mo', 'approve')).status).toBe(200);

    const done = await closed('document-approval', key);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      result: { summary: { chain: ['manager'], approvals: [{ role: 'manager', approvedBy: 'mo' }], revisions: 1 } },
    });
    expect(done.decisions.map((decision: Json) => decision.table)).toEqual([
      'document-approval-chain',
      'document-approval-chain',
    ]);
  });

  it('employee onboarding: account and payroll in the sandbox, four parallel checklists, completion', async () => {
    const key = `E-1001-${run}`;
    const started = await call('POST', '/v1/processes/employee-onboarding/instances', 'tok-hanna', {
      businessKey: key,
      input: { employeeId: 'E-1001', managerId: 'max' },
    });
    expect(started.status).toBe(201);
    const checklist = await eventually(
      async () => {
        const current = await statusOf('employee-onboarding', key);
        return current.openTasks?.length === 4 ? current.openTasks : undefined;
      },
      { what: 'the four checklist tasks' },
    );
    expect(checklist.map((task: Json) => task.type).sort()).toEqual([
      'facilities-checklist',
      'hr-checklist',
      'it-checklist',
      'manager-checklist',
    ]);

    const effects = await ledger(`?orderId=E-1001`);
    expect(
      effects
        .filter((entry) => entry.idempotencyKey.startsWith(`employee-onboarding:${key}:`))
        .map((entry) => `${entry.system} ${entry.action}`),
    ).toEqual(['directory account.created', 'payroll employee.enrolled']);

    expect((await complete('employee-onboarding', key, 'hr-checklist-1', 'tok-ivan', 'done')).status).toBe(403);
    for (const [taskId, token] of [
      ['hr-checklist-1', 'tok-hanna'],
      ['it-checklist-1', 'tok-ivan'],
      ['facilities-checklist-1', 'tok-fay'],
      ['manager-checklist-1', 'tok-max'],
    ] as const) {
      expect((await complete('employee-onboarding', key, taskId, token, 'done')).status).toBe(200);
    }
    const done = await closed('employee-onboarding', key);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      result: { summary: { employeeName: 'Ada Lovelace', username: 'ada.lovelace' } },
    });
  });

  it('support ticket: classified urgent for second level, responded, customer reply, resolved', async () => {
    const key = `T-E2E-${run}`;
    const started = await call('POST', '/v1/processes/support-ticket/instances', 'tok-rita', {
      businessKey: key,
      input: {
        customerId: 'C-100',
        customerEmail: 'it@acme.example',
        customerTier: 'enterprise',
        channel: 'web',
        category: 'outage',
        subject: 'Checkout is down',
        description: 'All payments fail since 09:00.',
      },
    });
    expect(started.status).toBe(201);
    const ticket = await openTask('support-ticket', key, 'ticket-1');
    expect(ticket).toMatchObject({ candidateRoles: ['support-l2'], priority: 'urgent' });

    expect((await complete('support-ticket', key, 'ticket-1', 'tok-sam', 'respond')).status).toBe(403);
    expect((await complete('support-ticket', key, 'ticket-1', 'tok-lea', 'respond', 'Investigating.')).status).toBe(
      200,
    );
    await eventually(
      async () => ((await statusOf('support-ticket', key)).stage === 'awaiting-customer' ? true : undefined),
      { what: 'awaiting-customer' },
    );
    expect(
      (
        await call('POST', `${instance('support-ticket', key)}/events/customer-replied`, 'tok-rita', {
          message: 'Still down',
        })
      ).status,
    ).toBe(202);
    await openTask('support-ticket', key, 'ticket-2');
    expect(
      (await complete('support-ticket', key, 'ticket-2', 'tok-lea', 'resolve', 'Payment provider failover.')).status,
    ).toBe(200);

    const done = await closed('support-ticket', key);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      result: { summary: { priority: 'urgent', closedBy: 'resolution', customerReplies: 1 } },
    });
    const outbox = (await (await fetch(`${stack.urls.sandbox}/mail/outbox?orderId=${key}`)).json()) as Json;
    expect(outbox.messages.map((message: Json) => message.body)).toEqual([
      'Investigating.',
      'Payment provider failover.',
    ]);
  });
});
