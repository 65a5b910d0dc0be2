import type { Payload, PayloadCodec } from '@temporalio/common';
import { visit, walkGetWorkflowExecutionHistoryResponse } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

/** A copy of `history` with every payload run through `codec.decode` (search attributes are plaintext and left as they are). */
export async function decodedHistory(history: History, codec: PayloadCodec): Promise<History> {
  const response = temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse.fromObject({
    history: temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history)),
  });
  await visit(response, walkGetWorkflowExecutionHistoryResponse, {
    transformPayload: async (payload: Payload) => (await codec.decode([payload]))[0]!,
    transformPayloads: (payloads: Payload[]) => codec.decode(payloads),
    skipSearchAttributes: true,
  });
  return response.history!;
}
