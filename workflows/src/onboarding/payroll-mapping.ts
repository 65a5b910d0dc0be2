import { z } from 'zod';
import type { PayrollEnrolment } from './activities-contract';
import { currencyCodeSchema } from '../lib/currency';

const periodsPerYear = { annual: 1, monthly: 12, weekly: 52, hourly: 2080 } as const;

/** What the process requires of an HRIS record before anything is pushed to payroll. */
const hrisRecordSchema = z.object({
  employeeId: z.string().trim().min(1),
  firstName: z.string().trim().min(1, 'first name is missing'),
  lastName: z.string().trim().min(1, 'last name is missing'),
  department: z.string().trim().min(1, 'department is missing'),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'start date must be YYYY-MM-DD'),
  salary: z.object({
    amount: z.number().positive('salary must be positive').max(100_000_000),
    currency: currencyCodeSchema('salary currency'),
    period: z.enum(
      Object.keys(periodsPerYear) as [keyof typeof periodsPerYear],
      'salary period must be annual, monthly, weekly or hourly',
    ),
  }),
});
export type ValidHrisRecord = z.infer<typeof hrisRecordSchema>;

export type PayrollMapping =
  { ok: true; record: ValidHrisRecord; enrolment: PayrollEnrolment } | { ok: false; problems: string[] };

/** The last day of the start date's month: payroll pays monthly, at month end. */
function monthEnd(isoDate: string): string {
  const [year, month] = isoDate.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0));
  return last.toISOString().slice(0, 10);
}

function isRealDate(isoDate: string): boolean {
  const parsed = new Date(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === isoDate;
}

/**
 * HRIS `{firstName, lastName, startDate, salary: {amount, currency, period}}` → payroll
 * `{employeeName, annualSalaryCents, currency, firstPayDate}`; every problem of the record is listed.
 */
export function toPayrollEnrolment(raw: unknown): PayrollMapping {
  const parsed = hrisRecordSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`),
    };
  }
  const record = parsed.data;
  if (!isRealDate(record.startDate))
    return { ok: false, problems: [`startDate: ${record.startDate} is not a calendar date`] };
  return {
    ok: true,
    record,
    enrolment: {
      employeeId: record.employeeId,
      employeeName: `${record.firstName} ${record.lastName}`,
      annualSalaryCents: Math.round(record.salary.amount * periodsPerYear[record.salary.period] * 100),
      currency: record.salary.currency,
      firstPayDate: monthEnd(record.startDate),
    },
  };
}

/** `ada.lovelace` from "Ada" and "Lovelace": lower case, letters and digits only. */
export function usernameFor(firstName: string, lastName: string): string {
  const part = (name: string) =>
    name
      .normalize('NFD')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return `${part(firstName)}.${part(lastName)}`;
}
