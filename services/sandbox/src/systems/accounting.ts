import { createHash } from 'node:crypto';
import { z } from 'zod';
import { conflict, created, notFound, ok, Rejection } from '../http/answers';
import {
  cents,
  currencyCode,
  idParams,
  identifier,
  isoDate,
  money,
  pricedLine,
  type PricedLine,
} from '../http/common-schemas';
import type { SystemRouter } from '../http/system-router';
import { Sequence } from '../core/sequence';

type InvoiceStatus = 'open' | 'partially-paid' | 'paid' | 'written-off' | 'voided';

interface Invoice {
  invoiceId: string;
  invoiceNumber: string;
  orderId: string;
  customerId: string;
  lines: PricedLine[];
  amount: number;
  currency: string;
  issuedAt: string;
  dueDate: string;
  voided: boolean;
  amountPaid: number;
  amountWrittenOff: number;
  document?: Buffer;
}

const invoiceRequest = z.object({
  orderId: identifier,
  customerId: identifier,
  lines: z.array(pricedLine).min(1).max(500),
  amount: money,
  currency: currencyCode,
  issuedAt: isoDate,
  dueDate: isoDate,
});
const writeOffRequest = z.object({ amount: money, currency: currencyCode });
const receiptRequest = z.object({ orderId: identifier, invoiceId: identifier, amount: money, currency: currencyCode });
const pdfDocument = z
  .instanceof(Buffer)
  .refine((bytes) => bytes.subarray(0, 5).toString('latin1') === '%PDF-', 'must be a PDF document');

/** Tolerance for comparing money amounts that went through floating point. */
const halfCent = 0.005;

/** Accounting: invoices, their PDF documents, receipts, voids and write-offs. */
export class Accounting {
  private invoices = new Map<string, Invoice>();
  private readonly invoiceIds = new Sequence('INV');
  private readonly receiptIds = new Sequence('RCP');
  private invoiceNumberCounter = 0;

  reset(): void {
    this.invoices = new Map();
  }

  issue(request: z.infer<typeof invoiceRequest>): Invoice {
    this.invoiceNumberCounter += 1;
    const invoice: Invoice = {
      ...request,
      invoiceId: this.invoiceIds.issue(),
      invoiceNumber: `${request.issuedAt.slice(0, 4)}-${String(this.invoiceNumberCounter).padStart(6, '0')}`,
      voided: false,
      amountPaid: 0,
      amountWrittenOff: 0,
    };
    this.invoices.set(invoice.invoiceId, invoice);
    return invoice;
  }

  invoice(invoiceId: string): Invoice {
    const invoice = this.invoices.get(invoiceId);
    if (!invoice) throw notFound('invoice_not_found', { invoiceId });
    return invoice;
  }

  /** An invoice that may still be booked against: not voided, and in the given currency. */
  bookable(invoiceId: string, currency: string): Invoice {
    const invoice = this.invoice(invoiceId);
    if (invoice.voided) throw conflict('invoice_voided', { invoiceId });
    if (invoice.currency !== currency) throw conflict('currency_mismatch', { invoiceId, currency: invoice.currency });
    return invoice;
  }

  nextReceiptId(): string {
    return this.receiptIds.issue();
  }

  /** What the customer still owes on invoices that are not voided; the CRM counts it as exposure. */
  openBalanceOf(customerId: string): number {
    return [...this.invoices.values()]
      .filter((invoice) => invoice.customerId === customerId && !invoice.voided)
      .reduce((sum, invoice) => sum + Math.max(0, balanceOf(invoice)), 0);
  }
}

function balanceOf(invoice: Invoice): number {
  return cents(invoice.amount - invoice.amountPaid - invoice.amountWrittenOff);
}

function statusOf(invoice: Invoice): InvoiceStatus {
  if (invoice.voided) return 'voided';
  if (balanceOf(invoice) > halfCent) return invoice.amountPaid > 0 ? 'partially-paid' : 'open';
  return invoice.amountWrittenOff > 0 ? 'written-off' : 'paid';
}

function viewOf(invoice: Invoice): Record<string, unknown> {
  const { document, ...fields } = invoice;
  return { ...fields, status: statusOf(invoice), balance: balanceOf(invoice), hasDocument: document !== undefined };
}

export function registerAccountingRoutes(router: SystemRouter, accounting: Accounting): void {
  router.read('/invoices/:id', { params: idParams }, ({ params }) => ok(viewOf(accounting.invoice(params.id))));

  router.read('/invoices/:id/document', { params: idParams }, ({ params }) => {
    const { document } = accounting.invoice(params.id);
    if (!document) throw notFound('document_not_found', { invoiceId: params.id });
    return { status: 200, body: document, contentType: 'application/pdf' };
  });

  router.write('POST', '/invoices', { body: invoiceRequest }, ({ body, record }) => {
    const invoice = accounting.issue(body);
    record('invoice.created', body.orderId, {
      invoiceId: invoice.invoiceId,
      invoiceNumber: invoice.invoiceNumber,
      customerId: body.customerId,
      amount: body.amount,
      currency: body.currency,
      dueDate: body.dueDate,
    });
    return created({ invoiceId: invoice.invoiceId, invoiceNumber: invoice.invoiceNumber });
  });

  router.write('PUT', '/invoices/:id/document', { params: idParams }, ({ params, body, record }) => {
    const invoice = accounting.invoice(params.id);
    const parsed = pdfDocument.safeParse(body);
    if (!parsed.success) {
      throw new Rejection(400, {
        error: 'invalid_request',
        field: '(body)',
        message: 'must be a PDF document sent as application/pdf',
      });
    }
    invoice.document = parsed.data;
    const sha256 = createHash('sha256').update(parsed.data).digest('hex');
    record('invoice.document-stored', invoice.orderId, {
      invoiceId: invoice.invoiceId,
      bytes: parsed.data.length,
      sha256,
    });
    return ok({ invoiceId: invoice.invoiceId, contentType: 'application/pdf', bytes: parsed.data.length, sha256 });
  });

  router.write('POST', '/invoices/:id/void', { params: idParams }, ({ params, record }) => {
    const invoice = accounting.invoice(params.id);
    if (invoice.voided) throw conflict('invoice_voided', { invoiceId: invoice.invoiceId });
    invoice.voided = true;
    record('invoice.voided', invoice.orderId, { invoiceId: invoice.invoiceId, balance: balanceOf(invoice) });
    return ok({ invoiceId: invoice.invoiceId, status: statusOf(invoice) });
  });

  router.write(
    'POST',
    '/invoices/:id/write-off',
    { params: idParams, body: writeOffRequest },
    ({ params, body, record }) => {
      const invoice = accounting.bookable(params.id, body.currency);
      if (body.amount > balanceOf(invoice) + halfCent) {
        throw conflict('amount_exceeds_balance', { invoiceId: invoice.invoiceId, balance: balanceOf(invoice) });
      }
      invoice.amountWrittenOff = cents(invoice.amountWrittenOff + body.amount);
      record('invoice.written-off', invoice.orderId, {
        invoiceId: invoice.invoiceId,
        amount: body.amount,
        currency: body.currency,
      });
      return ok({ invoiceId: invoice.invoiceId, status: statusOf(invoice), balance: balanceOf(invoice) });
    },
  );

  router.write('POST', '/receipts', { body: receiptRequest }, ({ body, record }) => {
    const invoice = accounting.bookable(body.invoiceId, body.currency);
    if (invoice.orderId !== body.orderId) {
      throw conflict('invoice_order_mismatch', { invoiceId: invoice.invoiceId, orderId: invoice.orderId });
    }
    invoice.amountPaid = cents(invoice.amountPaid + body.amount);
    const receiptId = accounting.nextReceiptId();
    record('receipt.posted', body.orderId, {
      receiptId,
      invoiceId: invoice.invoiceId,
      amount: body.amount,
      currency: body.currency,
    });
    return created({ receiptId, invoiceId: invoice.invoiceId, status: statusOf(invoice), balance: balanceOf(invoice) });
  });
}
