import type { HttpClient, MutationOptions } from '../http/http-client';

export interface InvoiceRequest {
  orderId: string;
  customerId: string;
  lines: Array<{ sku: string; quantity: number; unitPrice: number }>;
  amount: number;
  currency: string;
  issuedAt: string;
  dueDate: string;
}

export interface StoredDocument {
  invoiceId: string;
  contentType: string;
  bytes: number;
  sha256: string;
}

/** Accounting: invoices and their documents, receipts, voids and write-offs. */
export class AccountingClient {
  constructor(private readonly http: HttpClient) {}

  createInvoice(
    request: InvoiceRequest,
    options: MutationOptions,
  ): Promise<{ invoiceId: string; invoiceNumber: string }> {
    return this.http.send('POST', '/invoices', { json: request }, options);
  }

  /** Where accounting serves the invoice's document (also the link handed to people). */
  documentUrl(invoiceId: string): string {
    return this.http.urlFor(documentPath(invoiceId));
  }

  storeDocument(invoiceId: string, pdf: Uint8Array, options: MutationOptions): Promise<StoredDocument> {
    return this.http.send<StoredDocument>(
      'PUT',
      documentPath(invoiceId),
      { bytes: pdf, contentType: 'application/pdf' },
      options,
    );
  }

  voidInvoice(invoiceId: string, options: MutationOptions): Promise<{ invoiceId: string; status: string }> {
    return this.http.send('POST', `/invoices/${encodeURIComponent(invoiceId)}/void`, undefined, options);
  }

  writeOff(
    invoiceId: string,
    request: { amount: number; currency: string },
    options: MutationOptions,
  ): Promise<{ invoiceId: string }> {
    return this.http.send('POST', `/invoices/${encodeURIComponent(invoiceId)}/write-off`, { json: request }, options);
  }

  /** A voided invoice → `InvoiceVoided`. */
  postReceipt(
    request: { orderId: string; invoiceId: string; amount: number; currency: string },
    options: MutationOptions,
  ): Promise<{ receiptId: string }> {
    return this.http.send('POST', '/receipts', { json: request }, options);
  }
}

function documentPath(invoiceId: string): string {
  return `/invoices/${encodeURIComponent(invoiceId)}/document`;
}
