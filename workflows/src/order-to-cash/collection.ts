import { condition } from '@temporalio/workflow';
import { processMailHooks, sendProcessMail } from '../lib/process-mail';
import { activities, completeEvenIfCancelled, orderMail } from './activity-proxies';
import { formatAmount } from './money';
import { customerOf, type FlowEnd, invoiceOf, type OrderContext } from './order-context';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Time a collections agent has to decide before the task is marked overdue. */
const collectionsTaskDue = '5 days';

/** True as soon as the invoice is fully paid, false if `at` (workflow time) comes first. */
async function paidBy(ctx: OrderContext, at: number): Promise<boolean> {
  const remaining = at - Date.now();
  if (remaining <= 0) return ctx.ledger.fullyPaid;
  return condition(() => ctx.ledger.fullyPaid, remaining);
}

async function sendDunningReminder(ctx: OrderContext, number: number, daysAfterDue: number): Promise<void> {
  const customer = customerOf(ctx);
  const issued = invoiceOf(ctx);
  await sendProcessMail(
    ctx.tracker,
    {
      reference: ctx.orderId,
      step: `dunning-reminder-${number}`,
      to: customer.email,
      subject: `Payment reminder ${number}: invoice ${issued.invoiceNumber}`,
      body:
        `Dear ${customer.name}, invoice ${issued.invoiceNumber} was due on ${issued.dueDate.slice(0, 10)} ` +
        `(${daysAfterDue} days ago). ${formatAmount(ctx.ledger.outstanding, ctx.input.currency)} is still outstanding.`,
      attachmentUrl: issued.pdfUrl,
    },
    orderMail,
  );
  ctx.tracker.metrics.dunningReminderSent(number);
}

type CollectionsDecision = 'paid' | 'keep-chasing' | FlowEnd;

/** One round of collections: a task for the collections team, unless the money arrives first. */
async function collectionsRound(ctx: OrderContext): Promise<CollectionsDecision> {
  ctx.tracker.setStage('collections');
  const customer = customerOf(ctx);
  const issued = invoiceOf(ctx);
  const { currency } = ctx.input;
  const task = ctx.tasks.open({
    type: 'collections',
    title: `Collect ${formatAmount(ctx.ledger.outstanding, currency)} of invoice ${issued.invoiceNumber}`,
    candidateRoles: ['collections'],
    decisions: ['write-off', 'keep-chasing'],
    due: collectionsTaskDue,
    data: {
      orderId: ctx.orderId,
      customerId: customer.customerId,
      customerName: customer.name,
      invoiceNumber: issued.invoiceNumber,
      dueDate: issued.dueDate,
      outstanding: ctx.ledger.outstanding,
      currency,
    },
    hooks: processMailHooks(ctx.tracker, ctx.orderId, orderMail),
  });
  ctx.tracker.metrics.collectionsTaskOpened();
  await condition(() => !ctx.tasks.isOpen(task.taskId) || ctx.ledger.fullyPaid);
  if (ctx.ledger.fullyPaid) {
    ctx.tasks.cancel(task.taskId, 'invoice paid in full');
    return 'paid';
  }
  const outcome = await task.completion;
  if (outcome.decision !== 'write-off') return 'keep-chasing';

  ctx.facts.settled = true;
  const amount = ctx.ledger.outstanding;
  await ctx.tracker.runStep('write-off-invoice', () =>
    completeEvenIfCancelled(() =>
      activities.writeOffInvoice({
        orderId: ctx.orderId,
        step: 'write-off-invoice',
        invoiceId: issued.invoiceId,
        amount,
        currency,
      }),
    ),
  );
  ctx.facts.writtenOff = amount;
  ctx.tracker.metrics.moneyMoved('written_off', currency, amount);
  ctx.tracker.setAmounts({ amountOutstanding: 0 });
  return { status: 'COMPLETED', reason: `${formatAmount(amount, currency)} written off by ${outcome.actor.id}` };
}

/** Until paid: wait for the due date, dun on the configured days, then hand over to collections. */
async function awaitPayment(ctx: OrderContext): Promise<'paid' | FlowEnd> {
  ctx.tracker.setStage('awaiting-payment');
  const dueAt = Date.parse(invoiceOf(ctx).dueDate);
  if (await paidBy(ctx, dueAt)) return 'paid';
  // Past due: from here until paid or handed to collections the order is in dunning.
  ctx.tracker.setStage('dunning');
  ctx.tracker.metrics.slaBreached('payment_due');

  const { reminderDaysAfterDue, collectionsAfterDays } = ctx.input.dunning;
  // Reminders on or after the collections day would compete with the collections team: they are dropped.
  const reminderDays = [...new Set(reminderDaysAfterDue)]
    .filter((day) => day < collectionsAfterDays)
    .sort((a, b) => a - b);
  for (const [index, day] of reminderDays.entries()) {
    if (await paidBy(ctx, dueAt + day * DAY_MS)) return 'paid';
    await sendDunningReminder(ctx, index + 1, day);
  }

  for (
    let nextRoundAt = dueAt + collectionsAfterDays * DAY_MS;
    ;
    nextRoundAt = Date.now() + collectionsAfterDays * DAY_MS
  ) {
    // Between collections rounds the invoice is still past due.
    ctx.tracker.setStage('dunning');
    if (await paidBy(ctx, nextRoundAt)) return 'paid';
    const decision = await collectionsRound(ctx);
    if (decision !== 'keep-chasing') return decision;
  }
}

/** Collects the invoice; a fully paid invoice gets its receipt posted in accounting. */
export async function collectPayment(ctx: OrderContext): Promise<FlowEnd> {
  const collected = await awaitPayment(ctx);
  if (collected !== 'paid') return collected;

  ctx.facts.settled = true;
  ctx.tracker.setStage('posting-receipt');
  const issued = invoiceOf(ctx);
  const { receiptId } = await ctx.tracker.runStep(
    'post-receipt',
    // Paid in full is final: not even Temporal's own cancellation undoes it.
    () =>
      completeEvenIfCancelled(() =>
        activities.postReceipt({
          orderId: ctx.orderId,
          step: 'post-receipt',
          invoiceId: issued.invoiceId,
          amount: ctx.ledger.paid,
          currency: ctx.input.currency,
        }),
      ),
    (posted) => `receipt ${posted.receiptId}`,
  );
  ctx.facts.receiptId = receiptId;
  return { status: 'COMPLETED' };
}
