import { AccountingClient } from './accounting/client';
import { CarrierClient } from './carrier/client';
import type { ActivitiesConfig } from './config';
import { CrmClient } from './crm/client';
import { DirectoryClient } from './directory/client';
import { ErpClient } from './erp/client';
import { PurchaseOrderClient } from './erp/purchase-order-client';
import type { ExternalSystem } from './external-systems';
import { HrisClient } from './hris/client';
import { HttpClient } from './http/http-client';
import { MailClient } from './mail/client';
import { PaymentsClient } from './payments/client';
import { PayrollClient } from './payroll/client';

/** One typed adapter per external system. */
export interface ExternalClients {
  crm: CrmClient;
  erp: ErpClient;
  /** The ERP's purchasing routes (purchase orders, invoice approval, supplier disputes), on the ERP's URL. */
  purchaseOrders: PurchaseOrderClient;
  carrier: CarrierClient;
  accounting: AccountingClient;
  payments: PaymentsClient;
  mail: MailClient;
  directory: DirectoryClient;
  hris: HrisClient;
  payroll: PayrollClient;
}

/** The HTTP client of one system: its configured URL, the request timeout and, on the sandbox, its bearer token. */
export function httpClientFor(config: ActivitiesConfig, system: ExternalSystem): HttpClient {
  return new HttpClient(system, config.systemUrls[system], config.httpTimeoutMs, config.bearerTokens?.[system]);
}

/**
 * Every adapter, wired to the configured URLs: the one place HTTP clients are built. Activities receive the
 * adapters they need from here and never construct a client themselves.
 */
export function createExternalClients(config: ActivitiesConfig): ExternalClients {
  const http = (system: ExternalSystem) => httpClientFor(config, system);
  return {
    crm: new CrmClient(http('crm')),
    erp: new ErpClient(http('erp')),
    purchaseOrders: new PurchaseOrderClient(http('erp')),
    carrier: new CarrierClient(http('carrier')),
    accounting: new AccountingClient(http('accounting')),
    payments: new PaymentsClient(http('payments')),
    mail: new MailClient(http('mail')),
    directory: new DirectoryClient(http('directory')),
    hris: new HrisClient(http('hris')),
    payroll: new PayrollClient(http('payroll')),
  };
}
