// The Lists page of a connection (Connections → Lists): each list mirrored from the accounting system with its
// counts and last import, its entries searched by full name, "Import new" and "Update existing" per list, hiding an
// entry from the pickers, and pairing by hand the references documents are waiting on.
import { z } from 'zod';
import {
  DocumentType,
  Id,
  ListKind,
  listOf,
  Paging,
  ReferenceKindSchema,
  type MethodShape,
} from '../schemas.js';

export const ListImportMode = z.enum(['new', 'update']);

export const ListImportInfo = z.object({
  at: z.string(),
  /** new: entries not yet mirrored added; update: those mirrored refreshed; all: both (a full import). */
  mode: z.enum(['new', 'update', 'all']),
  seen: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  deactivated: z.number().int(),
});

/** An import of a list that stopped before its last page: Resume (the same mode) continues at the next page. */
export const StoppedListImport = z.object({
  mode: z.enum(['new', 'update', 'all']),
  /** failed: a page could not be read (message says why); running: the app stopped while it was read. */
  status: z.enum(['running', 'failed']),
  pagesDone: z.number().int(),
  entriesRead: z.number().int(),
  /** How many the list held when the import began, where the system says so. */
  total: z.number().int().nullable(),
  message: z.string().nullable(),
  at: z.string(),
});

export const ListSummary = z.object({
  kind: ListKind,
  count: z.number().int(),
  active: z.number().int(),
  hidden: z.number().int(),
  lastChangedAt: z.string().nullable(),
  lastImport: ListImportInfo.nullable(),
  /** The newest import of this list that stopped part way, if any. */
  stopped: StoppedListImport.nullable(),
});

export const ListsOverview = z.object({
  connectionId: Id,
  companyId: Id,
  name: z.string(),
  system: z.string(),
  status: z.string(),
  /** True where imports wait for the system's own session (QuickBooks Desktop: the next Web Connector run). */
  session: z.boolean(),
  /** Said plainly on the page where imports are not done on the spot. */
  sessionHint: z.string().nullable(),
  lists: z.array(ListSummary),
  /** The lists the system has (its connector's listKinds), imported or not; the page offers these and no other. */
  kinds: z.array(ListKind),
});

export const ListPageEntry = z.object({
  id: Id,
  kind: ListKind,
  externalId: z.string().nullable(),
  name: z.string(),
  /** With its parents' names, joined by ':' ("Utilities:Gas"). */
  fullName: z.string(),
  code: z.string().nullable(),
  active: z.boolean(),
  /** Left out of the pickers (never changed in the accounting system). */
  hidden: z.boolean(),
  parentId: Id.nullable(),
  updatedAt: z.string(),
});

export const ListKindImportResult = z.object({
  kind: ListKind,
  mode: ListImportMode,
  seen: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  deactivated: z.number().int(),
  /** True when it waits for the system's own session (QuickBooks Desktop); the counts are then 0. */
  queued: z.boolean(),
});

export { ReferenceKindSchema };
export const LinkEntityTypeSchema = z.enum(['supplier', 'list_entry', 'tax_rate']);

export const NeedsPairingEntry = z.object({
  kind: ReferenceKindSchema,
  entityType: LinkEntityTypeSchema,
  entityId: Id,
  name: z.string(),
  /** The lists whose entries it can be paired with on this page (none for a supplier: see lists.vendors). */
  pairWith: z.array(ListKind),
  documents: z.array(
    z.object({
      id: Id,
      type: DocumentType,
      number: z.string(),
      supplierName: z.string(),
      message: z.string().nullable(),
      /** waiting: no counterpart there; failed: several records of that name there (sent again once paired). */
      held: z.enum(['waiting', 'failed']),
    }),
  ),
});

export const PairingResult = z.object({
  /** Waiting documents put back in the queue (each goes on, or waits on its next missing reference). */
  released: z.number().int(),
  externalId: z.string(),
  name: z.string(),
});

const Reference = { connectionId: Id, entityType: LinkEntityTypeSchema, entityId: Id };

/** One of the system's vendors as mirrored here: the supplier the supplier import (or a pairing) paired it with. */
export const MirroredVendor = z.object({
  externalId: z.string(),
  name: z.string(),
  supplierId: Id,
  /** Documents of that supplier: a vendor whose supplier has none can be paired with another supplier instead. */
  documents: z.number().int(),
});

/**
 * What Create in <system> did: created and paired now (a system we call), or, for one that calls us (QuickBooks
 * Desktop's Web Connector), queued: its next run adds it (externalId null until then) and sends what waits on it.
 */
export const CreationResult = PairingResult.extend({
  externalId: z.string().nullable(),
  queued: z.boolean(),
});

export const VendorPairingResult = PairingResult.extend({
  /** The supplier here the vendor was paired with before (it had no documents), now paired with none; else null. */
  unpaired: z.string().nullable(),
});

export const listsContract = {
  'lists.overview': { input: z.object({ connectionId: Id }), output: ListsOverview },
  'lists.entries': {
    input: z.object({
      connectionId: Id,
      kind: ListKind,
      search: z.string().trim().max(200).optional(),
      ...Paging,
    }),
    output: listOf(ListPageEntry),
  },
  /**
   * Import new or Update existing of one list, page by page; an import of that list in that mode that stopped
   * continues at the page after the last one written. pageSize is for tests.
   */
  'lists.importKind': {
    input: z.object({
      connectionId: Id,
      kind: ListKind,
      mode: ListImportMode,
      pageSize: z.number().int().min(1).max(1000).optional(),
    }),
    output: ListKindImportResult,
  },
  /** Hides an entry from the pickers (hidden: true) or offers it again; nothing changes in the accounting system. */
  'lists.setHidden': {
    input: z.object({ id: Id, hidden: z.boolean() }),
    output: z.object({ id: Id, hidden: z.boolean() }),
  },
  'lists.needsPairing': {
    input: z.object({ connectionId: Id }),
    output: z.array(NeedsPairingEntry),
  },
  /** Pairs a waiting reference with an entry mirrored from the connection; the documents waiting on it go on. */
  'lists.pair': {
    input: z.object({ ...Reference, entryId: Id }),
    output: PairingResult,
  },
  /**
   * The connection's vendors as mirrored here (suppliers paired with them), for pairing a waiting supplier; empty
   * until the supplier list is imported (or a supplier paired).
   */
  'lists.vendors': {
    input: z.object({ connectionId: Id }),
    output: z.array(MirroredVendor),
  },
  /**
   * Pairs a supplier documents are waiting on with one of the mirrored vendors; the documents go on. A vendor paired
   * with another supplier here that has no documents (one the supplier import made) moves to this one.
   */
  'lists.pairVendor': {
    input: z.object({ connectionId: Id, supplierId: Id, externalId: z.string().trim().min(1).max(100) }),
    output: VendorPairingResult,
  },
  /**
   * Creates the waiting reference in the accounting system and pairs it; the documents waiting on it go on. A system
   * that calls us creates it at its next run (queued), when its 'Create missing records' setting allows it.
   */
  'lists.createExternal': {
    input: z.object(Reference),
    output: CreationResult,
  },
} as const satisfies Record<string, MethodShape>;
