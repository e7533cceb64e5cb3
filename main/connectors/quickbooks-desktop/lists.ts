// Importing QuickBooks' lists (accounts, classes, terms, items, vendors, customers and jobs) into our mirror:
// list_entries rows owned by the connection (external_id = ListID) and supplier links for vendors whose name
// equals one of our suppliers'. Iterators live only as long as the Web Connector session, so progress is kept
// per list (done or not) with a FromModifiedDate checkpoint: a broken session restarts the unfinished lists, and
// later imports read only what changed since the last complete one. Mirroring is an upsert, so reading a record
// twice is harmless.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { upsertLink } from '../../sync/references.js';
import { insertSupplier, type SupplierFields } from '../../db/repos/suppliers.js';
import type { ListCheckpoint } from './state.js';
import type { ListQuery, QbxmlRequest, QbxmlResponse } from './qbxml/types.js';

export const LIST_NAMES = ['accounts', 'classes', 'terms', 'items', 'vendors', 'customers'] as const;
export type ListName = (typeof LIST_NAMES)[number];

const PAGE = 200;

const QUERY: Record<ListName, QbxmlRequest['type']> = {
  accounts: 'AccountQuery',
  classes: 'ClassQuery',
  terms: 'StandardTermsQuery',
  items: 'ItemQuery',
  vendors: 'VendorQuery',
  customers: 'CustomerQuery',
};
const ITERATES: ReadonlySet<ListName> = new Set(['items', 'vendors', 'customers']);
const KIND: Record<Exclude<ListName, 'vendors'>, string> = {
  accounts: 'account',
  classes: 'class',
  terms: 'term',
  items: 'item',
  customers: 'customer',
};

export interface ListProgress {
  /** Open iterator of this session, when the last page said more remain. */
  iteratorID?: string;
  remaining?: number;
  records: number;
}

/** The request reading the next part of one list. */
export function listRequest(
  name: ListName,
  checkpoint: ListCheckpoint | undefined,
  progress: ListProgress | undefined,
  requestID: string,
): QbxmlRequest {
  const body: ListQuery = { ActiveStatus: 'All' };
  if (checkpoint?.since) body.FromModifiedDate = checkpoint.since;
  if (!ITERATES.has(name)) return { type: QUERY[name], requestID, body } as QbxmlRequest;
  body.MaxReturned = PAGE;
  const iterator = progress?.iteratorID
    ? { iterator: 'Continue' as const, iteratorID: progress.iteratorID }
    : { iterator: 'Start' as const };
  return { type: QUERY[name], requestID, body, iterator } as QbxmlRequest;
}

interface MirrorRecord {
  ListID: string;
  EditSequence?: string;
  Name: string;
  FullName?: string;
  IsActive?: boolean;
  TimeModified?: string;
  ParentRef?: { ListID?: string };
}

function later(a: string | null, b: string | undefined): string | null {
  if (!b) return a;
  if (!a) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export interface ListApplyResult {
  records: number;
  /** More pages remain: the iterator to continue with. */
  iteratorID: string | null;
  remaining: number;
  /** Greatest TimeModified in this page. */
  seen: string | null;
  vendorsMatched: number;
  /** Unmatched vendors created as suppliers (importVendors). */
  vendorsImported: number;
}

/**
 * Mirrors one answer. Call inside a transaction. Status 1 (nothing found) is an empty page, not an error.
 */
export function applyListResponse(
  db: Database,
  input: {
    connectionId: string;
    companyId: string;
    name: ListName;
    response: QbxmlResponse;
    now: Date;
    /** Unmatched active vendors become linked suppliers (settings.importVendors). */
    importVendors?: boolean;
  },
): ListApplyResult {
  const { response, name } = input;
  const records = response.records as unknown as (MirrorRecord & Record<string, unknown>)[];
  let seen: string | null = null;
  let vendorsMatched = 0;
  let vendorsImported = 0;
  const at = input.now.toISOString();
  if (name === 'vendors') {
    const supplier = db.prepare<[string, string], { id: string }>(
      `SELECT s.id FROM suppliers s WHERE s.company_id = ? AND s.name = ? COLLATE NOCASE`,
    );
    const linkOf = db.prepare<[string, string], { external_id: string }>(
      `SELECT external_id FROM external_links WHERE connection_id = ? AND entity_type = 'supplier' AND entity_id = ?`,
    );
    const linkedVendor = db.prepare<[string, string], { entity_id: string }>(
      `SELECT entity_id FROM external_links WHERE connection_id = ? AND entity_type = 'supplier' AND external_id = ?`,
    );
    for (const vendor of records) {
      seen = later(seen, vendor.TimeModified);
      const match = supplier.get(input.companyId, vendor.Name);
      if (!match) {
        if (
          input.importVendors &&
          vendor.IsActive !== false &&
          !linkedVendor.get(input.connectionId, vendor.ListID)
        ) {
          const created = insertSupplier(db, input.companyId, supplierFieldsOf(vendor));
          upsertLink(db, {
            connectionId: input.connectionId,
            entityType: 'supplier',
            entityId: created.id,
            externalId: vendor.ListID,
            syncToken: vendor.EditSequence ?? null,
            now: input.now,
          });
          vendorsImported += 1;
        }
        continue;
      }
      const existing = linkOf.get(input.connectionId, match.id);
      if (existing && existing.external_id !== vendor.ListID) continue; // paired by hand with another vendor
      const { conflictWith } = upsertLink(db, {
        connectionId: input.connectionId,
        entityType: 'supplier',
        entityId: match.id,
        externalId: vendor.ListID,
        syncToken: vendor.EditSequence ?? null,
        now: input.now,
      });
      if (!conflictWith && !existing) vendorsMatched += 1;
    }
  } else {
    const kind = KIND[name];
    const upsert = db.prepare(
      `INSERT INTO list_entries (id, company_id, connection_id, kind, external_id, name, code, parent_id, active, data_json, updated_at)
       VALUES (@id, @companyId, @connectionId, @kind, @externalId, @name, @code,
         (SELECT p.id FROM list_entries p WHERE p.connection_id = @connectionId AND p.kind = @kind AND p.external_id = @parent),
         @active, @data, @at)
       ON CONFLICT (connection_id, kind, external_id) WHERE connection_id IS NOT NULL AND external_id IS NOT NULL
       DO UPDATE SET name = excluded.name, code = excluded.code, parent_id = excluded.parent_id,
         active = excluded.active, data_json = excluded.data_json, updated_at = excluded.updated_at`,
    );
    for (const record of records) {
      seen = later(seen, record.TimeModified);
      const data: Record<string, unknown> = { editSequence: record.EditSequence ?? null };
      if (typeof record['AccountType'] === 'string') data['accountType'] = record['AccountType'];
      if (typeof record['itemKind'] === 'string') data['itemKind'] = record['itemKind'];
      upsert.run({
        id: randomUUID(),
        companyId: input.companyId,
        connectionId: input.connectionId,
        kind,
        externalId: record.ListID,
        name: record.FullName ?? record.Name,
        code: typeof record['AccountNumber'] === 'string' ? record['AccountNumber'] : null,
        parent: record.ParentRef?.ListID ?? null,
        active: record.IsActive === false ? 0 : 1,
        data: JSON.stringify(data),
        at,
      });
    }
  }
  const remaining = response.iteratorRemainingCount ?? 0;
  return {
    records: records.length,
    iteratorID: remaining > 0 && response.iteratorID ? response.iteratorID : null,
    remaining,
    seen,
    vendorsMatched,
    vendorsImported,
  };
}

/** Our supplier fields from a VendorRet (the same fields VendorAdd/VendorMod write). */
function supplierFieldsOf(vendor: Record<string, unknown>): SupplierFields & { name: string } {
  const text = (value: unknown): string | null =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  const address = (vendor['VendorAddress'] ?? {}) as Record<string, unknown>;
  return {
    name: text(vendor['Name']) ?? String(vendor['ListID']),
    email: text(vendor['Email']),
    phone: text(vendor['Phone']),
    address: text(address['Addr1']),
    city: text(address['City']),
    state: text(address['State']),
    postalCode: text(address['PostalCode']),
    country: text(address['Country']),
    accountNumber: text(vendor['AccountNumber']),
  };
}
