// What the tests of a connection switched to another company share, whatever the system (QuickBooks Online's
// realms, Xero's organisations, NetSuite's accounts): a refusal caught as the AppError it is, a bill sent (or
// revised) and its sync row after the worker went idle, and the record of retired links as the database keeps it.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DATABASE_FILE } from '../../main/db/database.js';
import { AppError } from '../../main/domain/errors.js';
import type { TestCore } from '../fixtures/core.js';

/** The AppError `promise` rejects with; fails the test when it resolves or rejects with something else. */
export async function rejected(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

async function approve(core: TestCore, id: string) {
  await core.call('documents.submit', { id });
  return core.call('documents.approve', { id });
}

/** A bill of one line, approved, with the sync row of its (only) connection once the worker is idle. */
export async function sendBill(
  core: TestCore,
  bill: { companyId: string; supplierId: string; accountId: string; number: string; quantity?: string },
) {
  const doc = await core.call('documents.create', {
    companyId: bill.companyId,
    type: 'invoice',
    supplierId: bill.supplierId,
    supplierInvoiceNumber: bill.number,
    date: '2026-11-05',
    lines: [
      { description: 'Parts', quantity: bill.quantity ?? '2', unitPrice: '19.95', accountId: bill.accountId },
    ],
  });
  await approve(core, doc.id);
  await core.app.sync.whenIdle();
  const sent = await core.call('documents.get', { id: doc.id });
  return { id: doc.id, sync: sent.sync[0]! };
}

/** The bill revised to `quantity` and approved again; its sync row once the worker is idle. */
export async function reviseBill(core: TestCore, id: string, accountId: string, quantity: string) {
  await core.call('documents.revise', { id });
  await core.call('documents.update', {
    id,
    lines: [{ description: 'Parts', quantity, unitPrice: '19.95', accountId }],
  });
  await approve(core, id);
  await core.app.sync.whenIdle();
  return (await core.call('documents.get', { id })).sync[0]!;
}

/** The links retired from the connection (sync/company-switch.ts), as kept in retired_company_links. */
export function retiredLinks(
  core: TestCore,
  connectionId: string,
): { entity_type: string; external_id: string; company_label: string }[] {
  const db = new BetterSqlite3(path.join(core.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare<[string], { entity_type: string; external_id: string; company_label: string }>(
        `SELECT entity_type, external_id, company_label FROM retired_company_links WHERE connection_id = ?
         ORDER BY entity_type, external_id`,
      )
      .all(connectionId);
  } finally {
    db.close();
  }
}

/** The messages of the company's integration log, newest first. */
export async function logMessages(core: TestCore, companyId: string): Promise<string[]> {
  return (await core.call('log.list', { companyId })).items.map((e) => e.message);
}
