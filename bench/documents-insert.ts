// What a document insert costs, and how much of it the search triggers take (migration 0003).
//
//   npx tsx bench/documents-insert.ts [--documents 100000] [--variant migrated,none,nofts]
//
// Inserts documents (no lines) in transactions of 10,000 into a fresh database built by the real migrations,
// as the schema stands and with search triggers dropped, and prints µs per document (and per sync_status update,
// which must not touch the search rows) for each. The cost that matters grows with the index: use 100,000.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../main/db/database.js';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const DOCUMENTS = Number(option('--documents') ?? 100_000) || 100_000;

function run(label: string, prepare: (db: ReturnType<typeof openDatabase>) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-insert-'));
  try {
    const db = openDatabase(dir);
    prepare(db);
    const now = new Date().toISOString();
    const companyId = randomUUID();
    db.prepare('INSERT INTO companies (id, name, base_currency, created_at) VALUES (?, ?, ?, ?)').run(
      companyId,
      'C',
      'USD',
      now,
    );
    const suppliers: [string, string][] = [];
    const insertSupplier = db.prepare(
      `INSERT INTO suppliers (id, company_id, name, currency, active, created_at, updated_at)
       VALUES (?, ?, ?, 'USD', 1, ?, ?)`,
    );
    for (let i = 0; i < 200; i++) {
      const s: [string, string] = [randomUUID(), `Supplier ${i} Plumbing & Sons`];
      insertSupplier.run(s[0], companyId, s[1], now, now);
      suppliers.push(s);
    }
    const insert = db.prepare(
      `INSERT INTO documents (id, company_id, type, number, status, revision, supplier_id, supplier_name, date,
         due_date, currency, supplier_invoice_number, memo, discount_json, fields_json, linked_document_id,
         subtotal_minor, discount_minor, net_minor, tax_minor, gross_minor, payment_status, sync_status, created_at,
         updated_at)
       VALUES (?, ?, 'invoice', ?, 'approved', 0, ?, ?, ?, NULL, 'USD', ?, NULL, NULL, '{}', NULL, 1, 0, 1, 0, 1,
         NULL, 'sent', ?, ?)`,
    );
    const setSync = db.prepare("UPDATE documents SET sync_status = 'failed', updated_at = ? WHERE id = ?");
    const start = performance.now();
    const ids: string[] = [];
    for (let b = 0; b < DOCUMENTS; b += 10_000) {
      db.transaction(() => {
        for (let i = b; i < Math.min(DOCUMENTS, b + 10_000); i++) {
          const s = suppliers[i % suppliers.length]!;
          const id = randomUUID();
          ids.push(id);
          insert.run(
            id,
            companyId,
            `BILL-${1000 + i}`,
            s[0],
            s[1],
            `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
            `INV-${100000 + ((i * 7919) % 900000)}`,
            now,
            now,
          );
        }
      })();
    }
    const insertMs = performance.now() - start;
    const ustart = performance.now();
    db.transaction(() => {
      for (const id of ids) setSync.run(now, id);
    })();
    const updateMs = performance.now() - ustart;
    console.log(
      `${label.padEnd(40)} insert ${((insertMs * 1000) / DOCUMENTS).toFixed(1).padStart(7)} µs/doc   ` +
        `sync_status update ${((updateMs * 1000) / DOCUMENTS).toFixed(1).padStart(7)} µs/doc`,
    );
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const dropSearchTriggers = (db: ReturnType<typeof openDatabase>) => {
  for (const { name } of db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'document_search%'",
    )
    .all())
    db.exec(`DROP TRIGGER ${name}`);
};
const dropTrigger =
  (...names: string[]) =>
  (db: ReturnType<typeof openDatabase>) => {
    for (const name of names) db.exec(`DROP TRIGGER ${name}`);
  };
const variant = option('--variant') ?? 'all';
const variants: Record<string, [string, (db: ReturnType<typeof openDatabase>) => void]> = {
  migrated: ['as migrated', () => {}],
  none: ['search triggers dropped', dropSearchTriggers],
  nofts: ['fts triggers dropped (shadow kept)', dropTrigger('document_search_fts_insert')],
};
for (const [key, [label, prepare]] of Object.entries(variants)) {
  if (variant === 'all' || variant.split(',').includes(key)) run(label, prepare);
}
