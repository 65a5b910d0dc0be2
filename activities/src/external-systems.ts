/** The external systems Ordo integrates with; each has its own base URL and adapter. */
export const externalSystems = [
  'crm',
  'erp',
  'carrier',
  'accounting',
  'payments',
  'mail',
  'directory',
  'hris',
  'payroll',
] as const;
export type ExternalSystem = (typeof externalSystems)[number];
