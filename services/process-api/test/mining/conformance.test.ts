/**
 * The contracts' designed models and rules against hand-made logs: each rule fits a well-behaved instance and catches
 * a seeded violation (an order above 10,000 approved by a manager as under an older table version, a shipment before
 * its approval, a requester approving their own document, a level decided out of order, a step the model has not).
 */
import { documentApprovalProcess, orderToCashProcess } from '@ordo/workflows';
import { conformanceOf } from '../../src/mining/analysis/conformance';
import type { MiningCase, MiningEvent } from '../../src/mining/store/mining-records';

const t0 = Date.parse('2026-02-02T08:00:00Z');

interface Step {
  activity: string;
  resource?: string;
  role?: string;
  decision?: string;
  instance?: string;
}

function caseOf(process: string, caseId: string, amount: number, steps: Step[], outcome = 'COMPLETED') {
  const runId = `run-${caseId}`;
  const record: MiningCase = {
    process,
    version: '1.0.0',
    caseId,
    workflowId: `${process}:${caseId}`,
    runId,
    startedMs: t0,
    closedMs: t0 + steps.length * 60_000,
    historyLength: 1,
    outcome,
    amount,
    amountBand: null,
    currency: 'EUR',
    customer: 'C-1',
    requestedBy: 'rita',
    ruleFired: null,
  };
  const events = steps.map((step, index): MiningEvent => ({
    process,
    version: '1.0.0',
    caseId,
    workflowId: record.workflowId,
    runId,
    sequence: index,
    activity: step.activity,
    activityInstance: step.instance ?? `activity-${index}`,
    kind: step.role ? 'task' : 'activity',
    lifecycle: 'complete',
    timestampMs: t0 + (index + 1) * 60_000,
    resource: step.resource ?? 'erp',
    role: step.role ?? null,
    waitingSeconds: 0,
    workingSeconds: 0,
    outcome: 'completed',
    decision: step.decision ?? null,
    objects: [],
  }));
  return { record, events };
}

const shippedTail: Step[] = [
  { activity: 'reserve-stock' },
  { activity: 'create-shipment' },
  { activity: 'create-invoice' },
  { activity: 'render-invoice-pdf' },
  { activity: 'mail-invoice' },
  { activity: 'payment-received' },
  { activity: 'post-receipt' },
];

const approval = (resource: string, role: string, decision = 'approve'): Step => ({
  activity: 'approval',
  resource,
  role,
  decision,
  instance: 'task-approval-1',
});

function report(cases: Array<ReturnType<typeof caseOf>>, spec = orderToCashProcess.conformance!) {
  return conformanceOf(
    spec,
    cases.map((entry) => entry.record),
    cases.flatMap((entry) => entry.events),
  );
}

const rule = (result: ReturnType<typeof report>, id: string) => result.rules.find((entry) => entry.id === id)!;

describe('order-to-cash conformance', () => {
  const fitting = [
    caseOf('order-to-cash', 'SO-AUTO', 500, [{ activity: 'credit-check' }, ...shippedTail]),
    caseOf('order-to-cash', 'SO-MGR', 5_000, [
      { activity: 'credit-check' },
      approval('mo', 'manager'),
      { activity: 'approval-reminder-1', resource: 'mail' },
      ...shippedTail,
    ]),
    caseOf('order-to-cash', 'SO-CFO', 15_000, [{ activity: 'credit-check' }, approval('fran', 'cfo'), ...shippedTail]),
    caseOf(
      'order-to-cash',
      'SO-REJ',
      2_000,
      [{ activity: 'credit-check' }, approval('mo', 'manager', 'reject')],
      'REJECTED',
    ),
    caseOf(
      'order-to-cash',
      'SO-CXL',
      300,
      [
        { activity: 'credit-check' },
        ...shippedTail.slice(0, 5),
        { activity: 'cancel', resource: 'mo' },
        { activity: 'void-invoice' },
        { activity: 'book-return' },
      ],
      'CANCELLED',
    ),
  ];

  it('the real flows fit the model and every rule', () => {
    const result = report(fitting);
    expect(result.model).toEqual({ applicable: 5, fitting: 5, share: 1, violations: [] });
    expect(rule(result, 'cfo-approves-above-10000')).toMatchObject({ applicable: 1, fitting: 1, violations: [] });
    expect(rule(result, 'no-shipment-before-approval')).toMatchObject({ applicable: 3, fitting: 3, violations: [] });
  });

  it('finds an order above 10,000 approved by a manager and a shipment before approval, with what and when', () => {
    const result = report([
      ...fitting,
      // As an instance that ran under an older approval table (manager up to 20,000) would record it.
      caseOf('order-to-cash', 'SO-OLD-TABLE', 12_000, [
        { activity: 'credit-check' },
        approval('mo', 'manager'),
        ...shippedTail,
      ]),
      caseOf('order-to-cash', 'SO-EARLY', 5_000, [
        { activity: 'credit-check' },
        { activity: 'reserve-stock' },
        { activity: 'create-shipment' },
        approval('mo', 'manager'),
        ...shippedTail.slice(2),
      ]),
    ]);
    expect(rule(result, 'cfo-approves-above-10000')).toMatchObject({
      applicable: 2,
      fitting: 1,
      share: 0.5,
      violations: [
        {
          caseId: 'SO-OLD-TABLE',
          what: 'approval approved by mo as manager, not cfo',
          at: '2026-02-02T08:02:00.000+00:00',
        },
      ],
    });
    expect(rule(result, 'no-shipment-before-approval').violations).toEqual([
      {
        caseId: 'SO-EARLY',
        what: 'create-shipment completed before any approving approval',
        at: '2026-02-02T08:03:00.000+00:00',
      },
    ]);
    // The model too: an approval after the shipment is no designed transition.
    expect(result.model.violations).toEqual([
      { caseId: 'SO-EARLY', what: 'approval directly after create-shipment', at: '2026-02-02T08:04:00.000+00:00' },
    ]);
    expect(result.model).toMatchObject({ applicable: 7, fitting: 6 });
  });
});

describe('document approval conformance', () => {
  const spec = documentApprovalProcess.conformance!;
  const level = (number: number, resource: string, role: string, decision = 'approve'): Step => ({
    activity: 'approval',
    resource,
    role,
    decision,
    instance: `task-approval-${number}`,
  });

  it('finds a requester approving their own document and a level decided out of order', () => {
    const result = report(
      [
        caseOf('document-approval', 'DOC-OK', 12_000, [
          level(1, 'mo', 'manager'),
          level(2, 'dora', 'director'),
          { activity: 'outcome', resource: 'mail' },
        ]),
        caseOf('document-approval', 'DOC-SELF', 400, [level(1, 'rita', 'manager'), { activity: 'outcome' }]),
        caseOf('document-approval', 'DOC-ORDER', 12_000, [
          level(2, 'dora', 'director'),
          level(1, 'mo', 'manager'),
          { activity: 'outcome' },
        ]),
      ],
      spec,
    );
    expect(result.model).toMatchObject({ applicable: 3, fitting: 3 });
    expect(rule(result, 'approver-is-not-requester')).toMatchObject({
      applicable: 3,
      fitting: 2,
      violations: [{ caseId: 'DOC-SELF', what: 'approval completed by rita, who requested it' }],
    });
    expect(rule(result, 'levels-in-order')).toMatchObject({
      fitting: 2,
      violations: [{ caseId: 'DOC-ORDER', what: 'task-approval-1 decided after a later level' }],
    });
  });
});
