// Revisions keep Xero's lines: each line of a revised purchase order or bill that continues a line sent earlier
// carries that line's LineItemID, so Xero updates it in place (lines left out are deleted there, new ones added).
// The ids travel with the document's link; a line deleted in Xero meanwhile is paired again with what Xero has;
// documents sent before ids were kept read their lines from Xero first. Every body is checked against Xero's spec.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/db/database.js';
import { approve, connectCompany, jobMaterialsAndAirFilter, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

type Rec = Record<string, unknown>;

async function setUp() {
  const { core } = world;
  const { company, connection } = await connectCompany(world);
  const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
  const { account, item } = await jobMaterialsAndAirFilter(company.id);
  return { company, connection, supplier, account, item };
}

const linesOf = (doc: Rec | undefined) => (doc?.LineItems as Rec[] | undefined) ?? [];

async function revise(id: string, lines: Rec[]) {
  await world.core.call('documents.revise', { id });
  await world.core.call('documents.update', { id, lines: lines as never });
  await approve(world.core, id);
  await world.core.app.sync.whenIdle();
}

describe.skipIf(!ready)('Xero: revisions keep the lines', () => {
  it('a revised purchase order keeps the LineItemIDs of the lines it continues; a removed line is deleted, a new one added', async () => {
    const { company, supplier, account, item } = await setUp();
    const po = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-3001',
      supplierId: supplier.id,
      date: '2026-11-03',
      lines: [
        { description: 'Filters', quantity: '3', unitPrice: '12.99', itemId: item.id },
        { description: 'Freight', quantity: '1', unitPrice: '10', accountId: account.id },
        { description: 'Labour', quantity: '2', unitPrice: '50', accountId: account.id },
      ],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const [created] = [...world.org.purchaseOrders.values()];
    const [filters, , labour] = linesOf(created).map((l) => String(l.LineItemID));

    // A new first line, the filters' quantity changed, freight removed, the labour line reworded.
    await revise(po.id, [
      { description: 'Call-out', quantity: '1', unitPrice: '30', accountId: account.id },
      { description: 'Filters', quantity: '5', unitPrice: '12.99', itemId: item.id },
      { description: 'Labour (2 technicians)', quantity: '2', unitPrice: '50', accountId: account.id },
    ]);
    const sent = await world.core.call('documents.get', { id: po.id });
    expect(sent.sync[0]).toMatchObject({ status: 'sent', lastMessage: expect.stringContaining('Updated') });
    expect(world.org.purchaseOrders.size).toBe(1);
    const updated = world.org.purchaseOrders.get(String(created!.PurchaseOrderID));
    const lines = linesOf(updated);
    expect(lines.map((l) => l.Description)).toEqual(['Call-out', 'Filters', 'Labour (2 technicians)']);
    expect(lines[1]).toMatchObject({ LineItemID: filters, Quantity: 5, ItemCode: 'AF-20' });
    expect(lines[2]!.LineItemID).toBe(labour);
    expect([filters, labour]).not.toContain(lines[0]!.LineItemID);
    expect(world.sim.lineStats).toEqual({ kept: 2, added: 1, deleted: 1 });
    expect(Math.round(Number(updated!.Total) * 100)).toBe(Math.round(Number(sent.totals.gross) * 100));

    // A second revision pairs with the ids Xero gave the first one (the new line's included).
    const callOut = String(lines[0]!.LineItemID);
    await revise(po.id, [
      { description: 'Call-out', quantity: '1', unitPrice: '35', accountId: account.id },
      { description: 'Filters', quantity: '5', unitPrice: '12.99', itemId: item.id },
      { description: 'Labour (2 technicians)', quantity: '3', unitPrice: '50', accountId: account.id },
    ]);
    const again = linesOf(world.org.purchaseOrders.get(String(created!.PurchaseOrderID)));
    expect(again.map((l) => l.LineItemID)).toEqual([callOut, filters, labour]);
    expect(again.map((l) => l.UnitAmount)).toEqual([35, 12.99, 50]);
  });

  it('a line deleted in Xero meanwhile: Xero refuses its id, the lines are paired with what Xero has and sent once more', async () => {
    const { company, supplier, account } = await setUp();
    const bill = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'V-100',
      date: '2026-11-05',
      lines: [
        { description: 'Pipe', quantity: '10', unitPrice: '3.10', accountId: account.id },
        { description: 'Elbows', quantity: '4', unitPrice: '2.50', accountId: account.id },
      ],
    });
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    const [xeroBill] = [...world.org.invoices.values()];
    const [pipe, elbows] = linesOf(xeroBill);
    // Someone removes the elbows line in Xero.
    xeroBill!.LineItems = [pipe];

    await revise(bill.id, [
      { description: 'Pipe', quantity: '12', unitPrice: '3.10', accountId: account.id },
      { description: 'Elbows', quantity: '6', unitPrice: '2.50', accountId: account.id },
    ]);
    const sent = await world.core.call('documents.get', { id: bill.id });
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    const lines = linesOf(world.org.invoices.get(String(xeroBill!.InvoiceID)));
    expect(lines.map((l) => [l.Description, l.Quantity])).toEqual([
      ['Pipe', 12],
      ['Elbows', 6],
    ]);
    expect(lines[0]!.LineItemID).toBe(pipe!.LineItemID);
    expect(lines[1]!.LineItemID).not.toBe(elbows!.LineItemID);
    const updates = world.sim.received.filter((r) => r.method === 'POST' && r.path.startsWith('/Invoices/'));
    expect(updates).toHaveLength(2);
    expect(updates[0]!.idempotencyKey).not.toBe(updates[1]!.idempotencyKey);
  });

  it('a document sent before line ids were kept reads its lines from Xero before the update', async () => {
    const { company, connection, supplier, account } = await setUp();
    const po = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-3002',
      supplierId: supplier.id,
      date: '2026-11-03',
      lines: [
        { description: 'Pipe', quantity: '10', unitPrice: '3.10', accountId: account.id },
        { description: 'Elbows', quantity: '4', unitPrice: '2.50', accountId: account.id },
      ],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const db = new BetterSqlite3(path.join(world.core.dataDir, DATABASE_FILE));
    try {
      const link = db
        .prepare<[string, string], { sync_token: string | null }>(
          `SELECT sync_token FROM external_links WHERE connection_id = ? AND entity_type = 'document' AND entity_id = ?`,
        )
        .get(connection.id, po.id);
      expect(link?.sync_token).toMatch(/^xero-lines\/1:/);
      db.prepare(`UPDATE external_links SET sync_token = NULL WHERE connection_id = ? AND entity_id = ?`).run(
        connection.id,
        po.id,
      );
    } finally {
      db.close();
    }
    const [created] = [...world.org.purchaseOrders.values()];
    const before = linesOf(created).map((l) => l.LineItemID);
    await revise(po.id, [
      { description: 'Pipe', quantity: '12', unitPrice: '3.10', accountId: account.id },
      { description: 'Elbows', quantity: '4', unitPrice: '2.50', accountId: account.id },
    ]);
    const after = linesOf(world.org.purchaseOrders.get(String(created!.PurchaseOrderID)));
    expect(after.map((l) => l.LineItemID)).toEqual(before);
    expect(after[0]!.Quantity).toBe(12);
    expect(world.sim.stats.byRoute['GET /PurchaseOrders/{id}']).toBe(1);
  });
});
