// Supplier import of a large list (issue 18): the connection's whole supplier list (QuickBooks vendors, Xero
// supplier contacts, NetSuite vendors) read page by page into our suppliers, with progress events (task
// `suppliers.import:<connectionId>`) and an import run that survives a restart: the next suppliers.import continues
// after the last page written. QuickBooks Desktop reads its vendors in the next Web Connector session instead.
import { z } from 'zod';
import { Id, type MethodShape } from '../schemas.js';

export const SupplierImportRun = z.object({
  id: Id,
  connectionId: Id,
  /** running: reading pages (or stopped by a restart, continued by the next import); failed: see message. */
  status: z.enum(['running', 'failed', 'finished']),
  pagesDone: z.number().int(),
  entriesRead: z.number().int(),
  /** How many the list holds, where the system says so. */
  total: z.number().int().nullable(),
  /** New suppliers created here. */
  added: z.number().int(),
  /** Paired suppliers whose fields were taken from the other system (changed there last). */
  updated: z.number().int(),
  /** Suppliers of ours paired now with their record of the same name. */
  matched: z.number().int(),
  unchanged: z.number().int(),
  /** Not imported: inactive there and unknown here, or a name another supplier already has. */
  skipped: z.number().int(),
  /** The first few skipped, with the reason. */
  skippedNames: z.array(z.object({ name: z.string(), reason: z.string() })),
  /** HTTP requests to the system. */
  requests: z.number().int(),
  /** The bookkeeper's sentence: what happened, and after a failure what to do. */
  message: z.string().nullable(),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type SupplierImportRunT = z.infer<typeof SupplierImportRun>;

export const SupplierImportResult = z.object({
  /** The run (null when queued for a Web Connector session). */
  run: SupplierImportRun.nullable(),
  /** True when the system reads its list in its own session (QuickBooks Desktop): see the integration log. */
  queued: z.boolean(),
});

export const supplierImportContract = {
  /**
   * Imports the connection's supplier list, or continues the import a restart or a failure stopped. Answers when
   * the last page is written; progress comes as events meanwhile. pageSize is for tests: the system's largest
   * page is used without it.
   */
  'suppliers.import': {
    input: z.object({ connectionId: Id, pageSize: z.number().int().min(1).max(1000).optional() }),
    output: SupplierImportResult,
  },
  /** The connection's latest supplier import (to show an unfinished one with a Continue button), or null. */
  'suppliers.importStatus': {
    input: z.object({ connectionId: Id }),
    output: SupplierImportRun.nullable(),
  },
} as const satisfies Record<string, MethodShape>;
