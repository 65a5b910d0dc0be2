import type { HrisEmployee } from '@ordo/workflows';
import type { CallOptions, HttpClient } from '../http/http-client';

/** HRIS: the employee master data HR maintains. */
export class HrisClient {
  constructor(private readonly http: HttpClient) {}

  /** Unknown employee → `EmployeeNotFound`. The record is passed on as HRIS sent it: the process validates it. */
  employee(employeeId: string, options?: CallOptions): Promise<HrisEmployee> {
    return this.http.get(`/employees/${encodeURIComponent(employeeId)}`, options);
  }
}
