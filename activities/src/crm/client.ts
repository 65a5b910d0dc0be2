import type { CallOptions, HttpClient } from '../http/http-client';

export interface Customer {
  customerId: string;
  name: string;
  email: string;
  creditLimit: number;
  exposure: number;
  available: number;
}

/** CRM: customer master data and credit standing. */
export class CrmClient {
  constructor(private readonly http: HttpClient) {}

  /** Unknown customer → `CustomerNotFound`. */
  customer(customerId: string, options?: CallOptions): Promise<Customer> {
    return this.http.get<Customer>(`/customers/${encodeURIComponent(customerId)}`, options);
  }
}
