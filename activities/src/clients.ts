import { AccountingClient } from './accounting/client';
import { CarrierClient } from './carrier/client';
import type { ActivitiesConfig } from './config';
import { CrmClient } from './crm/client';
import { ErpClient } from './erp/client';
import type { ExternalSystem } from './external-systems';
import { HttpClient } from './http/http-client';
import { MailClient } from './mail/client';
import { PaymentsClient } from './payments/client';

export interface ExternalClients {
  crm: CrmClient;
  erp: ErpClient;
  carrier: CarrierClient;
  accounting: AccountingClient;
  payments: PaymentsClient;
  mail: MailClient;
}

/** One typed adapter per external system, wired to the configured URLs. */
export function createExternalClients(config: ActivitiesConfig): ExternalClients {
  const http = (system: ExternalSystem) =>
    new HttpClient(system, config.systemUrls[system], config.httpTimeoutMs, config.bearerTokens?.[system]);
  return {
    crm: new CrmClient(http('crm')),
    erp: new ErpClient(http('erp')),
    carrier: new CarrierClient(http('carrier')),
    accounting: new AccountingClient(http('accounting')),
    payments: new PaymentsClient(http('payments')),
    mail: new MailClient(http('mail')),
  };
}
