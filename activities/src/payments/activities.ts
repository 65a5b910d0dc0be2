import type { OrderToCashActivities } from '@ordo/workflows';
import { writeOptions } from '../activity-context';
import type { ExternalClients } from '../clients';

/** The activities over the payment provider: refunds. */
export function createPaymentsActivities({ payments }: Pick<ExternalClients, 'payments'>) {
  return {
    async refundPayment({ orderId, step, paymentReference, amount, currency }) {
      const { refundId } = await payments.refund({ orderId, paymentReference, amount, currency }, writeOptions(step));
      return { refundId };
    },
  } satisfies Pick<OrderToCashActivities, 'refundPayment'>;
}
