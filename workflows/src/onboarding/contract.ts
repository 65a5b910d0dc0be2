import type { Duration } from '@temporalio/common';
import { z } from 'zod';
import type { ProcessDefinition } from '../lib/process-definition';
import { ordoTaskQueue } from '../lib/process-definition';

export const onboardingInputSchema = z
  .object({
    /** The new hire's id in HRIS, where HR entered name, start date and salary. */
    employeeId: z.string().trim().min(1).max(64),
    /** The hiring manager's actor id: their checklist task is assigned to them. */
    managerId: z.string().trim().min(1).max(64),
    /** Directory groups beyond `all-staff` and the department's. */
    extraGroups: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[a-z0-9-]{1,64}$/),
      )
      .max(20)
      .default([]),
  })
  .strict();
export type OnboardingInput = z.infer<typeof onboardingInputSchema>;

interface ChecklistItem {
  type: string;
  role: string;
  title: string;
  due: Duration;
  /** Reminder offsets from opening. */
  reminders: Duration[];
}

/** Policy constants of this version of the process. */
export const onboardingPolicy = {
  checklist: [
    {
      type: 'hr-checklist',
      role: 'hr',
      title: 'HR: contract, tax forms, benefits enrolment',
      due: '3 days',
      reminders: ['1 day', '2 days'],
    },
    {
      type: 'it-checklist',
      role: 'it',
      title: 'IT: laptop, phone, software licences',
      due: '2 days',
      reminders: ['1 day'],
    },
    {
      type: 'facilities-checklist',
      role: 'facilities',
      title: 'Facilities: desk, badge, keys',
      due: '5 days',
      reminders: ['2 days', '4 days'],
    },
    {
      type: 'manager-checklist',
      role: 'manager',
      title: 'Manager: welcome, buddy, first-week plan',
      due: '7 days',
      reminders: ['3 days', '6 days'],
    },
  ] as readonly ChecklistItem[],
  /** Time HR has to fix an HRIS record that cannot be pushed to payroll. */
  dataFixDue: '2 days' as Duration,
} as const;

export const onboardingStages = [
  'hris',
  'hris-data-fix',
  'provisioning',
  'payroll',
  'checklist',
  'compensating',
  'closed',
] as const;
export type OnboardingStage = (typeof onboardingStages)[number];

export interface OnboardingSummary {
  employeeId: string;
  employeeName?: string;
  username?: string;
  accountId?: string;
  payrollId?: string;
  checklist: Array<{ type: string; completedBy: string }>;
}

export const onboardingProcess: ProcessDefinition<OnboardingInput> = {
  name: 'employee-onboarding',
  version: '1.0.0',
  ownerTeam: 'people-operations',
  description:
    'Employee onboarding: reads the new hire from HRIS, provisions a directory account with groups, enrols them in payroll ' +
    '(validated mapping; bad HRIS data goes to HR to fix), then parallel HR, IT, facilities and manager checklists with due ' +
    'dates and reminders. Cancelling deprovisions the account and removes the payroll record.',
  workflowType: 'employeeOnboarding',
  taskQueue: ordoTaskQueue,
  stages: onboardingStages,
  inputSchema: onboardingInputSchema as z.ZodType<OnboardingInput>,
  events: {},
  taskTypes: [
    { type: 'hr-data-fix', roles: ['hr'], decisions: ['fixed', 'abort'] },
    ...onboardingPolicy.checklist.map((item) => ({ type: item.type, roles: [item.role], decisions: ['done'] })),
  ],
  sla: {
    completionTarget: 'P7D',
    description: 'Accounts and payroll on day one; every checklist item within 2–7 days',
  },
  decisionTables: [],
  access: {
    start: { roles: ['hr'] },
    read: { roles: ['hr', 'it', 'facilities'], requester: true },
    cancel: { roles: ['hr'] },
  },
};
