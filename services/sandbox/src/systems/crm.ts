import { z } from 'zod';
import { notFound, ok } from '../http/answers';
import { cents, identifier } from '../http/common-schemas';
import type { SystemRouter } from '../http/system-router';
import { seedCustomers } from './seed';

interface Customer {
  customerId: string;
  name: string;
  email: string;
  creditLimit: number;
  /** Exposure from outside the sandbox (other channels); open invoices in accounting add to it. */
  baseExposure: number;
}

export interface CustomerView {
  customerId: string;
  name: string;
  email: string;
  creditLimit: number;
  exposure: number;
  available: number;
}

/** CRM: customer master data and credit standing. */
export class Crm {
  private customers = new Map<string, Customer>();

  /** @param openBalanceOf the customer's unpaid invoice balance in accounting */
  constructor(private readonly openBalanceOf: (customerId: string) => number) {
    this.reset();
  }

  reset(): void {
    this.customers = new Map(
      seedCustomers.map(({ exposure, ...customer }) => [customer.customerId, { ...customer, baseExposure: exposure }]),
    );
  }

  view(customerId: string): CustomerView | undefined {
    const customer = this.customers.get(customerId);
    if (!customer) return undefined;
    const exposure = cents(customer.baseExposure + this.openBalanceOf(customerId));
    return {
      customerId: customer.customerId,
      name: customer.name,
      email: customer.email,
      creditLimit: customer.creditLimit,
      exposure,
      available: cents(customer.creditLimit - exposure),
    };
  }

  list(): CustomerView[] {
    return [...this.customers.keys()].flatMap((id) => this.view(id) ?? []);
  }
}

export function registerCrmRoutes(router: SystemRouter, crm: Crm): void {
  router.read('/customers', {}, () => ok({ customers: crm.list() }));

  router.read('/customers/:id', { params: z.object({ id: identifier }) }, ({ params }) => {
    const customer = crm.view(params.id);
    if (!customer) throw notFound('customer_not_found', { customerId: params.id });
    return ok(customer);
  });
}
