// Reference lists read with SuiteQL a page of up to 1000 rows at a time (limit/offset, ordered by id; the import
// resumes page by page: main/accounting/list-import.ts): accounts, departments, classes, locations, subsidiaries,
// customers and projects, items, tax codes and terms. SuiteQL answers booleans as 'T'/'F'.
import { z } from 'zod';
import type { ListCursor, ListKindName, ListPage } from '../contract.js';
import { NsId, type NsClient } from './client.js';
import { NsFault } from './faults.js';

const Row = z.object({ id: NsId }).catchall(z.unknown());
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

/** The largest page SuiteQL answers. */
const LIST_PAGE = 1000;

/**
 * One page of a list from cursor.offset, ordered by internal id (so a list that grows while it is read grows after
 * the pages already read), with NetSuite's totalResults. NetSuite wants the offset to be a multiple of the limit,
 * so the limit travels in the cursor and a resumed import asks the same pages.
 */
export async function listPage(
  client: NsClient,
  kind: ListKindName,
  cursor: ListCursor | null,
  pageSize = LIST_PAGE,
): Promise<ListPage> {
  const query = QUERIES[kind];
  if (!query) return { entries: [], next: null, total: 0 }; // tracking and tax rates are Xero's and QuickBooks' notions
  const offset = Number(cursor?.offset ?? 0);
  const limit = Math.min(LIST_PAGE, Number(cursor?.limit ?? pageSize));
  const read = client.suiteqlPage(query.sql, Row, `the ${kind} list`, offset, limit);
  const page = await (kind === 'subsidiary'
    ? read.catch((error: unknown) => {
        if (!(error instanceof NsFault && error.kind === 'needs_user')) throw error;
        return { rows: [], hasMore: false, totalResults: 0 };
      })
    : read);
  return {
    entries: page.rows.map((r) => ({
      kind,
      externalId: r.id,
      name: query.name(r),
      code: query.code?.(r) ?? null,
      parentExternalId: str(r.parent),
      active: r.isinactive !== 'T',
      data: query.data?.(r) ?? {},
    })),
    next: page.hasMore ? { offset: offset + limit, limit } : null,
    total: page.totalResults,
  };
}
