import { ApplicationFailure } from '@temporalio/common';
import { processCatalog } from '../src/catalog';
import { parseProcessInput } from '../src/lib/process-lifecycle';
import { approvalTable } from '../src/order-to-cash/approval-table';
import { orderToCashInputSchema, orderToCashProcess } from '../src/order-to-cash/contract';

const input = {
  customerId: 'C-100',
  lines: [{ sku: 'SKU-1', quantity: 2, unitPrice: 10 }],
  currency: 'EUR',
  paymentTermsDays: 30,
};

function refusalOf(call: () => unknown): ApplicationFailure {
  try {
    call();
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('order-to-cash contract on the shared process library', () => {
  test('the catalog lists the contract as it is, with the approval table it evaluates', () => {
    expect(orderToCashProcess.decisionTables).toEqual([approvalTable]);
    expect(processCatalog.get('order-to-cash')).toBe(orderToCashProcess);
  });

  test('a started order is parsed by the shared input parsing', () => {
    expect(
      parseProcessInput(orderToCashInputSchema, { businessKey: 'SO-1', input, requestedBy: 'clerk' }, 'order'),
    ).toEqual(input);
  });

  test('a business key the API would refuse is refused by the workflow too', () => {
    const refusal = refusalOf(() =>
      parseProcessInput(orderToCashInputSchema, { businessKey: 'has space', input, requestedBy: 'clerk' }, 'order'),
    );
    expect(refusal).toMatchObject({
      type: 'InvalidInput',
      nonRetryable: true,
      message: 'business key "has space" is not a valid order id',
    });
    expect(refusal.details).toEqual([{ path: 'businessKey', message: refusal.message }]);
  });

  test('invalid input names the order and the field at fault', () => {
    const bad = { ...input, lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: 0.001 }] };
    const refusal = refusalOf(() =>
      parseProcessInput(orderToCashInputSchema, { businessKey: 'SO-2', input: bad, requestedBy: 'clerk' }, 'order'),
    );
    expect(refusal.type).toBe('InvalidInput');
    expect(refusal.message).toMatch(/^order SO-2: /);
    expect(refusal.message).toContain('line amount rounds to 0.00');
  });
});
