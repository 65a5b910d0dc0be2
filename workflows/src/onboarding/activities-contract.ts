import type { ProcessMail } from '../lib/process-mail';

/** An employee as HRIS answers: its own shape, read as untrusted data and validated by the process. */
export interface HrisEmployee {
  employeeId: string;
  firstName: string;
  lastName: string;
  department: string;
  startDate: string;
  salary: { amount: number; currency: string; period: string };
}

/** An employee in the shape payroll takes. */
export interface PayrollEnrolment {
  employeeId: string;
  employeeName: string;
  annualSalaryCents: number;
  currency: string;
  firstPayDate: string;
}

/**
 * The activities employee onboarding calls, implemented in `@ordo/activities`. Calls that change a
 * system take a `step`: `Idempotency-Key: <workflowId>:<step>`. 4xx answers are non-retryable
 * `ApplicationFailure`s of the given type.
 */
export interface OnboardingActivities {
  sendProcessMail(req: ProcessMail): Promise<{ messageId: string }>;
  /** HRIS. Unknown employee → `EmployeeNotFound`. */
  getHrisEmployee(req: { employeeId: string }): Promise<HrisEmployee>;
  /** Directory: the account with its groups. A username taken by someone else → `UsernameTaken`. */
  createDirectoryAccount(req: {
    step: string;
    employeeId: string;
    username: string;
    displayName: string;
    groups: string[];
  }): Promise<{ accountId: string; email: string }>;
  deleteDirectoryAccount(req: { step: string; accountId: string }): Promise<void>;
  /** Payroll. */
  enrolInPayroll(req: { step: string; enrolment: PayrollEnrolment }): Promise<{ payrollId: string }>;
  removeFromPayroll(req: { step: string; payrollId: string }): Promise<void>;
}
