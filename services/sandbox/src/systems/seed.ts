/** The state every sandbox starts from and `POST /reset` returns to. */
export const seedCustomers = [
  { customerId: 'C-100', name: 'Acme Industrial Supplies GmbH', email: 'accounts@acme.example', creditLimit: 100_000, exposure: 0 },
  { customerId: 'C-200', name: 'Brightline Startups Ltd', email: 'finance@brightline.example', creditLimit: 500, exposure: 0 },
  // For benchmarks and chaos runs: thousands of unpaid orders at once must never trip a credit review by accident.
  { customerId: 'C-900', name: 'Volume Wholesale AG', email: 'payables@volume.example', creditLimit: 1_000_000_000, exposure: 0 },
] as const;

export const seedStock: Readonly<Record<string, number>> = {
  'SKU-A': 1000,
  'SKU-B': 1000,
  'SKU-OOS': 0,
};
