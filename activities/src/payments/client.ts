import type { HttpClient, MutationOptions } from '../http/http-client';

/** Payment provider: charges and refunds. */
export class PaymentsClient {
  constructor(private readonly http: HttpClient) {}

  charge(
    request: { orderId: string; amount: number; currency: string; reference: string },
    options: MutationOptions,
  ): Promise<{ chargeId: string; reference: string; status: string }> {
    return this.http.send('POST', '/charges', { json: request }, options);
  }

  refund(
    request: { orderId: string; paymentReference: string; amount: number; currency: string },
    options: MutationOptions,
  ): Promise<{ refundId: string; status: string }> {
    return this.http.send('POST', '/refunds', { json: request }, options);
  }
}
