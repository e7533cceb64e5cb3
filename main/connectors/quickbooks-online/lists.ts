// Reference lists read from QuickBooks Online in pages of 1000, inactive entries included (so an entry made
// inactive there is marked inactive here): accounts, customers and projects, classes, departments (QuickBooks calls
// them locations), items, tax codes, tax rates, tax agencies and terms.
import { z } from 'zod';
import type { ExternalListEntry, ListKindName } from '../contract.js';
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

export async function importLists(
  client: QboClient,
  kinds: readonly ListKindName[],
  progress: (report: { kind: ListKindName; done: number }) => void,
): Promise<ExternalListEntry[]> {
  const entries: ExternalListEntry[] = [];
  for (const kind of kinds) {
    const source = SOURCES[kind === 'location' ? 'department' : kind];
    if (!source) continue;
    let done = 0;
    const rows = await client.queryAll(
      source.entity,
      source.inactiveToo ? 'WHERE Active IN (true, false)' : '',
      Row,
      (page) => {
        done += page.length;
        progress({ kind, done });
      },
    );
    for (const row of rows) {
      entries.push({
        kind: kind === 'department' ? 'location' : kind,
        externalId: row.Id,
        name: row.FullyQualifiedName ?? row.Name ?? row.DisplayName ?? row.Id,
        code: source.code(row),
        parentExternalId: row.ParentRef?.value ?? null,
        active: row.Active !== false,
        data: source.data(row),
      });
    }
  }
  return entries;
}
