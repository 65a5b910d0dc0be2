import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ageReceivables,
  type AgingFigures,
  type OpenInvoice,
  orderToCashProcess,
  type OrderToCashInput,
  type ProcessStart,
  searchAttributes,
  statusQuery,
} from '@ordo/workflows';
import { Client } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { type ListedExecution, listExecutionsUpTo, literal, literalList } from '../temporal/visibility';

/** The stages in which an order-to-cash instance has an invoice that is not (yet) settled. */
const invoicedStages = ['awaiting-payment', 'dunning', 'collections', 'posting-receipt'] as const;
/** Instances one report reads; more is a report that says so (`unreadable` stays honest, the totals partial). */
const maxInstances = 50_000;
/** Instances read at once: each costs a query and one history page. */
const parallelReads = 8;

/** `invoice 2026-000042, due 2026-12-31T…`: what order-to-cash's `create-invoice` step says once it completed. */
const invoiceStepDetail = /^invoice \S+, due (\S+)$/;

/**
 * The open invoices of the order-to-cash instances, read from what the process exposes: visibility finds the
 * running instances in an invoiced stage and their encrypted value memo (`OrdoValue`: amount outstanding,
 * currency), the status query gives the invoice's due date (its `create-invoice` step), and the start input the
 * customer. Read only; an instance that does not answer is listed as unreadable rather than guessed.
 */
@Injectable()
export class AgingCollector {
  private readonly logger = new Logger(AgingCollector.name);

  constructor(
    private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async collect(asOf: string): Promise<AgingFigures> {
    const query =
      `${searchAttributes.process.name} = ${literal(orderToCashProcess.name)} AND ExecutionStatus = 'Running' AND ` +
      `${searchAttributes.stage.name} IN ${literalList(invoicedStages)}`;
    const { executions, complete } = await listExecutionsUpTo(this.client, query, maxInstances);
    if (!complete) this.logger.warn(`aging: more than ${maxInstances} invoiced instances, the rest is not counted`);
    const invoices: OpenInvoice[] = [];
    const unreadable: string[] = [];
    const owing = executions.filter((execution) => (execution.amountOutstanding ?? 0) > 0);
    for (let next = 0; next < owing.length; next += parallelReads) {
      const batch = owing.slice(next, next + parallelReads);
      const read = await Promise.all(batch.map((execution) => this.invoiceOf(execution)));
      read.forEach((invoice, index) =>
        invoice ? invoices.push(invoice) : unreadable.push(batch[index]!.businessKey ?? batch[index]!.workflowId),
      );
    }
    return ageReceivables(invoices, asOf, unreadable);
  }

  private async invoiceOf(execution: ListedExecution): Promise<OpenInvoice | undefined> {
    try {
      const handle = this.client.workflow.getHandle(execution.workflowId, execution.runId);
      const [status, start] = await Promise.all([
        withDeadline(handle.query(statusQuery), this.config.queryTimeoutMs),
        this.startOf(execution),
      ]);
      const invoiceStep = status.steps.find((step) => step.name === 'create-invoice' && step.status === 'COMPLETED');
      const dueDate = invoiceStepDetail.exec(invoiceStep?.detail ?? '')?.[1];
      if (!dueDate || Number.isNaN(Date.parse(dueDate)) || !execution.currency) return undefined;
      return {
        businessKey: start.businessKey,
        customerId: start.input.customerId,
        currency: execution.currency,
        amountOutstanding: execution.amountOutstanding!,
        dueDate,
      };
    } catch (error) {
      this.logger.warn(`aging: ${execution.workflowId} unreadable (${String(error)})`);
      return undefined;
    }
  }

  /** The instance's start (business key, input): the first event of its history, decoded with the codec. */
  private async startOf(execution: ListedExecution): Promise<ProcessStart<OrderToCashInput>> {
    const { history } = await this.client.workflowService.getWorkflowExecutionHistory({
      namespace: this.client.options.namespace,
      execution: { workflowId: execution.workflowId, runId: execution.runId },
      maximumPageSize: 1,
    });
    const started = history?.events?.[0]?.workflowExecutionStartedEventAttributes;
    if (!started) throw new Error('no start event');
    return decodeFromPayloadsAtIndex(this.client.options.loadedDataConverter, 0, started.input?.payloads);
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
