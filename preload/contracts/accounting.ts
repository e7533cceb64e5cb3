// Methods every accounting connection answers the same way: payments, list imports, supplier sync. Each one
// dispatches to an optional capability of the connection's connector; a system that does not offer it here (or
// serves it from its own session, like QuickBooks Desktop's Web Connector) answers with a plain error.
import { z } from 'zod';
import { Connection, Id, IsoDate, ListKind, Supplier, type MethodShape } from '../schemas.js';

export const PaymentsResult = z.object({
  /** Payments seen in the accounting system that apply to documents sent from here. */
  imported: z.number().int(),
  /** Payments voided or deleted there, canceled here. */
  canceled: z.number().int(),
  /** Invoices whose payment state changed (unpaid / partly paid / paid). */
  documentsChanged: z.number().int(),
  /** Where the next automatic poll resumes (the accounting system's own time); null for a date range. */
  checkpoint: z.string().nullable(),
  /**
   * True when the system is read in its own session instead (QuickBooks Desktop: the next Web Connector run);
   * the counts are then 0 and the integration log reports the outcome later.
   */
  queued: z.boolean().default(false),
});

export const ListsImportResult = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  deactivated: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  /** True when the lists are read in the system's own session (QuickBooks Desktop: the next Web Connector run). */
  queued: z.boolean().default(false),
});

export const SupplierPairing = z.object({ supplierId: Id, name: z.string(), externalId: z.string() });
export const SuppliersSyncResult = z.object({
  /** Paired (before, or now by exact name). */
  matched: z.array(SupplierPairing),
  /** Ours with no counterpart there: pair by hand (suppliers.pair) or create there (suppliers.createExternal). */
  unmatchedOurs: z.array(z.object({ supplierId: Id, name: z.string() })),
  /** Theirs with no counterpart here (imported when importUnmatched is on). */
  unmatchedTheirs: z.array(z.object({ externalId: z.string(), name: z.string() })),
  /** Records brought in step: ours sent there, theirs taken here (last change wins). */
  pushed: z.number().int(),
  pulled: z.number().int(),
  imported: z.number().int(),
});

export const TaxCodesCreated = z.object({
  results: z.array(
    z.object({
      taxRateId: Id,
      name: z.string(),
      /** created there now; matched a code of the same name there; mapped already (nothing done); failed. */
      outcome: z.enum(['created', 'matched', 'mapped', 'failed']),
      taxCodeId: z.string().nullable(),
      message: z.string(),
    }),
  ),
  /** The connection with the new pairings in settings.taxCodeMap. */
  connection: Connection,
});

export const accountingContract = {
  'payments.import': {
    input: z
      .object({ connectionId: Id, from: IsoDate, to: IsoDate })
      .refine((v) => v.from <= v.to, { message: 'from must be on or before to', path: ['to'] }),
    output: PaymentsResult,
  },
  'payments.sync': { input: z.object({ connectionId: Id }), output: PaymentsResult },
  /**
   * Imports every list asked for (all the system has without kinds), page by page; an import of the same lists that
   * stopped continues where it stopped. pageSize is for tests: the system's largest page is used without it.
   */
  'lists.import': {
    input: z.object({
      connectionId: Id,
      kinds: z.array(ListKind).min(1).optional(),
      pageSize: z.number().int().min(1).max(1000).optional(),
    }),
    output: ListsImportResult,
  },
  'suppliers.sync': {
    input: z.object({ connectionId: Id, importUnmatched: z.boolean().default(false) }),
    output: SuppliersSyncResult,
  },
  'suppliers.createExternal': {
    input: z.object({ connectionId: Id, supplierId: Id }),
    output: Supplier,
  },
  /**
   * Tax codes created in the accounting system for our tax rates that map to none (all of the company's rates when
   * taxRateIds is absent), filed as the connection's settings say (QuickBooks Online: the default tax agency).
   */
  'taxRates.createExternal': {
    input: z.object({ connectionId: Id, taxRateIds: z.array(Id).min(1).max(200).optional() }),
    output: TaxCodesCreated,
  },
} as const satisfies Record<string, MethodShape>;
