import { expectStatus, type OrdoApi } from './ordo-api';

/**
 * One valid start of each catalog process other than order-to-cash (which has its own scenarios), so the
 * process panels have every process to show. A process added to the catalog needs an entry here: the
 * live test fails naming it otherwise.
 */
export const sampleStarts: Readonly<Record<string, unknown>> = {
  'document-approval': {
    documentType: 'purchase-order',
    title: 'Laptops for the support team',
    amount: 4200,
    currency: 'EUR',
    category: 'it',
    department: 'support',
  },
  // E-1001 is seeded in the sandbox's HRIS.
  'employee-onboarding': { employeeId: 'E-1001', managerId: 'manager' },
  // SUP-100 is seeded in the sandbox's ERP; waits for its approval (document-approval child) like document-approval.
  'purchase-requisition': {
    title: 'Monitors for the support team',
    department: 'support',
    category: 'it',
    supplierId: 'SUP-100',
    currency: 'EUR',
    neededBy: '2026-03-31',
    lines: [{ sku: 'MON-27', description: '27" monitor', quantity: 4, unitPrice: 180 }],
  },
  'support-ticket': {
    customerId: 'C-100',
    customerEmail: 'accounts@acme.example',
    customerTier: 'premium',
    channel: 'email',
    category: 'billing',
    subject: 'Question about an invoice',
    description: 'The total of our last invoice does not match the order.',
  },
};

/** Starts one instance of every other catalog process and waits until a worker has picked each up. */
export async function startEveryOtherProcess(api: OrdoApi, skip: readonly string[]): Promise<Record<string, string>> {
  const processes = (await api.catalog()).filter((name) => !skip.includes(name));
  const missing = processes.filter((name) => !(name in sampleStarts));
  if (missing.length > 0)
    throw new Error(
      `no traffic for catalog process(es) ${missing.join(', ')}: add a sample start to catalog-traffic.ts`,
    );
  const stages = await Promise.all(
    processes.map(async (name) => {
      const processApi = api.forProcess(name);
      const businessKey = `LIVE-${name.toUpperCase()}-1`;
      expectStatus(
        await processApi.start(businessKey, sampleStarts[name] as Record<string, unknown>),
        201,
        `start of ${name}`,
      );
      // Stage "started" is the API's: past it, a worker runs the instance.
      const status = await processApi.waitFor(
        businessKey,
        'a worker to pick it up',
        (current) => current.stage !== 'started',
      );
      return [name, `${status.status} ${status.stage}`] as const;
    }),
  );
  return Object.fromEntries(stages);
}
