import type { PayrollEnrolment } from '@ordo/workflows';
import type { HttpClient, MutationOptions } from '../http/http-client';

/** Payroll: who is paid how much, from when. */
export class PayrollClient {
  constructor(private readonly http: HttpClient) {}

  enrol(enrolment: PayrollEnrolment, options: MutationOptions): Promise<{ payrollId: string }> {
    return this.http.send('POST', '/employees', { json: enrolment }, options);
  }

  remove(payrollId: string, options: MutationOptions): Promise<{ payrollId: string; status: 'removed' }> {
    return this.http.send('DELETE', `/employees/${encodeURIComponent(payrollId)}`, undefined, options);
  }
}
