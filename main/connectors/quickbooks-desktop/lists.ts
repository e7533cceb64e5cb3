// Importing QuickBooks' lists (accounts, classes, terms, items, vendors, customers and jobs) into our mirror:
// list_entries rows owned by the connection (external_id = ListID), and vendors paired with our suppliers by the
// matching rule every system shares (domain/supplier-match.ts). Iterators live only as long as the Web Connector session, so progress is kept
// per list (done or not) with a FromModifiedDate checkpoint: a broken session restarts the unfinished lists, and
// later imports read only what changed since the last complete one. Mirroring is an upsert, so reading a record
// twice is harmless.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { upsertLink } from '../../db/repos/external-links.js';
import { insertSupplier, type SupplierFields } from '../../db/repos/suppliers.js';
import { pairSuppliersByName, supplierNameKey } from '../../domain/supplier-match.js';
import type { ListKindName } from '../contract.js';
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
const KIND: Record<Exclude<ListName, 'vendors'>, ListKindName> = {
  accounts: 'account',
  classes: 'class',
  terms: 'term',
  items: 'item',
  customers: 'customer',
};

/** The lists a session mirrors, as the Lists page shows them. */
export const QBD_LIST_KINDS: readonly ListKindName[] = Object.values(KIND);

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
    for (const vendor of records) seen = later(seen, vendor.TimeModified);
    const matched = pairVendors(db, input, records);
    vendorsMatched = matched.matched;
    vendorsImported = matched.imported;
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

/**
 * Pairs one page of vendors with our suppliers by the one matching rule of every system
 * (domain/supplier-match.ts): a vendor already paired keeps its pairing (its EditSequence refreshed while the
 * names still agree), the others pair by an unambiguous name, and, with importVendors, an active vendor whose
 * name no supplier of ours carries becomes a linked supplier. QuickBooks keeps vendor names unique, so a page
 * holds every vendor of a name.
 */
function pairVendors(
  db: Database,
  input: { connectionId: string; companyId: string; now: Date; importVendors?: boolean },
  vendors: readonly (MirrorRecord & Record<string, unknown>)[],
): { matched: number; imported: number } {
  if (vendors.length === 0) return { matched: 0, imported: 0 };
  const suppliers = db
    .prepare<[string, string], { id: string; name: string; external_id: string | null }>(
      `SELECT s.id, s.name, l.external_id FROM suppliers s
         LEFT JOIN external_links l ON l.connection_id = ? AND l.entity_type = 'supplier' AND l.entity_id = s.id
       WHERE s.company_id = ?`,
    )
    .all(input.connectionId, input.companyId);
  const byVendor = new Map<string, { id: string; name: string }>();
  const unpaired: { id: string; name: string }[] = [];
  const ourKeys = new Set<string>();
  for (const supplier of suppliers) {
    ourKeys.add(supplierNameKey(supplier.name));
    if (supplier.external_id) byVendor.set(supplier.external_id, supplier);
    else unpaired.push(supplier);
  }
  const link = (supplierId: string, vendor: MirrorRecord) =>
    upsertLink(db, {
      connectionId: input.connectionId,
      entityType: 'supplier',
      entityId: supplierId,
      externalId: vendor.ListID,
      syncToken: vendor.EditSequence ?? null,
      now: input.now,
    });
  type Open = {
    vendor: MirrorRecord & Record<string, unknown>;
    externalId: string;
    name: string;
    active: boolean;
  };
  const open: Open[] = [];
  for (const vendor of vendors) {
    const paired = byVendor.get(vendor.ListID);
    if (!paired) {
      open.push({
        vendor,
        externalId: vendor.ListID,
        name: vendor.Name,
        active: vendor.IsActive !== false,
      });
    } else if (supplierNameKey(paired.name) === supplierNameKey(vendor.Name)) {
      link(paired.id, vendor);
    }
  }
  let matched = 0;
  const taken = new Set<string>();
  for (const pair of pairSuppliersByName(unpaired, open).pairs) {
    taken.add(pair.theirs.externalId);
    if (!link(pair.ours.id, pair.theirs.vendor).conflictWith) matched += 1;
  }
  let imported = 0;
  if (input.importVendors) {
    for (const { vendor, externalId, name, active } of open) {
      if (taken.has(externalId) || !active || ourKeys.has(supplierNameKey(name))) continue;
      const created = insertSupplier(db, input.companyId, supplierFieldsOf(vendor));
      ourKeys.add(supplierNameKey(created.name));
      link(created.id, vendor);
      imported += 1;
    }
  }
  return { matched, imported };
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
