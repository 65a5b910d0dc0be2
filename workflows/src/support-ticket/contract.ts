import type { Duration } from '@temporalio/common';
import { defineSignal } from '@temporalio/workflow';
import { z } from 'zod';
import type { TaskPriority } from '../lib/process-contract';
import type { ProcessDefinition, ProcessEventDefinition } from '../lib/process-definition';
import { ordoTaskQueue } from '../lib/process-definition';
import { classificationTable } from './classification-table';

export const ticketChannels = ['email', 'chat', 'phone', 'web'] as const;
export const customerTiers = ['standard', 'premium', 'enterprise'] as const;
export const ticketCategories = ['billing', 'technical', 'account', 'outage', 'other'] as const;
export const supportTeams = ['support-l1', 'support-l2'] as const;
export type SupportTeam = (typeof supportTeams)[number];

export const supportTicketInputSchema = z
  .object({
    customerId: z.string().trim().min(1).max(64),
    customerEmail: z.email(),
    customerTier: z.enum(customerTiers),
    channel: z.enum(ticketChannels),
    category: z.enum(ticketCategories),
    subject: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(20_000),
  })
  .strict();
export type SupportTicketInput = z.infer<typeof supportTicketInputSchema>;

export const customerRepliedSchema = z.object({ message: z.string().trim().min(1).max(20_000) }).strict();
export type CustomerReplied = z.infer<typeof customerRepliedSchema>;
export const customerRepliedSignal = defineSignal<[CustomerReplied]>('customer-replied');

type ByPriority = Readonly<Record<TaskPriority, Duration>>;

/** Policy constants of this version of the process. */
export const supportTicketPolicy = {
  /** First-response SLA: the first ticket task is due then, and escalates when missed. */
  firstResponse: { urgent: '1 hour', high: '4 hours', normal: '8 hours', low: '1 day' } as ByPriority,
  /** Resolution SLA from the ticket's arrival: when missed, the ticket is handed to the next support level. */
  resolution: { urgent: '8 hours', high: '1 day', normal: '3 days', low: '5 days' } as ByPriority,
  /** After an agent's response, a ticket without a customer reply for this long is closed. */
  quietPeriod: '5 days' as Duration,
  /** Where a ticket past its first-response SLA goes, level by level (each level gets the SLA again). */
  escalationChain: { 'support-l1': ['support-l2', 'manager'], 'support-l2': ['manager'] } as Readonly<
    Record<SupportTeam, readonly string[]>
  >,
  /** Who owns a ticket past its resolution SLA: the support manager. */
  resolutionOwner: 'manager',
  /** Words in the subject or description that mark a ticket as urgent for the classification table. */
  urgentKeywords: ['urgent', 'outage', 'down', 'data loss', 'security', 'cannot log in'] as readonly string[],
} as const;

export const supportTicketStages = ['classifying', 'queued', 'awaiting-customer', 'closed'] as const;
export type SupportTicketStage = (typeof supportTicketStages)[number];

/** The summary in a COMPLETED/CANCELLED result of this process. */
export interface SupportTicketSummary {
  priority: TaskPriority;
  team: string;
  /** The roles working the ticket at the end (after escalations and handovers). */
  handledBy: string[];
  firstResponseAt?: string;
  firstResponseWithinSla?: boolean;
  resolutionWithinSla: boolean;
  closedBy: 'resolution' | 'quiet-period' | 'cancellation';
  resolvedBy?: string;
  resolution?: string;
  agentResponses: number;
  customerReplies: number;
}

/** Who files tickets and passes on customers' replies: the agents, their manager, and the channel integration. */
const supportStaffRoles = ['support-l1', 'support-l2', 'manager', 'support-intake'] as const;

export const customerRepliedEvent: ProcessEventDefinition<CustomerReplied> = {
  name: 'customer-replied',
  description: "The customer answered: a ticket waiting for the customer goes back into its team's queue.",
  schema: customerRepliedSchema,
  signal: customerRepliedSignal,
  senders: { roles: [...supportStaffRoles] },
};

export const supportTicketProcess: ProcessDefinition<SupportTicketInput> = {
  name: 'support-ticket',
  version: '1.0.0',
  ownerTeam: 'customer-support',
  description:
    "Support ticket routing: a decision table sets priority and team; the ticket waits in the team's queue with first-response " +
    'and resolution SLAs that escalate; agents respond or resolve, customers reply; quiet tickets close on their own.',
  workflowType: 'supportTicket',
  taskQueue: ordoTaskQueue,
  stages: supportTicketStages,
  inputSchema: supportTicketInputSchema as z.ZodType<SupportTicketInput>,
  events: { 'customer-replied': customerRepliedEvent as ProcessEventDefinition },
  taskTypes: [{ type: 'ticket', roles: ['support-l1', 'support-l2', 'manager'], decisions: ['respond', 'resolve'] }],
  sla: {
    completionTarget: 'P5D',
    description: 'First response within 1 h (urgent) to 1 day (low); resolution within 8 h (urgent) to 5 days (low)',
  },
  decisionTables: [classificationTable],
  access: {
    start: { roles: [...supportStaffRoles] },
    read: { roles: ['support-l1', 'support-l2', 'manager'], requester: true },
    cancel: { roles: ['support-l2', 'manager'], requester: true },
  },
};
