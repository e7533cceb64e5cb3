// Reference lists read from QuickBooks Online a page of up to 1000 at a time (the import resumes page by page:
// main/accounting/list-import.ts), inactive entries included (so an entry made inactive there is marked inactive
// here): accounts, customers and projects, classes, departments (QuickBooks calls them locations), items, tax
// codes, tax rates, tax agencies and terms.
import { z } from 'zod';
import type { ExternalListEntry, ListCursor, ListKindName, ListPage } from '../contract.js';
import type { QboClient } from './client.js';

const Row = z
  .object({
    Id: z.string(),
    Name: z.string().optional(),
    DisplayName: z.string().optional(),
    FullyQualifiedName: z.string().optional(),
    Active: z.boolean().optional(),
    ParentRef: z.object({ value: z.string() }).optional(),
    AcctNum: z.string().optional(),
    Sku: z.string().optional(),
  })
  .passthrough();
type Row = z.infer<typeof Row>;

interface Source {
  entity: string;
  /** Name-list entities hide inactive rows unless asked for them. */
  inactiveToo: boolean;
  code(row: Row): string | null;
  data(row: Row): Record<string, unknown>;
}

const pick = (row: Row, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => row[k] !== undefined).map((k) => [k, row[k]]));

const SOURCES: Partial<Record<ListKindName, Source>> = {
  account: {
    entity: 'Account',
    inactiveToo: true,
    code: (r) => r.AcctNum ?? null,
    data: (r) => pick(r, ['AccountType', 'AccountSubType', 'Classification', 'FullyQualifiedName']),
  },
  customer: {
    entity: 'Customer',
    inactiveToo: true,
    code: () => null,
    data: (r) => pick(r, ['Job', 'IsProject', 'FullyQualifiedName']),
  },
  class: {
    entity: 'Class',
    inactiveToo: true,
    code: () => null,
    data: (r) => pick(r, ['FullyQualifiedName']),
  },
  department: {
    entity: 'Department',
    inactiveToo: true,
    code: () => null,
    data: (r) => pick(r, ['FullyQualifiedName']),
  },
  item: {
    entity: 'Item',
    inactiveToo: true,
    code: (r) => r.Sku ?? null,
    data: (r) => pick(r, ['Type', 'PurchaseCost', 'ExpenseAccountRef', 'TrackQtyOnHand', 'QtyOnHand']),
  },
  tax_code: {
    entity: 'TaxCode',
    inactiveToo: true,
    code: () => null,
    data: (r) => pick(r, ['Taxable', 'PurchaseTaxRateList']),
  },
  tax_rate: {
    entity: 'TaxRate',
    inactiveToo: true,
    code: () => null,
    data: (r) => pick(r, ['RateValue', 'AgencyRef']),
  },
  // Tax agencies are a name list without an Active flag.
  tax_agency: {
    entity: 'TaxAgency',
    inactiveToo: false,
    code: () => null,
    data: (r) => pick(r, ['TaxTrackedOnPurchases', 'TaxTrackedOnSales']),
  },
  term: { entity: 'Term', inactiveToo: true, code: () => null, data: (r) => pick(r, ['DueDays', 'Type']) },
};

/** The kinds QuickBooks Online has, in the order they are imported (accounts before the items that use them). */
export const QBO_LIST_KINDS: ListKindName[] = [
  'account',
  'class',
  'department',
  'customer',
  'item',
  'tax_code',
  'tax_rate',
  'tax_agency',
  'term',
];

/** The largest page QuickBooks answers (MAXRESULTS is at most 1000). */
const LIST_PAGE = 1000;

function entryOf(kind: ListKindName, source: Source, row: Row): ExternalListEntry {
  return {
    kind: kind === 'department' ? 'location' : kind,
    externalId: row.Id,
    name: row.FullyQualifiedName ?? row.Name ?? row.DisplayName ?? row.Id,
    code: source.code(row),
    parentExternalId: row.ParentRef?.value ?? null,
    active: row.Active !== false,
    data: source.data(row),
  };
}

/**
 * One page of a list from STARTPOSITION cursor.start (1-based), as the vendor import pages (QuickBooks answers in
 * Id order). List entries are never deleted there (only made inactive, and those are read too), so a position
 * never moves backwards: an entry added while the list is read can at most make the next page repeat the last
 * entry of the one before, which the mirror writes once. The first page also asks COUNT(*) for the total. The
 * page size travels in the cursor, so a resumed import asks the same pages.
 */
export async function listPage(
  client: QboClient,
  kind: ListKindName,
  cursor: ListCursor | null,
  pageSize = LIST_PAGE,
): Promise<ListPage> {
  const source = SOURCES[kind === 'location' ? 'department' : kind];
  if (!source) return { entries: [], next: null, total: 0 };
  const where = source.inactiveToo ? 'WHERE Active IN (true, false)' : '';
  const start = Number(cursor?.start ?? 1);
  const size = Math.min(LIST_PAGE, Number(cursor?.size ?? pageSize));
  let total: number | null = null;
  if (start === 1) {
    const answer = await client.request('query', {
      method: 'POST',
      raw: { body: `SELECT COUNT(*) FROM ${source.entity} ${where}`.trim(), contentType: 'application/text' },
      what: `the ${source.entity} list`,
      // totalCount is an optional attribute in Intuit's schema: without it the total is unknown (null).
      schema: z.object({
        QueryResponse: z.object({ totalCount: z.number().int().nonnegative().optional() }).passthrough(),
      }),
    });
    total = answer.QueryResponse.totalCount ?? null;
  }
  const rows = await client.query(source.entity, `${where} STARTPOSITION ${start} MAXRESULTS ${size}`, Row);
  return {
    entries: rows.map((row) => entryOf(kind, source, row)),
    next: rows.length < size ? null : { start: start + size, size },
    total,
  };
}
