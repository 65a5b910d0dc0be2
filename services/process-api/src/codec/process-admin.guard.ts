import { roleGuard } from '../auth/role.guard';

/** The role allowed to see (and write) plaintext payloads through the codec endpoint. */
export const processAdminRole = 'process-admin';

export const ProcessAdminGuard = roleGuard(processAdminRole, 'The codec endpoint decrypts process data: it');
