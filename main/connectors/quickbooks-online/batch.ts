// QuickBooks' batch endpoint: up to 30 queries or writes in one request, each answered on its own under the bId
// it was sent with, a fault in one item leaving the others alone.
import { z } from 'zod';
import type { FaultInfo } from './faults.js';

const Rec = z.record(z.string(), z.unknown());

const BatchItemResponse = z
  .object({
    bId: z.string(),
    Fault: z
      .object({
        Error: z.array(
          z.object({
            Message: z.string().optional(),
            Detail: z.string().optional(),
            code: z.string().optional(),
            element: z.string().optional(),
          }),
        ),
        type: z.string().optional(),
      })
      .optional(),
    QueryResponse: Rec.optional(),
  })
  .passthrough();
type BatchItemResponse = z.infer<typeof BatchItemResponse>;

export const BatchResponse = z.object({ BatchItemResponse: z.array(BatchItemResponse) });

/** Items in one batch request (QuickBooks takes at most 30). */
export const BATCH_ITEMS = 30;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A batch item's fault as the fault a single request would have answered with (batch faults carry no status). */
export function batchFaultInfo(fault: NonNullable<BatchItemResponse['Fault']>): FaultInfo {
  return { status: 400, type: fault.type ?? '', errors: fault.Error };
}
