import { z } from 'zod';
import { notFound, ok } from '../http/answers';
import { idParams, identifier } from '../http/common-schemas';
import type { SystemRouter } from '../http/system-router';
import { seedEmployees } from './seed';

/**
 * An employee as HRIS keeps it. HRIS is lenient on purpose (like many real ones): it stores what HR
 * typed, so a consumer must validate before using a record (empty names, odd currencies…).
 */
const employeeRecord = z.object({
  firstName: z.string().max(100),
  lastName: z.string().max(100),
  department: z.string().max(100),
  startDate: z.string().max(32),
  salary: z.object({ amount: z.number(), currency: z.string().max(16), period: z.string().max(16) }),
});
type EmployeeRecord = z.infer<typeof employeeRecord> & { employeeId: string };

/** HRIS: employee master data. */
export class Hris {
  private employees = new Map<string, EmployeeRecord>();

  constructor() {
    this.reset();
  }

  reset(): void {
    this.employees = new Map(
      seedEmployees.map((employee) => [employee.employeeId, structuredClone(employee) as EmployeeRecord]),
    );
  }

  get(employeeId: string): EmployeeRecord | undefined {
    return this.employees.get(employeeId);
  }

  put(employeeId: string, record: z.infer<typeof employeeRecord>): EmployeeRecord {
    const stored = { employeeId, ...record };
    this.employees.set(employeeId, stored);
    return stored;
  }
}

export function registerHrisRoutes(router: SystemRouter, hris: Hris): void {
  router.read('/employees/:id', { params: idParams }, ({ params }) => {
    const employee = hris.get(params.id);
    if (!employee) throw notFound('employee_not_found', { employeeId: params.id });
    return ok(employee);
  });

  // HR creates or corrects a record (e.g. after onboarding flagged it).
  router.write(
    'PUT',
    '/employees/:id',
    { params: z.object({ id: identifier }), body: employeeRecord },
    ({ params, body, record }) => {
      const stored = hris.put(params.id, body);
      record('employee.saved', params.id, { employeeId: params.id });
      return ok(stored);
    },
  );
}
