// Orders the benchmarks and the chaos run place, and the start request the API itself would send to Temporal.
const { orderToCashProcess, searchAttributesAtStart, workflowIdFor } = require('@ordo/workflows');

/** Sized against the approval table: up to 1,000 automatic, up to 10,000 a manager, above that the CFO. */
const linesByKind = {
  auto: [{ sku: 'SKU-A', quantity: 2, unitPrice: 25 }],
  manager: [{ sku: 'SKU-A', quantity: 5, unitPrice: 1000 }],
  cfo: [
    { sku: 'SKU-A', quantity: 2, unitPrice: 5000 },
    { sku: 'SKU-B', quantity: 1, unitPrice: 6000 },
  ],
};

/** The customer with room for any number of open invoices (see the sandbox seed). */
const volumeCustomer = 'C-900';

function orderInput(kind, { customerId = volumeCustomer } = {}) {
  const lines = linesByKind[kind];
  if (!lines) throw new Error(`unknown order kind ${kind}`);
  return { customerId, currency: 'EUR', paymentTermsDays: 30, lines: lines.map((line) => ({ ...line })) };
}

function orderTotal(input) {
  return input.lines.reduce((sum, line) => sum + Math.round(line.quantity * line.unitPrice * 100), 0) / 100;
}

/** Units of each SKU that `count` orders of `kind` reserve. */
function stockNeeded(kind, count) {
  const needed = {};
  for (const line of linesByKind[kind]) needed[line.sku] = (needed[line.sku] ?? 0) + line.quantity * count;
  return needed;
}

/** Business keys unique per run, so runs on the same server never collide. */
function keyMaker(prefix) {
  const run = Date.now().toString(36).toUpperCase();
  return (index) => `${prefix}-${run}-${index}`;
}

/**
 * Exactly what the Process API passes to `client.workflow.start` for a new instance: the baseline of the
 * start-overhead benchmark does the same work minus HTTP, auth, validation and Nest.
 */
function startOptions(businessKey, input, { requestedBy = 'clerk', taskQueue = orderToCashProcess.taskQueue } = {}) {
  const definition = orderToCashProcess;
  return {
    workflowId: workflowIdFor(definition.name, businessKey),
    taskQueue,
    args: [{ businessKey, input, requestedBy }],
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    typedSearchAttributes: searchAttributesAtStart(definition, businessKey),
  };
}

const instancesPath = `/v1/processes/${orderToCashProcess.name}/instances`;

module.exports = {
  orderInput,
  orderTotal,
  stockNeeded,
  keyMaker,
  startOptions,
  instancesPath,
  volumeCustomer,
  linesByKind,
};
