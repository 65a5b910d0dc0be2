import type { CallOptions, HttpClient, MutationOptions } from '../http/http-client';

export interface DirectoryAccount {
  accountId: string;
  employeeId: string;
  username: string;
  email: string;
  displayName: string;
  groups: string[];
  status: 'active' | 'deleted';
}

/** Directory (identity provider): user accounts and their groups. */
export class DirectoryClient {
  constructor(private readonly http: HttpClient) {}

  /** A username held by another employee → `UsernameTaken`. */
  createAccount(
    account: { employeeId: string; username: string; displayName: string; groups: string[] },
    options: MutationOptions,
  ): Promise<DirectoryAccount> {
    return this.http.send('POST', '/accounts', { json: account }, options);
  }

  account(accountId: string, options?: CallOptions): Promise<DirectoryAccount> {
    return this.http.get(`/accounts/${encodeURIComponent(accountId)}`, options);
  }

  deleteAccount(accountId: string, options: MutationOptions): Promise<{ accountId: string; status: 'deleted' }> {
    return this.http.send('DELETE', `/accounts/${encodeURIComponent(accountId)}`, undefined, options);
  }
}
