// Activities that do nothing but answer in the shape order-to-cash expects: the baseline workflow runs the real
// order-to-cash code with these, so what remains is the engine's own cost of that shape (tasks, timers, history).

function nullActivities() {
  return {
    async getCustomerCredit({ customerId }) {
      return {
        customerId,
        name: 'Baseline Customer',
        email: 'baseline@bench.example',
        creditLimit: 1e12,
        exposure: 0,
        available: 1e12,
      };
    },
    async reserveStock({ orderId }) {
      return { reservationId: `RES-${orderId}` };
    },
    async checkStock() {
      return { available: true, shortSkus: [] };
    },
    async releaseStock() {},
    async bookReturn({ orderId }) {
      return { returnId: `RET-${orderId}` };
    },
    async createShipment({ orderId }) {
      return { shipmentId: `SHP-${orderId}`, trackingNumber: `TRK-${orderId}` };
    },
    async createInvoice({ orderId }) {
      return { invoiceId: `INV-${orderId}`, invoiceNumber: `N-${orderId}` };
    },
    async renderInvoicePdf({ invoiceId, invoiceNumber }) {
      return {
        documentId: `${invoiceId}:pdf`,
        type: 'invoice',
        name: `invoice-${invoiceNumber}.pdf`,
        contentType: 'application/pdf',
        url: `http://baseline.invalid/invoices/${invoiceId}/document`,
      };
    },
    async voidInvoice() {},
    async writeOffInvoice() {},
    async postReceipt({ orderId }) {
      return { receiptId: `RCP-${orderId}` };
    },
    async refundPayment({ orderId, step }) {
      return { refundId: `RFD-${orderId}-${step}` };
    },
    async sendMail({ orderId, step }) {
      return { messageId: `MSG-${orderId}-${step}` };
    },
  };
}

module.exports = { nullActivities };
