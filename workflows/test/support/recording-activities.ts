import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { CustomerCredit, OrderToCashActivities } from '../../src/order-to-cash/activities-contract';

export type ActivityName = keyof OrderToCashActivities;

export interface ActivityCall {
  name: ActivityName;
  workflowId: string;
  request: Record<string, unknown>;
}

/** What the fake external systems answer; tests change it per order while workflows run. */
export interface FakeSystems {
  customers: Map<string, CustomerCredit>;
  /** Orders whose reservation fails with OutOfStock, with the short SKUs. */
  shortStock: Map<string, string[]>;
  /** `<orderId>:<activity>` → the business error that activity raises for that order. */
  failures: Map<string, ApplicationFailure>;
  /** `<orderId>:<activity>` → a promise the activity waits on before answering (to hold a workflow in a stage). */
  gates: Map<string, Promise<void>>;
}

export const customers = {
  /** Good standing: large credit line. */
  solid: {
    customerId: 'C-100',
    name: 'Acme Corp',
    email: 'billing@acme.test',
    creditLimit: 1_000_000,
    exposure: 0,
    available: 1_000_000,
  },
  /** Small credit line: most orders exceed it. */
  limited: {
    customerId: 'C-200',
    name: 'Tiny Traders',
    email: 'ap@tiny.test',
    creditLimit: 1_000,
    exposure: 700,
    available: 300,
  },
} satisfies Record<string, CustomerCredit>;

/**
 * In-memory stand-ins for the adapters: they answer like the real systems and record every call,
 * so tests can assert exactly which effects a workflow asked for, in which order.
 */
export function createRecordingActivities() {
  const calls: ActivityCall[] = [];
  const systems: FakeSystems = {
    customers: new Map(Object.values(customers).map((customer) => [customer.customerId, customer])),
    shortStock: new Map(),
    failures: new Map(),
    gates: new Map(),
  };

  function callingWorkflowId(): string {
    return Context.current().info.workflowExecution?.workflowId ?? '';
  }

  async function record(name: ActivityName, request: object, orderId?: string): Promise<void> {
    calls.push({ name, workflowId: callingWorkflowId(), request: { ...request } });
    if (orderId === undefined) return;
    await systems.gates.get(`${orderId}:${name}`);
    const failure = systems.failures.get(`${orderId}:${name}`);
    if (failure) throw failure;
  }

  function orderOf(): string {
    // Workflow ids are `order-to-cash:<orderId>`.
    return callingWorkflowId().split(':').slice(1).join(':');
  }

  const activities: OrderToCashActivities = {
    async getCustomerCredit(req) {
      await record('getCustomerCredit', req, orderOf());
      const customer = systems.customers.get(req.customerId);
      if (!customer) throw ApplicationFailure.nonRetryable(`customer ${req.customerId} not found`, 'CustomerNotFound');
      return customer;
    },
    async reserveStock(req) {
      await record('reserveStock', req, req.orderId);
      const short = systems.shortStock.get(req.orderId);
      if (short)
        throw ApplicationFailure.create({
          type: 'OutOfStock',
          message: `short: ${short.join(', ')}`,
          nonRetryable: true,
          details: [{ skus: short }],
        });
      return { reservationId: `RES-${req.orderId}` };
    },
    async checkStock(req) {
      await record('checkStock', req, orderOf());
      const short = systems.shortStock.get(orderOf());
      return { available: !short, shortSkus: short ?? [] };
    },
    async releaseStock(req) {
      await record('releaseStock', req, req.orderId);
    },
    async bookReturn(req) {
      await record('bookReturn', req, req.orderId);
      return { returnId: `RET-${req.orderId}` };
    },
    async createShipment(req) {
      await record('createShipment', req, req.orderId);
      return { shipmentId: `SHP-${req.orderId}`, trackingNumber: `TRK-${req.orderId}` };
    },
    async createInvoice(req) {
      await record('createInvoice', req, req.orderId);
      return { invoiceId: `INV-${req.orderId}`, invoiceNumber: `2025-${req.orderId}` };
    },
    async renderInvoicePdf(req) {
      await record('renderInvoicePdf', req, req.orderId);
      return {
        documentId: `DOC-${req.invoiceId}`,
        type: 'invoice',
        name: `invoice-${req.invoiceNumber}.pdf`,
        contentType: 'application/pdf',
        url: `http://documents.test/${req.invoiceId}.pdf`,
      };
    },
    async voidInvoice(req) {
      await record('voidInvoice', req, req.orderId);
    },
    async writeOffInvoice(req) {
      await record('writeOffInvoice', req, req.orderId);
    },
    async postReceipt(req) {
      await record('postReceipt', req, req.orderId);
      return { receiptId: `RCP-${req.orderId}` };
    },
    async refundPayment(req) {
      await record('refundPayment', req, req.orderId);
      return { refundId: `REF-${req.paymentReference}` };
    },
    async sendMail(req) {
      await record('sendMail', req, req.orderId);
      return { messageId: `MSG-${req.orderId}-${req.step}` };
    },
  };

  return {
    activities,
    systems,
    /** Calls made on behalf of one workflow, in order. */
    callsOf(workflowId: string): ActivityCall[] {
      return calls.filter((call) => call.workflowId === workflowId);
    },
  };
}

export type RecordingActivities = ReturnType<typeof createRecordingActivities>;
