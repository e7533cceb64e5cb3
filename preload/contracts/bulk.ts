// Bulk actions on the Documents page: submit, approve or send many documents at once. Each document is handled on
// its own by the same rules as the one-document methods, so one refusal never stops the rest; the answer says what
// happened to each.
import { z } from 'zod';
import {
  DocumentListInput,
  DocumentStatus,
  DocumentType,
  Id,
  SyncStatus,
  type MethodShape,
} from '../schemas.js';

/** At most 500 documents per call: the renderer sends a longer selection in parts and shows its progress. */
export const BULK_MAX = 500;

/** Ids per page of documents.ids: 10,000 ids are about 400 kB of JSON. */
export const IDS_PAGE_MAX = 10_000;

const Ids = z
  .array(Id)
  .min(1, 'choose at least one document')
  .max(BULK_MAX, `at most ${BULK_MAX} documents per call`)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'names a document twice' });

const Actor = z.string().trim().min(1).max(100).optional();

/**
 * What happened to one document:
 * - submitted: now pending approval; approved: approved, nothing to send automatically;
 * - queued: queued to be sent (approved with an automatic send, or sent by hand), or already being sent;
 * - refused: nothing changed; `message` says why and what to do.
 */
export const BulkOutcome = z.enum(['submitted', 'approved', 'queued', 'refused']);

export const BulkItemResult = z.object({
  id: Id,
  /** Null when the document does not exist (or belongs to another company). */
  number: z.string().nullable(),
  type: DocumentType.nullable(),
  outcome: BulkOutcome,
  message: z.string(),
});

export const BulkResult = z.object({ results: z.array(BulkItemResult) });

/** Where a sent document stands: for the progress of a bulk send and its summary. */
export const SendProgressItem = z.object({
  id: Id,
  number: z.string(),
  type: DocumentType,
  status: DocumentStatus,
  syncStatus: SyncStatus,
  /**
   * waiting: the send waits for the bookkeeper (a reconnect, a pairing, the company to confirm) and goes on by
   * itself once that is done; refused: the accounting system refused it (or it gave up); sent; in_progress.
   */
  stage: z.enum(['in_progress', 'sent', 'waiting', 'refused']),
  /** The last word on the send: the system's refusal or what the waiting send needs. */
  message: z.string().nullable(),
});

export const bulkContract = {
  /**
   * The ids of the documents matching the Documents page's filters (those of documents.list), in the list's order, a
   * page at a time: "Select all matching" walks them however many match, and the bulk actions take them in parts.
   */
  'documents.ids': {
    input: DocumentListInput.omit({ offset: true, limit: true }).extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(IDS_PAGE_MAX).default(5000),
    }),
    output: z.object({ total: z.number().int(), ids: z.array(Id) }),
  },
  'documents.submitMany': {
    input: z.object({ companyId: Id, ids: Ids, actor: Actor }),
    output: BulkResult,
  },
  'documents.approveMany': {
    input: z.object({ companyId: Id, ids: Ids, actor: Actor }),
    output: BulkResult,
  },
  /** "Send to <system>" for many: queued to the connection given, or to the company's only accounting connection. */
  'documents.sendMany': {
    input: z.object({ companyId: Id, ids: Ids, connectionId: Id.optional(), actor: Actor }),
    output: BulkResult,
  },
  /** Where each of these documents' sends stands (a bulk send's progress). */
  'documents.sendProgress': {
    input: z.object({ companyId: Id, ids: Ids, connectionId: Id.optional() }),
    output: z.array(SendProgressItem),
  },
} as const satisfies Record<string, MethodShape>;
