import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { patched } from '@temporalio/workflow';
import { evaluateDecisionTable, toDecisionRecord } from '../lib/decision-table';
import type { TaskOutcome } from '../lib/human-task';
import { processMailHooks } from '../lib/process-mail';
import type { CustomerCredit } from './activities-contract';
import { activities, orderMail } from './activity-proxies';
import { approvalTable } from './approval-table';
import { orderToCashPolicy } from './contract';
import { formatAmount } from './money';
import { customerOf, type FlowEnd, type OrderContext } from './order-context';

function isCustomerNotFound(error: unknown): boolean {
  return (
    error instanceof ActivityFailure &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === 'CustomerNotFound'
  );
}

function rejection(task: string, outcome: TaskOutcome): FlowEnd {
  const comment = outcome.comment ? `: ${outcome.comment}` : '';
  return { status: 'REJECTED', reason: `${task} rejected by ${outcome.actor.id}${comment}` };
}

function orderFacts(ctx: OrderContext): Record<string, unknown> {
  const customer = customerOf(ctx);
  return {
    orderId: ctx.orderId,
    customerId: customer.customerId,
    customerName: customer.name,
    total: ctx.total,
    currency: ctx.input.currency,
    lines: ctx.input.lines.length,
    requestedBy: ctx.requestedBy,
  };
}

/** Reads the customer's credit; an order above the available credit needs a credit controller. */
export async function checkCredit(ctx: OrderContext): Promise<FlowEnd | undefined> {
  ctx.tracker.setStage('credit-check');
  let credit: CustomerCredit;
  try {
    credit = await ctx.tracker.runStep(
      'credit-check',
      () => activities.getCustomerCredit({ customerId: ctx.input.customerId }),
      (found) =>
        `available ${formatAmount(found.available, ctx.input.currency)} for ${formatAmount(ctx.total, ctx.input.currency)}`,
    );
  } catch (error) {
    // An order for a customer the CRM does not know is a business outcome, not a failure; older instances failed.
    if (isCustomerNotFound(error) && patched('unknown-customer-rejects')) {
      return { status: 'REJECTED', reason: `customer ${ctx.input.customerId} not found in CRM` };
    }
    throw error;
  }
  ctx.facts.credit = credit;
  if (ctx.total <= credit.available) return undefined;

  ctx.tracker.setStage('credit-review');
  const task = ctx.tasks.open({
    type: 'credit-review',
    title: `Credit review of order ${ctx.orderId} (${formatAmount(ctx.total, ctx.input.currency)})`,
    candidateRoles: ['credit-controller'],
    decisions: ['approve', 'reject'],
    due: orderToCashPolicy.creditReviewTaskDue,
    data: {
      ...orderFacts(ctx),
      creditLimit: credit.creditLimit,
      exposure: credit.exposure,
      available: credit.available,
    },
    hooks: processMailHooks(ctx.tracker, ctx.orderId, orderMail),
  });
  const outcome = await task.completion;
  return outcome.decision === 'approve' ? undefined : rejection('credit review', outcome);
}

/** Routes the order through the approval table: automatic, or a task for the role it names. */
export async function obtainApproval(ctx: OrderContext): Promise<FlowEnd | undefined> {
  ctx.tracker.setStage('approval');
  const routing = evaluateDecisionTable(approvalTable, { total: ctx.total });
  ctx.tracker.addDecision(toDecisionRecord(routing));
  const role = routing.output.approverRole;
  if (role === null) {
    ctx.tracker.finish(
      'approval',
      'COMPLETED',
      `approved automatically (${routing.table} v${routing.version}, rule ${routing.ruleId})`,
    );
    return undefined;
  }

  const task = ctx.tasks.open({
    type: 'approval',
    title: `Approve order ${ctx.orderId} (${formatAmount(ctx.total, ctx.input.currency)})`,
    candidateRoles: [role],
    decisions: ['approve', 'reject'],
    due: orderToCashPolicy.approvalTaskDue,
    escalationTargets: orderToCashPolicy.escalationTargets,
    data: { ...orderFacts(ctx), rule: routing.ruleId },
    hooks: processMailHooks(ctx.tracker, ctx.orderId, orderMail),
  });
  const outcome = await task.completion;
  if (outcome.decision !== 'approve') return rejection('approval', outcome);
  ctx.facts.approvedBy = outcome.actor.id;
  return undefined;
}
