// documents.list search: text of 3 characters or more goes through the trigram index over the narrow
// document_search table (migration 0003), shorter text through a scan of that table. Either way the answer must be exactly the plain LIKE '%text%' over number, supplier
// name and supplier invoice number (case-insensitive in every script through unicode_fold — migration 0012 —, % and _
// literal): these tests hold both paths to that reference query, run on a second connection to the same database.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, defaultMigrationsDir, registerFunctions } from '../../../main/db/database.js';
import { likePattern } from '../../../main/db/sql-helpers.js';
import { searchFold } from '../../../main/domain/search-fold.js';
import { seedCompany, startCore, type TestCore } from '../../fixtures/core.js';

let core: TestCore;
let db: Database;
beforeEach(async () => {
  core = await startCore();
  db = new BetterSqlite3(path.join(core.dataDir, DATABASE_FILE));
  db.pragma('busy_timeout = 5000');
  registerFunctions(db);
});
afterEach(async () => {
  db.close();
  await core.close();
});

type Sort = 'date_desc' | 'date_asc' | 'number_asc' | 'number_desc';
const ORDER: Record<Sort, string> = {
  date_desc: 'date DESC, id DESC',
  date_asc: 'date ASC, id ASC',
  number_asc: 'number ASC, id ASC',
  number_desc: 'number DESC, id DESC',
};

/** The search as it would be without the index: LIKE over the whole table, both sides folded. */
function reference(companyId: string, search: string, sort: Sort = 'date_desc', extra = ''): string[] {
  return db
    .prepare<{ companyId: string; search: string }, { id: string }>(
      `SELECT id FROM documents WHERE company_id = @companyId ${extra} AND (unicode_fold(number) LIKE @search
         ESCAPE '\\' OR unicode_fold(supplier_name) LIKE @search ESCAPE '\\'
         OR unicode_fold(supplier_invoice_number) LIKE @search ESCAPE '\\')
       ORDER BY ${ORDER[sort]}`,
    )
    .all({ companyId, search: likePattern(searchFold(search)) })
    .map((r) => r.id);
}

async function searchIds(
  companyId: string,
  search: string,
  options: { sort?: Sort; offset?: number; limit?: number } = {},
) {
  const result = await core.call('documents.list', {
    companyId,
    search,
    sort: options.sort ?? 'date_desc',
    offset: options.offset ?? 0,
    limit: options.limit ?? 500,
  });
  return { total: result.total, ids: result.items.map((d) => d.id) };
}

/**
 * document_search must equal a recomputation from documents (one row per document, same company, the three fields
 * folded and joined by char(31), the type and status), and its trigram index must agree with it.
 */
function searchIndexIsConsistent(): void {
  const diff = (a: string, b: string) => db.prepare(`SELECT * FROM (${a} EXCEPT ${b})`).all();
  const expected = `SELECT d.rowid AS r, d.company_id AS c, unicode_fold(d.number) || char(31)
      || unicode_fold(d.supplier_name) || char(31) || unicode_fold(coalesce(d.supplier_invoice_number, '')) AS t,
      d.type AS ty, d.status AS st
      FROM documents d`;
  const actual = `SELECT s.rowid AS r, c.company_id AS c, s.text AS t, s.type AS ty, s.status AS st
      FROM document_search s LEFT JOIN document_search_companies c ON c.no = s.company_no`;
  expect(diff(expected, actual)).toEqual([]);
  expect(diff(actual, expected)).toEqual([]);
  // Throws SQLITE_CORRUPT_VTAB if the index and document_search disagree.
  db.prepare(
    "INSERT INTO document_search_fts (document_search_fts, rank) VALUES ('integrity-check', 1)",
  ).run();
}

describe('documents.list search', () => {
  it("leaves FTS5's own segment deletes a key range, not a scan, on a new (nearly empty) database", () => {
    // openDatabase's optimize analyzes the empty shadow tables; a 2-row statistic would make every segment merge
    // scan the whole index (bulk imports at ~1 ms per document). See statFts5ShadowTablesAsLarge.
    const plan = db
      .prepare<[number, number], { detail: string }>(
        'EXPLAIN QUERY PLAN SELECT block FROM document_search_fts_data WHERE id >= ? AND id <= ?',
      )
      .all(1, 2)
      .map((r) => r.detail);
    expect(plan).toEqual([
      expect.stringMatching(/^SEARCH document_search_fts_data USING INTEGER PRIMARY KEY/),
    ]);
  });

  it('matches substrings of number, supplier name and supplier invoice number, ignoring case in every script', async () => {
    const { company, supplier } = await seedCompany(core); // Acme Supplies
    const bolt = await core.call('suppliers.create', { companyId: company.id, name: 'Bolt & Nut Co' });
    const odd = await core.call('suppliers.create', { companyId: company.id, name: '100% "Quality"_Parts*' });
    const muller = await core.call('suppliers.create', { companyId: company.id, name: 'Müller Straße GmbH' });
    const suppliers = [supplier.id, bolt.id, odd.id, muller.id];
    for (let i = 0; i < 12; i++) {
      await core.call('documents.create', {
        companyId: company.id,
        type: i % 3 === 0 ? 'invoice' : 'purchase_order',
        number: i === 11 ? 'X7' : undefined,
        supplierId: suppliers[i % suppliers.length]!,
        supplierInvoiceNumber: i % 3 === 0 ? `INV-20${i}7/a_b%` : null,
        date: `2026-10-${String(i + 1).padStart(2, '0')}`,
        lines: [{ description: 'x', quantity: '1', unitPrice: '1.00' }],
      });
    }
    const searches = [
      // trigram path
      'olt & N',
      'BOLT',
      'acme SUP',
      'PO-100',
      'po-1',
      'inv-2',
      '7/A_B%',
      'a_b',
      '_b%',
      '"Quality"',
      '% "q',
      'ts*',
      'Müller',
      'müller',
      'MÜLLER',
      'MU\u0308LLER',
      'straße',
      'STRAẞE',
      'STRASSE',
      'AND',
      'OR "',
      'NEAR(',
      'nothing like it',
      // short path (1 or 2 characters)
      '7',
      'x7',
      'B',
      '&',
      '%',
      '_',
      '"',
      '*',
      'ß',
      'ü',
      'Ü',
      '""',
    ];
    for (const search of searches) {
      const expected = reference(company.id, search);
      const got = await searchIds(company.id, search);
      expect({ search, ...got }).toEqual({ search, total: expected.length, ids: expected });
    }
    // The cases that matter, spelled out.
    expect((await searchIds(company.id, 'bolt & n')).total).toBe(3);
    expect((await searchIds(company.id, 'ACME')).total).toBe(3);
    expect((await searchIds(company.id, '100%')).total).toBe(3);
    expect((await searchIds(company.id, '0%')).total).toBe(3);
    expect((await searchIds(company.id, 'x7')).total).toBe(1);
    expect((await searchIds(company.id, 'a_b%')).total).toBe(4);
    expect((await searchIds(company.id, 'a%b')).total).toBe(0); // % is literal, not a wildcard
    expect((await searchIds(company.id, 'müller')).total).toBe(3);
    // Case folds beyond ASCII (LIKE alone would not): capitals with accents, and decomposed accents typed.
    expect((await searchIds(company.id, 'MÜLLER')).total).toBe(3);
    expect((await searchIds(company.id, 'MüLLER')).total).toBe(3);
    expect((await searchIds(company.id, 'MU\u0308LLER')).total).toBe(3);
    expect((await searchIds(company.id, 'Ü')).total).toBe(3);
    expect((await searchIds(company.id, 'STRASSE')).total).toBe(0); // ß is not "ss": folding is not transliteration
  });

  it('keeps the index in step with inserts, renames, edits and deletes', async () => {
    const { company, supplier } = await seedCompany(core);
    const doc = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'ZK-4471',
      date: '2026-10-01',
      lines: [{ description: 'x', quantity: '1', unitPrice: '1.00' }],
    });
    expect((await searchIds(company.id, 'zk-44')).ids).toEqual([doc.id]);

    await core.call('suppliers.update', { id: supplier.id, name: 'Quartzline Wholesale' });
    expect((await searchIds(company.id, 'acme')).total).toBe(0);
    expect((await searchIds(company.id, 'tzline')).ids).toEqual([doc.id]);

    await core.call('documents.update', { id: doc.id, number: 'BILL-77A', supplierInvoiceNumber: 'QX-9' });
    expect((await searchIds(company.id, 'zk-44')).total).toBe(0);
    expect((await searchIds(company.id, '77a')).ids).toEqual([doc.id]);
    expect((await searchIds(company.id, 'qx-9')).ids).toEqual([doc.id]);
    await core.call('documents.update', { id: doc.id, supplierInvoiceNumber: null });
    expect((await searchIds(company.id, 'qx-9')).total).toBe(0);
    searchIndexIsConsistent();

    db.prepare('DELETE FROM companies WHERE id = ?').run(company.id); // cascades to the documents
    expect(
      db
        .prepare('SELECT count(*) AS n FROM document_search_fts WHERE document_search_fts MATCH ?')
        .get('"77a"'),
    ).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM document_search').get()).toEqual({ n: 0 });
    searchIndexIsConsistent();
  });

  it('keeps document_search equal to a recomputation through status, sync, rename, edit and delete', async () => {
    const { company, supplier } = await seedCompany(core);
    const other = await seedCompany(core); // a second company: its matches must never show
    const bolt = await core.call('suppliers.create', { companyId: company.id, name: 'Bolt & Nut Co' });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const doc = await core.call('documents.create', {
        companyId: company.id,
        type: i % 2 ? 'invoice' : 'purchase_order',
        supplierId: i % 3 ? supplier.id : bolt.id,
        supplierInvoiceNumber: i % 2 ? `INV-Q${i}` : null,
        date: `2026-09-0${i + 1}`,
        lines: [{ description: 'x', quantity: '1', unitPrice: '1.00' }],
      });
      ids.push(doc.id);
    }
    await core.call('documents.create', {
      companyId: other.company.id,
      type: 'invoice',
      supplierId: other.supplier.id,
      supplierInvoiceNumber: 'INV-Q9',
      date: '2026-09-09',
      lines: [{ description: 'x', quantity: '1', unitPrice: '1.00' }],
    });
    searchIndexIsConsistent();
    const check = async (search: string, extra = '', filter: Record<string, string> = {}) => {
      const expected = reference(company.id, search, 'date_desc', extra);
      const got = await core.call('documents.list', { companyId: company.id, search, limit: 500, ...filter });
      expect({ search, filter, total: got.total, ids: got.items.map((d) => d.id) }).toEqual({
        search,
        filter,
        total: expected.length,
        ids: expected,
      });
    };
    // Status changes (and the filters a search combines with).
    await core.call('documents.submit', { id: ids[1]!, actor: 'maria' });
    await core.call('documents.approve', { id: ids[1]!, actor: 'boss' });
    await core.call('documents.submit', { id: ids[2]!, actor: 'maria' });
    searchIndexIsConsistent();
    await check('inv-q', "AND status = 'approved'", { status: 'approved' });
    await check('q', "AND status = 'pending_approval'", { status: 'pending_approval' });
    await check('inv-q', "AND type = 'invoice'", { type: 'invoice' });
    // Sync status, as the sync worker writes it.
    db.prepare("UPDATE documents SET sync_status = 'failed' WHERE id = ?").run(ids[1]);
    searchIndexIsConsistent();
    await check('inv', "AND sync_status = 'failed'", { syncStatus: 'failed' });
    // A supplier rename rewrites supplier_name on its documents.
    await core.call('suppliers.update', { id: bolt.id, name: 'Widget WORKS' });
    searchIndexIsConsistent();
    await check('widget');
    await check('bolt');
    await check('wo');
    // Edits of the number and the supplier invoice number.
    await core.call('documents.update', { id: ids[0]!, number: 'PO-ZQ1', supplierInvoiceNumber: 'A_1%' });
    searchIndexIsConsistent();
    await check('zq');
    await check('a_1%');
    await check('_');
    // Deletes, one document and then a whole company.
    db.prepare('DELETE FROM documents WHERE id = ?').run(ids[3]);
    searchIndexIsConsistent();
    await check('inv-q');
    await check('q');
    db.prepare('DELETE FROM companies WHERE id = ?').run(other.company.id);
    searchIndexIsConsistent();
    // The separator of the search text never matches across fields: only the plain LIKE could, and it does not.
    await check('1\u001fwidget');
  });

  it('pages through many matches in every sort order exactly as the plain LIKE does', async () => {
    const { company, supplier } = await seedCompany(core);
    const other = await core.call('suppliers.create', { companyId: company.id, name: 'Zenith Pipe & Valve' });
    // Enough documents that a common search has more matches than the index path sorts itself (4,000).
    const insert = db.prepare(
      `INSERT INTO documents (id, company_id, type, number, status, supplier_id, supplier_name, date, currency,
         supplier_invoice_number, subtotal_minor, discount_minor, net_minor, tax_minor, gross_minor, created_at,
         updated_at)
       VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, 'USD', ?, 100, 0, 100, 0, 100, '2026-01-01T00:00:00Z',
         '2026-01-01T00:00:00Z')`,
    );
    db.transaction(() => {
      for (let i = 0; i < 9000; i++) {
        const zenith = i % 5 !== 0;
        insert.run(
          randomUUID(),
          company.id,
          i % 2 ? 'invoice' : 'purchase_order',
          `${i % 2 ? 'BILL' : 'PO'}-${5000 + i}`,
          zenith ? other.id : supplier.id,
          zenith ? 'Zenith Pipe & Valve' : 'Acme Supplies',
          `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
          i % 2 ? `INV-${i % 100}` : null,
        );
      }
    })();
    searchIndexIsConsistent();
    const cases: [string, Sort, number, number][] = [
      ['zenith', 'date_desc', 0, 200], // dense: 7,200 matches, walks the date index
      ['zenith', 'date_asc', 7000, 500], // deep: sorts the matches
      ['pipe &', 'number_asc', 300, 100],
      ['acme', 'number_desc', 0, 500], // 1,800 matches: sorts them
      ['inv-4', 'date_desc', 0, 500],
      ['-51', 'date_asc', 20, 50],
      ['9', 'date_desc', 4000, 200], // short: LIKE alone
      ['&', 'number_asc', 0, 100],
    ];
    for (const [search, sort, offset, limit] of cases) {
      const expected = reference(company.id, search, sort);
      const got = await searchIds(company.id, search, { sort, offset, limit });
      expect({ search, sort, offset, ...got }).toEqual({
        search,
        sort,
        offset,
        total: expected.length,
        ids: expected.slice(offset, offset + limit),
      });
    }
    // With a filter as well.
    const filtered = await core.call('documents.list', {
      companyId: company.id,
      search: 'zenith',
      type: 'invoice',
      dateFrom: '2026-03-01',
      limit: 300,
    });
    const expected = reference(
      company.id,
      'zenith',
      'date_desc',
      "AND type = 'invoice' AND date >= '2026-03-01'",
    );
    expect(filtered.total).toBe(expected.length);
    expect(filtered.items.map((d) => d.id)).toEqual(expected.slice(0, 300));
    // Type and status alone are answered in the narrow table (migration 0014): dense and sparse, long and short.
    db.prepare("UPDATE documents SET status = 'approved' WHERE company_id = ? AND rowid % 3 = 0").run(
      company.id,
    );
    searchIndexIsConsistent();
    const narrowCases: [string, Record<string, string>, string, Sort, number, number][] = [
      ['zenith', { type: 'invoice' }, "AND type = 'invoice'", 'date_desc', 0, 200], // dense: walks the index
      ['zenith', { status: 'approved' }, "AND status = 'approved'", 'number_asc', 1500, 100],
      [
        'acme',
        { type: 'purchase_order', status: 'draft' },
        "AND type = 'purchase_order' AND status = 'draft'",
        'date_desc',
        0,
        500,
      ], // sparse: sorts
      ['9', { status: 'approved' }, "AND status = 'approved'", 'date_asc', 100, 200], // short: scans
      [
        'inv-4',
        { type: 'invoice', status: 'approved' },
        "AND type = 'invoice' AND status = 'approved'",
        'number_desc',
        0,
        50,
      ],
      ['zenith', { type: 'receipt' }, "AND type = 'receipt'", 'date_desc', 0, 50], // none
    ];
    for (const [search, narrow, extra, sort, offset, limit] of narrowCases) {
      const want = reference(company.id, search, sort, extra);
      const got = await core.call('documents.list', {
        companyId: company.id,
        search,
        sort,
        offset,
        limit,
        ...narrow,
      });
      expect({ search, narrow, total: got.total, ids: got.items.map((d) => d.id) }).toEqual({
        search,
        narrow,
        total: want.length,
        ids: want.slice(offset, offset + limit),
      });
    }
    // Past the end.
    expect(await searchIds(company.id, 'zenith', { offset: 9000 })).toEqual({ total: 7200, ids: [] });
  });

  it('migration 0012 folds what was written before it (ASCII-lowered text)', async () => {
    const { company } = await seedCompany(core);
    const electric = await core.call('suppliers.create', {
      companyId: company.id,
      name: 'ÉLECTRICITÉ ÖSTERLUND',
    });
    const doc = await core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      supplierId: electric.id,
      date: '2026-10-01',
      lines: [{ description: 'x', quantity: '1', unitPrice: '1.00' }],
    });
    // The state a database had under 0003's triggers: lower() folds A–Z only.
    db.exec(`UPDATE document_search SET text = (SELECT lower(d.number) || char(31) || lower(d.supplier_name)
      || char(31) || lower(coalesce(d.supplier_invoice_number, '')) FROM documents d WHERE d.rowid = document_search.rowid);
`);
    expect((await searchIds(company.id, 'électricité')).total).toBe(0);
    // Migration 0012 as the migrator runs it on an existing database.
    db.exec(fs.readFileSync(path.join(defaultMigrationsDir(), '0012_search_unicode_fold.sql'), 'utf8'));
    searchIndexIsConsistent();
    expect((await searchIds(company.id, 'électricité')).ids).toEqual([doc.id]);
    expect((await searchIds(company.id, 'österlund')).ids).toEqual([doc.id]);
    const suppliers = await core.call('suppliers.list', { companyId: company.id, search: 'électri' });
    expect(suppliers.items.map((x) => x.id)).toEqual([electric.id]);
  });
});
