// Importing QuickBooks' lists (accounts, classes, terms, items, vendors, customers and jobs) into our mirror:
// list_entries rows owned by the connection (external_id = ListID), and vendors paired with our suppliers by the
// matching rule every system shares (domain/supplier-match.ts). An iterator lives only as long as the Web Connector
// session, so a list is read in two passes whose position outlives it (list-reads.ts): the ids (ListID,
// EditSequence, TimeModified and Name, a cheap query, iterated where QuickBooks iterates the list), then the records
// by ListID, a batch at a time. This file builds those requests and mirrors their answers.
import type { Database } from 'better-sqlite3';
import { upsertLink } from '../../db/repos/external-links.js';
import { writeListPage, type KindCounts } from '../../db/repos/list-page-writer.js';
import { insertSupplier, type SupplierFields } from '../../db/repos/suppliers.js';
import { pairSuppliersByName, supplierNameKey } from '../../domain/supplier-match.js';
import type { ExternalListEntry, ListKindName } from '../contract.js';
import type { ListQuery, QbxmlRequest, QbxmlResponse } from './qbxml/types.js';

export const LIST_NAMES = ['accounts', 'classes', 'terms', 'items', 'vendors', 'customers'] as const;
export type ListName = (typeof LIST_NAMES)[number];

/** Ids per page of the id pass (an iterator page of ListID, EditSequence, TimeModified and Name: about 200 bytes each). */
export const ID_PAGE = 1000;
/** Records per fetch by ListID (whole records: a customer with its addresses is a few kilobytes). */
export const FETCH_BATCH = 200;

/** What the id pass asks QuickBooks to return of each record: enough to know it, compare it and read it as a record. */
const ID_ELEMENTS = ['ListID', 'EditSequence', 'TimeModified', 'Name'];

const QUERY: Record<ListName, QbxmlRequest['type']> = {
  accounts: 'AccountQuery',
  classes: 'ClassQuery',
  terms: 'StandardTermsQuery',
  items: 'ItemQuery',
  vendors: 'VendorQuery',
  customers: 'CustomerQuery',
};
/** The lists whose query takes an iterator (qbxmlops130.xsd); the others answer the whole list at once. */
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

/** The Lists page's kind of a list (null for vendors: they are the supplier import's). */
export function kindOfList(name: ListName): ListKindName | null {
  return name === 'vendors' ? null : KIND[name];
}

/** The list of a kind the Lists page shows, if QuickBooks Desktop has it. */
export function listOfKind(kind: ListKindName): ListName | null {
  const found = (Object.entries(KIND) as [Exclude<ListName, 'vendors'>, ListKindName][]).find(
    ([, k]) => k === kind,
  );
  return found ? found[0] : null;
}

export function isListName(name: string): name is ListName {
  return (LIST_NAMES as readonly string[]).includes(name);
}

/**
 * A page of the id pass. Iterated lists open an iterator (Start) or continue the session's own (Continue); the
 * others have no iterator and answer every id at once. ActiveStatus All: inactive entries are mirrored too.
 */
export function idsRequest(
  name: ListName,
  since: string | null,
  iteratorID: string | null,
  requestID: string,
  pageSize = ID_PAGE,
): QbxmlRequest {
  const body: ListQuery = { ActiveStatus: 'All', IncludeRetElement: ID_ELEMENTS };
  if (since) body.FromModifiedDate = since;
  if (!ITERATES.has(name)) return { type: QUERY[name], requestID, body } as QbxmlRequest;
  body.MaxReturned = pageSize;
  const iterator = iteratorID
    ? { iterator: 'Continue' as const, iteratorID }
    : { iterator: 'Start' as const };
  return { type: QUERY[name], requestID, body, iterator } as QbxmlRequest;
}

/** Whole records by ListID (a ListID list takes no ActiveStatus: QuickBooks returns them active or not). */
export function fetchRequest(name: ListName, ids: readonly string[], requestID: string): QbxmlRequest {
  return { type: QUERY[name], requestID, body: { ListID: [...ids] } } as QbxmlRequest;
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

function later(a: string | null, b: string | undefined | null): string | null {
  if (!b) return a;
  if (!a) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** The greatest TimeModified among `records`, or `after` when it is later. */
export function latestModified(
  records: readonly { TimeModified?: string }[],
  after: string | null,
): string | null {
  let seen = after;
  for (const record of records) seen = later(seen, record.TimeModified);
  return seen;
}

/** The ids an id page carries, with the names they came with. */
export function idsOf(
  response: QbxmlResponse,
): { listId: string; editSequence: string | null; name: string }[] {
  return (response.records as unknown as MirrorRecord[]).map((r) => ({
    listId: r.ListID,
    editSequence: r.EditSequence ?? null,
    name: r.Name,
  }));
}

/**
 * Whether fetching a vendor could change anything here, when vendors are not imported as suppliers
 * (importVendors off): only if it is paired with a supplier already, or its name is one an unpaired supplier of ours
 * carries (the matching rule pairs nothing else). The others are skipped after the id pass, which read their names.
 */
export function vendorFetchFilter(
  db: Database,
  connection: { id: string; companyId: string },
): (vendor: { listId: string; name: string }) => boolean {
  const rows = db
    .prepare<[string, string], { name: string; external_id: string | null }>(
      `SELECT s.name, l.external_id FROM suppliers s
         LEFT JOIN external_links l ON l.connection_id = ? AND l.entity_type = 'supplier' AND l.entity_id = s.id
       WHERE s.company_id = ?`,
    )
    .all(connection.id, connection.companyId);
  const paired = new Set(rows.flatMap((r) => (r.external_id ? [r.external_id] : [])));
  const names = new Set(rows.filter((r) => !r.external_id).map((r) => supplierNameKey(r.name)));
  return (vendor) => paired.has(vendor.listId) || names.has(supplierNameKey(vendor.name));
}

export interface ListApplyResult {
  records: number;
  /** Greatest TimeModified in this answer. */
  seen: string | null;
  /** What was done to the mirrored entries (lists other than vendors). */
  counts: KindCounts;
  vendorsMatched: number;
  /** Unmatched vendors created as suppliers (importVendors). */
  vendorsImported: number;
}

/** A QuickBooks list record as the mirror keeps it (name = its full name; parents linked by ListID). */
function entryOf(kind: ListKindName, record: MirrorRecord & Record<string, unknown>): ExternalListEntry {
  const data: Record<string, unknown> = { editSequence: record.EditSequence ?? null };
  if (typeof record['AccountType'] === 'string') data['accountType'] = record['AccountType'];
  if (typeof record['itemKind'] === 'string') data['itemKind'] = record['itemKind'];
  return {
    kind,
    externalId: record.ListID,
    name: record.FullName ?? record.Name,
    code: typeof record['AccountNumber'] === 'string' ? record['AccountNumber'] : null,
    parentExternalId: record.ParentRef?.ListID ?? null,
    active: record.IsActive !== false,
    data,
  };
}

/**
 * Mirrors one answer of whole records. Call inside a transaction. Status 1 (nothing found) is an empty answer, not
 * an error. `mode` is the Lists page's: new adds only entries not mirrored, update refreshes only mirrored ones.
 */
export function applyListResponse(
  db: Database,
  input: {
    connectionId: string;
    companyId: string;
    name: ListName;
    response: QbxmlResponse;
    now: Date;
    mode?: 'new' | 'update' | 'all';
    /** Unmatched active vendors become linked suppliers (settings.importVendors). */
    importVendors?: boolean;
  },
): ListApplyResult {
  const { response, name } = input;
  const records = response.records as unknown as (MirrorRecord & Record<string, unknown>)[];
  const seen = latestModified(records, null);
  let counts: KindCounts = { seen: records.length, added: 0, updated: 0, deactivated: 0 };
  if (name === 'vendors') {
    const matched = pairVendors(db, input, records);
    return {
      records: records.length,
      seen,
      counts,
      vendorsMatched: matched.matched,
      vendorsImported: matched.imported,
    };
  }
  const kind = KIND[name];
  const perKind = writeListPage(
    db,
    { id: input.connectionId, companyId: input.companyId },
    records.map((r) => entryOf(kind, r)),
    input.mode ?? 'all',
    input.now.toISOString(),
  );
  counts = perKind[kind] ?? counts;
  return { records: records.length, seen, counts, vendorsMatched: 0, vendorsImported: 0 };
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
