import type { OrderToCashActivities } from '@ordo/workflows';
import { readOptions } from '../activity-context';
import type { ExternalClients } from '../clients';

/** The activities over the CRM: a customer's credit standing. */
export function createCrmActivities({ crm }: Pick<ExternalClients, 'crm'>) {
  return {
    async getCustomerCredit({ customerId }) {
      const { name, email, creditLimit, exposure, available } = await crm.customer(customerId, readOptions());
      return { customerId, name, email, creditLimit, exposure, available };
    },
  } satisfies Pick<OrderToCashActivities, 'getCustomerCredit'>;
}
