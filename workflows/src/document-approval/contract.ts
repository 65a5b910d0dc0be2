import type { Duration } from '@temporalio/common';
import { defineSignal } from '@temporalio/workflow';
import { z } from 'zod';
import type { ProcessDefinition, ProcessEventDefinition } from '../lib/process-definition';
import { ordoTaskQueue } from '../lib/process-definition';
import { approvalChainTable } from './approval-chain-table';
import { currencyCodeSchema } from '../lib/currency';

export const documentTypes = ['purchase-order', 'contract', 'quote', 'invoice', 'email'] as const;
export const documentCategories = ['operational', 'capital', 'legal', 'it', 'marketing'] as const;
/** Every role an approval chain can contain, in the order the chain table may name them. */
export const approverRoles = ['manager', 'legal', 'director', 'cfo'] as const;
export type ApproverRole = (typeof approverRoles)[number];

/** The document under approval; a resubmission carries a complete revised copy. */
export const documentSchema = z
  .object({
    documentType: z.enum(documentTypes),
    title: z.string().trim().min(1).max(200),
    /** Zero for documents without a value (an e-mail sign-off, a non-monetary contract). */
    amount: z.number().min(0).max(1_000_000_000),
    currency: currencyCodeSchema(),
    category: z.enum(documentCategories),
    department: z.string().trim().min(1).max(64),
    documentUrl: z.url({ protocol: /^https?$/ }).optional(),
    summary: z.string().max(4000).optional(),
  })
  .strict();

export const documentApprovalInputSchema = documentSchema;
export type DocumentApprovalInput = z.infer<typeof documentApprovalInputSchema>;

export const resubmittedSchema = z
  .object({
    document: documentSchema,
    note: z.string().max(4000).optional(),
  })
  .strict();
export type Resubmitted = z.infer<typeof resubmittedSchema>;
export const resubmittedSignal = defineSignal<[Resubmitted]>('resubmitted');

/** Policy constants of this version of the process. */
export const documentApprovalPolicy = {
  /** Time each level has to decide; an overdue level escalates and gets the same time again. */
  levelDue: { manager: '2 days', legal: '3 days', director: '3 days', cfo: '3 days' } as Record<ApproverRole, Duration>,
  /** Where an overdue level goes: a manager's task to the director, a director's or legal's task to the CFO. */
  escalationTargets: { manager: 'director', legal: 'cfo', director: 'cfo' } as Record<string, string>,
  /** How long a returned document waits for its revision before the request lapses (REJECTED). */
  resubmissionWindow: '14 days' as Duration,
} as const;

export const documentApprovalStages = ['routing', 'approval', 'awaiting-resubmission', 'closed'] as const;
export type DocumentApprovalStage = (typeof documentApprovalStages)[number];

export interface LevelApproval {
  level: number;
  role: string;
  approvedBy: string;
}

/** The summary in a COMPLETED/REJECTED/CANCELLED result of this process. */
export interface DocumentApprovalSummary {
  documentType: string;
  title: string;
  amount: number;
  currency: string;
  /** The approval chain in force at the end, level 1 first. */
  chain: string[];
  approvals: LevelApproval[];
  /** How many times the requester resubmitted a returned document. */
  revisions: number;
}

export const resubmittedEvent: ProcessEventDefinition<Resubmitted> = {
  name: 'resubmitted',
  description:
    'Only the requester resubmits a returned document with its revision. An approval counts only for the content its ' +
    'approver saw: approval resumes at the first level whose approver saw other content (level 1 when the document itself ' +
    'changed), and at level 1 whenever the revision changes the approval chain (e.g. the amount rose into a higher band).',
  schema: resubmittedSchema,
  signal: resubmittedSignal,
  // Only the requester may revise their own document; the workflow checks who the requester is.
  senders: { roles: [], requester: true },
};

export const documentApprovalProcess: ProcessDefinition<DocumentApprovalInput> = {
  name: 'document-approval',
  version: '1.0.0',
  ownerTeam: 'finance-operations',
  description:
    'Generic sign-off of a document (purchase order, contract, quote, invoice, e-mail): a decision table picks a sequential ' +
    'chain of approver roles; each level approves, rejects or returns it for changes. The requester can never approve it.',
  workflowType: 'documentApproval',
  taskQueue: ordoTaskQueue,
  stages: documentApprovalStages,
  inputSchema: documentApprovalInputSchema as z.ZodType<DocumentApprovalInput>,
  events: { resubmitted: resubmittedEvent as ProcessEventDefinition },
  taskTypes: [{ type: 'approval', roles: [...approverRoles], decisions: ['approve', 'reject', 'return'] }],
  sla: {
    completionTarget: 'P10D',
    description: 'Each level decides within 2–3 days (then escalates); a document is signed off within 10 days',
  },
  decisionTables: [approvalChainTable],
  conformance: {
    model: {
      start: ['approval'],
      end: ['outcome', 'approval', 'cancel'],
      transitions: [
        ['approval', 'approval'],
        ['approval', 'resubmitted'],
        ['resubmitted', 'approval'],
        ['approval', 'outcome'],
        ['*', 'cancel'],
      ],
      // Mails to the requester about a return, the tasks' reminders and escalations.
      ignored: ['returned', 'approval-', 'escalation'],
    },
    rules: [
      {
        id: 'approver-is-not-requester',
        description: 'No approver is the requester',
        kind: 'not-performed-by-requester',
        activity: 'approval',
      },
      {
        id: 'levels-in-order',
        description: 'Every level is decided in order',
        kind: 'instances-in-order',
        activity: 'approval',
      },
    ],
  },
  access: {
    // Anyone may ask for a sign-off; what they may see of it afterwards is their own request.
    start: { roles: [], anyone: true },
    read: { roles: [...approverRoles], requester: true },
    cancel: { roles: ['director', 'cfo'], requester: true },
  },
};
