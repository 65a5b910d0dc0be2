import { z } from 'zod';
import { decodeOpaquePageToken, encodeOpaquePageToken, invalidPageToken } from '../paging/opaque-page-token';

/** Where a page ended in the inbox's order: due time, then workflow id, then task id. */
export type InboxPosition = [dueAt: string, workflowId: string, taskId: string];

const tokenSchema = z.object({ f: z.string(), k: z.tuple([z.string(), z.string(), z.string()]) }).strict();

/**
 * The inbox is merged from many instances and sorted by due time, which visibility cannot order by;
 * a page token therefore carries the last item's position (not an offset), so tasks opened or closed
 * between requests neither repeat nor go missing. `filters` binds it to the listing that issued it.
 */
export function encodeInboxToken(filters: string, position: InboxPosition): string {
  return encodeOpaquePageToken({ f: filters, k: position });
}

export function decodeInboxToken(token: string, filters: string): InboxPosition {
  const envelope = decodeOpaquePageToken(token, tokenSchema);
  if (envelope.f !== filters) throw invalidPageToken('belongs to a different listing (a filter changed)');
  return envelope.k;
}

export function comparePositions(a: InboxPosition, b: InboxPosition): number {
  for (let index = 0; index < a.length; index += 1) {
    const left = a[index]!;
    const right = b[index]!;
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}
