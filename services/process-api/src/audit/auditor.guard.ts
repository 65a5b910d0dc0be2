import { roleGuard } from '../auth/role.guard';

/** The role that reads the audit of human actions. */
export const auditorRole = 'auditor';

export const AuditorGuard = roleGuard(auditorRole, 'The audit of human actions');
