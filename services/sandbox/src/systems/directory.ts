import { z } from 'zod';
import { conflict, created, notFound, ok } from '../http/answers';
import { idParams, identifier } from '../http/common-schemas';
import type { SystemRouter } from '../http/system-router';
import { Sequence } from '../core/sequence';

interface Account {
  accountId: string;
  employeeId: string;
  username: string;
  email: string;
  displayName: string;
  groups: string[];
  status: 'active' | 'deleted';
}

const accountRequest = z.object({
  employeeId: identifier,
  username: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, 'must be lower-case letters, digits, dots and dashes'),
  displayName: z.string().trim().min(1).max(200),
  groups: z.array(z.string().regex(/^[a-z0-9-]{1,64}$/)).max(50),
});

/** Directory (identity provider): accounts and group memberships of employees. */
export class Directory {
  private accounts = new Map<string, Account>();
  private readonly accountIds = new Sequence('ACC');

  reset(): void {
    this.accounts = new Map();
  }

  activeByUsername(username: string): Account | undefined {
    return [...this.accounts.values()].find((account) => account.username === username && account.status === 'active');
  }

  create(request: z.infer<typeof accountRequest>): Account {
    const account: Account = {
      ...request,
      groups: [...new Set(request.groups)],
      accountId: this.accountIds.issue(),
      email: `${request.username}@corp.example`,
      status: 'active',
    };
    this.accounts.set(account.accountId, account);
    return account;
  }

  get(accountId: string): Account | undefined {
    return this.accounts.get(accountId);
  }
}

export function registerDirectoryRoutes(router: SystemRouter, directory: Directory): void {
  router.write('POST', '/accounts', { body: accountRequest }, ({ body, record }) => {
    const holder = directory.activeByUsername(body.username);
    if (holder) throw conflict('username_taken', { username: body.username, employeeId: holder.employeeId });
    const account = directory.create(body);
    record('account.created', body.employeeId, {
      accountId: account.accountId,
      username: account.username,
      groups: account.groups,
    });
    return created(account);
  });

  router.read('/accounts/:id', { params: idParams }, ({ params }) => {
    const account = directory.get(params.id);
    if (!account) throw notFound('account_not_found', { accountId: params.id });
    return ok(account);
  });

  router.write('DELETE', '/accounts/:id', { params: idParams }, ({ params, record }) => {
    const account = directory.get(params.id);
    if (!account) throw notFound('account_not_found', { accountId: params.id });
    if (account.status === 'deleted') throw conflict('account_deleted', { accountId: account.accountId });
    account.status = 'deleted';
    record('account.deleted', account.employeeId, { accountId: account.accountId, username: account.username });
    return ok({ accountId: account.accountId, status: 'deleted' });
  });
}
