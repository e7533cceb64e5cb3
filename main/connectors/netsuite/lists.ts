// Reference lists read with SuiteQL, 1000 rows a page (limit/offset, ordered by id): accounts, departments, classes,
// locations, subsidiaries, customers and projects, items, tax codes and terms. SuiteQL answers booleans as 'T'/'F'.
import { z } from 'zod';
import type { ExternalListEntry, ListKindName } from '../contract.js';
import type { NsClient } from './client.js';
import { NsFault } from './faults.js';

const Row = z.object({ id: z.coerce.string() }).catchall(z.unknown());
type Row = z.infer<typeof Row>;

interface ListQuery {
  sql: string;
  name: (r: Row) => string;
  code?: (r: Row) => string | null;
  data?: (r: Row) => Record<string, unknown>;
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

const QUERIES: Partial<Record<ListKindName, ListQuery>> = {
  account: {
    sql: 'SELECT id, acctnumber, acctname, accttype, parent, isinactive FROM account ORDER BY id',
    name: (r) => String(r.acctname ?? r.id),
    code: (r) => str(r.acctnumber),
    data: (r) => ({ accountType: r.accttype ?? null }),
  },
  class: {
    sql: 'SELECT id, name, parent, isinactive FROM classification ORDER BY id',
    name: (r) => String(r.name ?? r.id),
  },
  department: {
    sql: 'SELECT id, name, parent, isinactive FROM department ORDER BY id',
    name: (r) => String(r.name ?? r.id),
  },
  location: {
    sql: 'SELECT id, name, parent, isinactive FROM location ORDER BY id',
    name: (r) => String(r.name ?? r.id),
  },
  customer: {
    sql: 'SELECT id, entityid, companyname, parent, isinactive FROM customer ORDER BY id',
    name: (r) => String(r.entityid ?? r.companyname ?? r.id),
    data: (r) => ({ project: str(r.parent) !== null }),
  },
  item: {
    sql: 'SELECT id, itemid, displayname, itemtype, parent, isinactive FROM item ORDER BY id',
    name: (r) => String(r.itemid ?? r.id),
    data: (r) => ({ itemType: r.itemtype ?? null, displayName: r.displayname ?? null }),
  },
  tax_code: {
    sql: 'SELECT id, itemid, rate, isinactive FROM salestaxitem ORDER BY id',
    name: (r) => String(r.itemid ?? r.id),
    data: (r) => ({ rate: r.rate ?? null }),
  },
  // OneWorld accounts only: an account without subsidiaries refuses the table, and has none to mirror.
  subsidiary: {
    sql: 'SELECT id, name, parent, isinactive FROM subsidiary ORDER BY id',
    name: (r) => String(r.name ?? r.id),
  },
  term: { sql: 'SELECT id, name, isinactive FROM term ORDER BY id', name: (r) => String(r.name ?? r.id) },
};

export async function importLists(
  client: NsClient,
  kinds: readonly ListKindName[],
  progress: (report: { kind: ListKindName; done: number }) => void,
): Promise<ExternalListEntry[]> {
  const entries: ExternalListEntry[] = [];
  for (const kind of kinds) {
    const query = QUERIES[kind];
    if (!query) continue; // tracking categories and tax rates are Xero's and QuickBooks' notions
    let done = 0;
    const read = client.suiteql(query.sql, Row, `the ${kind} list`, (rows) => {
      for (const r of rows) {
        entries.push({
          kind,
          externalId: r.id,
          name: query.name(r),
          code: query.code?.(r) ?? null,
          parentExternalId: str(r.parent),
          active: r.isinactive !== 'T',
          data: query.data?.(r) ?? {},
        });
      }
      done += rows.length;
      progress({ kind, done });
    });
    await (kind === 'subsidiary'
      ? read.catch((error: unknown) => {
          if (!(error instanceof NsFault && error.kind === 'needs_user')) throw error;
          progress({ kind, done: 0 });
          return [];
        })
      : read);
  }
  return entries;
}
