// One supplier-matching rule for every system: the cloud systems' supplier sync (main/accounting), the paged
// supplier import and QuickBooks Desktop's vendor list import (its Web Connector session) pair the same suppliers
// with the same vendors, from the same names, in the same database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncSuppliers, type AccountingContext } from '../../../main/accounting/index.js';
import type { Connector, ExternalSupplier } from '../../../main/connectors/contract.js';
import { SupplierPageWriter } from '../../../main/accounting/supplier-page-writer.js';
import { applyListResponse } from '../../../main/connectors/quickbooks-desktop/lists.js';
import type { QbxmlResponse } from '../../../main/connectors/quickbooks-desktop/qbxml/types.js';
import { openDatabase } from '../../../main/db/database.js';
import { insertCompany } from '../../../main/db/repos/companies.js';
import { insertConnection, updateConnectionRow } from '../../../main/db/repos/connections.js';
import { insertSupplier } from '../../../main/db/repos/suppliers.js';

/** Theirs, as both systems would hold them: name, and whether it is active there. */
const VENDORS: { id: string; name: string; active: boolean }[] = [
  { id: 'v-acme', name: 'ACME SUPPLIES', active: true },
  { id: 'v-zenith', name: 'Zenith  Tools', active: true },
  { id: 'v-old', name: 'Old Vendor', active: false },
  { id: 'v-dup', name: 'dup', active: true },
  { id: 'v-new', name: 'Brand New', active: true },
];

let dir: string;
let db: Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-matching-'));
  db = openDatabase(dir);
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function seed() {
  const company = insertCompany(db, { name: 'Northwind', baseCurrency: 'USD' });
  // 'Dup' and 'Dup ' are two suppliers here whose names read the same: ambiguous, never guessed.
  for (const name of ['Acme Supplies', 'Zenith Tools ', 'Old Vendor', 'Crate & Co', 'Dup', 'Dup ']) {
    insertSupplier(db, company.id, { name });
  }
  return company;
}

/** Our supplier name → the vendor id it was paired with on that connection. */
function pairings(connectionId: string): Record<string, string> {
  const rows = db
    .prepare<[string], { name: string; external_id: string }>(
      `SELECT s.name, l.external_id FROM external_links l JOIN suppliers s ON s.id = l.entity_id
       WHERE l.connection_id = ? AND l.entity_type = 'supplier' ORDER BY s.name`,
    )
    .all(connectionId);
  return Object.fromEntries(rows.map((r) => [r.name, r.external_id]));
}

const EXPECTED = { 'Acme Supplies': 'v-acme', 'Old Vendor': 'v-old', 'Zenith Tools ': 'v-zenith' };

describe('the one supplier-matching rule', () => {
  it('pairs the same suppliers in a cloud supplier sync and a QuickBooks Desktop vendor import', async () => {
    const company = seed();

    // A cloud system, through main/accounting's supplier sync.
    const cloud = insertConnection(db, {
      companyId: company.id,
      system: 'fake_cloud',
      name: 'Cloud',
      settings: {},
    });
    updateConnectionRow(db, cloud.id, { status: 'connected' });
    const theirs: ExternalSupplier[] = VENDORS.map((v) => ({
      externalId: v.id,
      name: v.name,
      email: null,
      phone: null,
      address: null,
      city: null,
      state: null,
      postalCode: null,
      country: null,
      accountNumber: null,
      active: v.active,
      updatedAt: '2026-01-01T00:00:00.000Z',
    }));
    const connector = {
      system: 'fake_cloud',
      label: 'Cloud',
      listSuppliers: async () => theirs,
      upsertSupplier: async () => theirs[0]!,
    } as unknown as Connector;
    const logged: string[] = [];
    const ctx: AccountingContext = {
      db,
      connectors: new Map([['fake_cloud', connector]]),
      emit: () => undefined,
      kickSync: () => undefined,
      connectorContext: (connection) => ({
        connection,
        secrets: { get: async () => null, set: async () => undefined, delete: async () => undefined },
        signal: new AbortController().signal,
        acquireRequestSlot: async () => undefined,
      }),
      qbdRequests: {
        requestListImport: () => undefined,
        requestVendorImport: () => undefined,
        requestPayments: () => undefined,
      },
      log: (entry) => void logged.push(entry.message),
    };
    const synced = await syncSuppliers(ctx, cloud.id, false);
    expect(pairings(cloud.id)).toEqual(EXPECTED);
    expect(synced.unmatchedOurs.map((s) => s.name).sort()).toEqual(['Crate & Co', 'Dup', 'Dup ']);
    expect(synced.unmatchedTheirs.map((t) => t.name).sort()).toEqual(['Brand New', 'dup']);
    expect(logged).toContain(
      "'Dup' was not paired by name: 2 suppliers here and 1 vendor in Cloud carry it. Pair it by hand in Suppliers.",
    );

    // QuickBooks Desktop, through its session's vendor list import, with importVendors on.
    const qbd = insertConnection(db, {
      companyId: company.id,
      system: 'quickbooks_desktop',
      name: 'QuickBooks',
      settings: {},
    });
    const response = {
      type: 'VendorQuery',
      requestID: '1',
      statusCode: 0,
      statusSeverity: 'Info',
      statusMessage: 'Status OK',
      records: VENDORS.map((v) => ({ ListID: v.id, EditSequence: '1', Name: v.name, IsActive: v.active })),
    } as unknown as QbxmlResponse;
    const applied = db.transaction(() =>
      applyListResponse(db, {
        connectionId: qbd.id,
        companyId: company.id,
        name: 'vendors',
        response,
        now: new Date(),
        importVendors: true,
      }),
    )();
    // 'Brand New' matches no supplier: imported. 'dup' is ambiguous here: not imported as a third 'Dup'.
    expect(applied.vendorsMatched).toBe(3);
    expect(applied.vendorsImported).toBe(1);
    expect(pairings(qbd.id)).toEqual({ ...EXPECTED, 'Brand New': 'v-new' });
  });

  it('pairs the same suppliers in the paged supplier import', () => {
    const company = seed();
    const connection = insertConnection(db, {
      companyId: company.id,
      system: 'fake_cloud',
      name: 'Cloud',
      settings: {},
    });
    const writer = new SupplierPageWriter(db, connection.id, company.id, 'Cloud');
    const page = VENDORS.map((v) => ({
      externalId: v.id,
      name: v.name,
      email: null,
      phone: null,
      address: null,
      city: null,
      state: null,
      postalCode: null,
      country: null,
      accountNumber: null,
      active: v.active,
      updatedAt: '2026-01-01T00:00:00.000Z',
    }));
    const counts = db.transaction(() => writer.write(page, new Date().toISOString()))();
    expect(counts.matched).toBe(3);
    expect(counts.added).toBe(1);
    expect(counts.skipped).toEqual([
      {
        name: 'dup',
        reason: "2 suppliers here carry the name 'dup'; pair the right one by hand in Suppliers",
      },
    ]);
    expect(pairings(connection.id)).toEqual({ ...EXPECTED, 'Brand New': 'v-new' });
  });
});
