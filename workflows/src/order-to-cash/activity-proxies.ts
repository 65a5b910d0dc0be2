import { CancellationScope } from '@temporalio/workflow';
import { proxyExternalCalls } from '../lib/external-calls';
import type { MailActivity, ProcessMail } from '../lib/process-mail';
import type { OrderToCashActivities } from './activities-contract';

/** Plain calls to external systems. */
export const activities = proxyExternalCalls<OrderToCashActivities>();

/** Rendering and storing a PDF takes longer than an API call. */
export const documentActivities = proxyExternalCalls<Pick<OrderToCashActivities, 'renderInvoicePdf'>>('2 minutes');

/** A mail about an order (`reference` is the order id), with the invoice attached where there is one. */
export type OrderMail = ProcessMail & { attachmentUrl?: string };

/** Order-to-cash sends the shared process mails through its own `sendMail` activity, which takes attachments. */
export const orderMail: MailActivity<OrderMail> = ({ reference, ...mail }) =>
  activities.sendMail({ orderId: reference, ...mail });

/**
 * Runs a call that creates something compensation must undo (a reservation, a shipment, an
 * invoice) to its end even when the order is being cancelled: abandoning it half-way would leave
 * an effect the saga does not know about. The cancellation is observed at the next await.
 */
export function completeEvenIfCancelled<T>(call: () => Promise<T>): Promise<T> {
  return CancellationScope.nonCancellable(call);
}
