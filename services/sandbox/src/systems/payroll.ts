import { z } from 'zod';
import { conflict, created, notFound, ok } from '../http/answers';
import { currencyCode, idParams, identifier } from '../http/common-schemas';
import type { SystemRouter } from '../http/system-router';
import { Sequence } from '../core/sequence';

interface PayrollRecord {
  payrollId: string;
  employeeId: string;
  employeeName: string;
  annualSalaryCents: number;
  currency: string;
  firstPayDate: string;
  status: 'active' | 'removed';
}

/** Payroll's own shape, stricter than HRIS's: whole cents per year and a calendar pay date. */
const enrolmentRequest = z.object({
  employeeId: identifier,
  employeeName: z.string().trim().min(3).max(200),
  annualSalaryCents: z.number().int().positive().max(100_000_000_000),
  currency: currencyCode,
  firstPayDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
});

/** Payroll: who is paid, how much a year, from when. */
export class Payroll {
  private records = new Map<string, PayrollRecord>();
  private readonly payrollIds = new Sequence('PAY');

  reset(): void {
    this.records = new Map();
  }

  activeOf(employeeId: string): PayrollRecord | undefined {
    return [...this.records.values()].find((entry) => entry.employeeId === employeeId && entry.status === 'active');
  }

  enrol(request: z.infer<typeof enrolmentRequest>): PayrollRecord {
    const entry: PayrollRecord = { ...request, payrollId: this.payrollIds.issue(), status: 'active' };
    this.records.set(entry.payrollId, entry);
    return entry;
  }

  get(payrollId: string): PayrollRecord | undefined {
    return this.records.get(payrollId);
  }
}

export function registerPayrollRoutes(router: SystemRouter, payroll: Payroll): void {
  router.write('POST', '/employees', { body: enrolmentRequest }, ({ body, record }) => {
    const existing = payroll.activeOf(body.employeeId);
    if (existing) throw conflict('already_enrolled', { employeeId: body.employeeId, payrollId: existing.payrollId });
    const entry = payroll.enrol(body);
    record('employee.enrolled', body.employeeId, {
      payrollId: entry.payrollId,
      annualSalaryCents: entry.annualSalaryCents,
      currency: entry.currency,
    });
    return created({ payrollId: entry.payrollId });
  });

  router.read('/employees/:id', { params: idParams }, ({ params }) => {
    const entry = payroll.get(params.id);
    if (!entry) throw notFound('payroll_record_not_found', { payrollId: params.id });
    return ok(entry);
  });

  router.write('DELETE', '/employees/:id', { params: idParams }, ({ params, record }) => {
    const entry = payroll.get(params.id);
    if (!entry) throw notFound('payroll_record_not_found', { payrollId: params.id });
    if (entry.status === 'removed') throw conflict('payroll_record_removed', { payrollId: entry.payrollId });
    entry.status = 'removed';
    record('employee.removed', entry.employeeId, { payrollId: entry.payrollId });
    return ok({ payrollId: entry.payrollId, status: 'removed' });
  });
}
