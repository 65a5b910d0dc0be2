/** The external systems the sandbox simulates; each owns the URL prefix `/<name>`. */
export const systemNames = [
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
export type SystemName = (typeof systemNames)[number];

export function isSystemName(value: string): value is SystemName {
  return (systemNames as readonly string[]).includes(value);
}
