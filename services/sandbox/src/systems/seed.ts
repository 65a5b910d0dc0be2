/** The state every sandbox starts from and `POST /reset` returns to. */
export const seedCustomers = [
  {
    customerId: 'C-100',
    name: 'Acme Industrial Supplies GmbH',
    email: 'accounts@acme.example',
    creditLimit: 100_000,
    exposure: 0,
  },
  {
    customerId: 'C-200',
    name: 'Brightline Startups Ltd',
    email: 'finance@brightline.example',
    creditLimit: 500,
    exposure: 0,
  },
  // For benchmarks and chaos runs: thousands of unpaid orders at once must never trip a credit review by accident.
  {
    customerId: 'C-900',
    name: 'Volume Wholesale AG',
    email: 'payables@volume.example',
    creditLimit: 1_000_000_000,
    exposure: 0,
  },
  // The carrier refuses to ship to it: an order that fails for good after stock was reserved (compensation, FAILED).
  {
    customerId: 'C-500',
    name: 'Far Isles Trading',
    email: 'orders@far-isles.example',
    creditLimit: 100_000,
    exposure: 0,
  },
] as const;

/** Customers whose destination the carrier does not serve: every shipment to them is refused (422). */
export const seedUnservedCustomers: readonly string[] = ['C-500'];

/** Suppliers the ERP buys from (purchase orders name one); any other supplier id is unknown (404 `supplier_not_found`). */
export const seedSuppliers = [
  { supplierId: 'SUP-100', name: 'Northwind Office Equipment GmbH' },
  { supplierId: 'SUP-200', name: 'Contoso Industrial Parts Ltd' },
] as const;

export const seedStock: Readonly<Record<string, number>> = {
  'SKU-A': 1000,
  'SKU-B': 1000,
  'SKU-OOS': 0,
};

/**
 * HRIS employees in HRIS's own shape. `E-1002` is deliberately unfit for payroll (lower-case currency,
 * no last name): onboarding must hand it to HR to fix rather than push it on.
 */
export const seedEmployees = [
  {
    employeeId: 'E-1001',
    firstName: 'Ada',
    lastName: 'Lovelace',
    department: 'Engineering',
    startDate: '2026-03-16',
    salary: { amount: 6_500, currency: 'EUR', period: 'monthly' },
  },
  {
    employeeId: 'E-1002',
    firstName: 'Grace',
    lastName: '',
    department: 'Finance',
    startDate: '2026-04-01',
    salary: { amount: 82_000, currency: 'eur', period: 'annual' },
  },
] as const;
