import { ApplicationFailure } from '@temporalio/common';
import { processErrors } from '../lib/process-contract';
import { businessKeyPattern } from '../lib/process-definition';
import { defaultDunning, type DunningPolicy, type OrderToCashInput, orderToCashInputSchema } from './contract';

/** The input after validation, with the dunning defaults applied. */
export type OrderInput = Omit<OrderToCashInput, 'dunning'> & { dunning: DunningPolicy };

function invalid(message: string): never {
  throw ApplicationFailure.create({ type: processErrors.invalidPayload, message, nonRetryable: true });
}

/** The API validates too, but a workflow can be started by anyone with access to the namespace. */
export function parseOrderInput(businessKey: string, raw: unknown): OrderInput {
  if (!businessKeyPattern.test(businessKey)) invalid(`business key "${businessKey}" is not a valid order id`);
  const parsed = orderToCashInputSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
    invalid(`invalid order-to-cash input: ${problems.join('; ')}`);
  }
  return { ...parsed.data, dunning: parsed.data.dunning ?? defaultDunning };
}
