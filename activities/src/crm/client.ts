import type { CustomerCredit } from '@ordo/workflows';
import type { CallOptions, HttpClient } from '../http/http-client';

/** The CRM answers with exactly the credit standing order-to-cash's contract describes. */
export type Customer = CustomerCredit;

/** CRM: customer master data and credit standing. */
export class CrmClient {
  constructor(private readonly http: HttpClient) {}

  /** Unknown customer → `CustomerNotFound`. */
  customer(customerId: string, options?: CallOptions): Promise<Customer> {
    return this.http.get<Customer>(`/customers/${encodeURIComponent(customerId)}`, options);
  }
}
