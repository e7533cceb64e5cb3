import { afterEach, describe, expect, it } from 'vitest';
import { resumeWaiting } from '../../../main/sync/outbox.js';
import { createHarness, type Harness } from '../../fixtures/sync/harness.js';
import { insertListEntry, insertTaxRate, jobRows, logRows, syncRow } from '../../fixtures/sync/db.js';

let h: Harness;
afterEach(async () => {
  await h?.cleanup();
});

const link = (harness: Harness, entityType: string, entityId: string) =>
  (
    harness.db
      .prepare(
        'SELECT external_id FROM external_links WHERE connection_id = ? AND entity_type = ? AND entity_id = ?',
      )
      .get(harness.connectionId, entityType, entityId) as { external_id: string } | undefined
  )?.external_id;

/** Sends `doc` with the worker started; resolves once the worker has nothing left to do. */
async function sendFirst(doc: string): Promise<void> {
  h.send(doc);
  await h.worker.start();
  await h.worker.whenIdle();
}

/** The waiting sends resumed (after `change`, in the same transaction), as a pairing or a setting saved does. */
async function resume(change: () => void = () => undefined): Promise<void> {
  h.db.transaction(() => {
    change();
    resumeWaiting(h.db, h.connectionId, h.clock.now());
  })();
  h.worker.kick();
  await h.worker.whenIdle();
}

/** A connection that sends invoices and creates nothing missing in the other system. */
const CREATE_NOTHING = { documentsToSend: ['invoice'], createMissing: false };

describe('reference matching before a send', () => {
  it('links exactly-one matches, creates what is missing, uses mirrored entries as they are', async () => {
    h = createHarness();
    const vendorId = [...h.connector.references.get('supplier')!.keys()][0]!;
    const itemExternal = h.connector.seed('item', 'Copper pipe');
    const item = insertListEntry(h.db, h.companyId, 'item', 'copper pipe');
    const account = insertListEntry(h.db, h.companyId, 'account', 'Job Materials');
    const mirroredClass = insertListEntry(h.db, h.companyId, 'class', 'Residential', {
      connectionId: h.connectionId,
      externalId: 'CLS-9',
    });
    const tax = insertTaxRate(h.db, h.companyId, 'State sales tax', '6.25');
    const doc = h.document('INV-50', {
      lines: [
        { itemId: item, classId: mirroredClass, taxRateId: tax },
        { accountId: account, classId: mirroredClass },
      ],
    });
    await sendFirst(doc);

    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('sent');
    expect(link(h, 'supplier', h.supplierId)).toBe(vendorId);
    expect(link(h, 'list_entry', item)).toBe(itemExternal);
    expect(link(h, 'list_entry', account)).toBeDefined();
    expect(link(h, 'list_entry', mirroredClass)).toBeUndefined(); // its own external id is the reference
    expect(link(h, 'tax_rate', tax)).toBeDefined();
    expect(h.connector.callsOf('findReferences').map((c) => [c.kind, c.name])).toEqual([
      ['supplier', 'Acme Supplies'],
      ['item', 'copper pipe'],
      ['tax_rate', 'State sales tax'],
      ['account', 'Job Materials'],
    ]);
    expect(h.connector.callsOf('createReference').map((c) => c.name)).toEqual([
      'State sales tax',
      'Job Materials',
    ]);
    expect(
      logRows(h.db)
        .filter((r) => r.result === 'info')
        .map((r) => r.message),
    ).toEqual([
      "Matched supplier 'Acme Supplies' to the existing vendor in Test Ledger",
      "Matched item 'copper pipe' to the existing item in Test Ledger",
      "Created tax rate 'State sales tax' in Test Ledger",
      "Created account 'Job Materials' in Test Ledger",
    ]);

    // The second document finds everything linked: no lookups at all.
    const lookups = h.connector.calls.length;
    const doc2 = h.document('INV-51', { lines: [{ itemId: item, taxRateId: tax }] });
    h.send(doc2);
    await h.worker.whenIdle();
    expect(h.connector.calls.slice(lookups).map((c) => c.method)).toEqual(['sendDocuments']);
  });

  it('creates a supplier that has no counterpart', async () => {
    h = createHarness({ seedSupplier: false });
    const doc = h.document('INV-52');
    await sendFirst(doc);
    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('sent');
    const vendors = [...h.connector.references.get('supplier')!.values()];
    expect(vendors.map((v) => v.name)).toEqual(['Acme Supplies']);
    expect(link(h, 'supplier', h.supplierId)).toBe(vendors[0]!.externalId);
    expect(logRows(h.db)[0]!.message).toBe("Created supplier 'Acme Supplies' in Test Ledger");
  });

  it('several matches: asks the user to pair, and creates no duplicate', async () => {
    h = createHarness();
    h.connector.seed('supplier', 'ACME SUPPLIES');
    const doc = h.document('INV-53');
    await sendFirst(doc);
    expect(syncRow(h.db, doc, h.connectionId)).toMatchObject({
      status: 'failed',
      last_message:
        "There are 2 vendors named 'Acme Supplies' in Test Ledger. Pair the supplier by hand in Connections → Lists.",
    });
    expect(jobRows(h.db)[0]!.status).toBe('failed');
    expect(h.connector.callsOf('createReference')).toHaveLength(0);
    expect(h.connector.callsOf('sendDocuments')).toHaveLength(0);
  });

  it('createMissing off: suggests the setting only for the kinds the system creates from here', async () => {
    h = createHarness({ connector: { createsReferenceKinds: ['supplier'] }, settings: CREATE_NOTHING });
    const account = insertListEntry(h.db, h.companyId, 'account', 'Job Materials');
    const doc = h.document('INV-60', { lines: [{ accountId: account }] });
    await sendFirst(doc);
    expect(syncRow(h.db, doc, h.connectionId)).toMatchObject({
      status: 'waiting',
      last_message:
        "Account 'Job Materials' has no counterpart in Test Ledger, and Test Ledger accounts are not created from here. Pair it in Connections → Lists.",
    });
    expect(h.connector.callsOf('createReference')).toHaveLength(0);
  });

  it('createMissing off: waits with the pairing message, and goes once the supplier is paired', async () => {
    h = createHarness({ seedSupplier: false, settings: CREATE_NOTHING });
    const doc = h.document('INV-54');
    await sendFirst(doc);
    const message =
      "Supplier 'Acme Supplies' has no counterpart in Test Ledger. Pair it in Connections → Lists, or turn on 'Create missing suppliers and records in Test Ledger' in Connections → Test Ledger settings.";
    expect(syncRow(h.db, doc, h.connectionId)).toMatchObject({ status: 'waiting', last_message: message });
    expect(jobRows(h.db)[0]!.status).toBe('waiting');
    expect(h.connector.callsOf('createReference')).toHaveLength(0);

    // The bookkeeper pairs the supplier in Suppliers (after creating the vendor over there).
    const vendor = h.connector.seed('supplier', 'Acme Supplies Ltd');
    await resume(() =>
      h.db
        .prepare(
          `INSERT INTO external_links (connection_id, entity_type, entity_id, external_id, updated_at)
           VALUES (?, 'supplier', ?, ?, ?)`,
        )
        .run(h.connectionId, h.supplierId, vendor, h.clock.now().toISOString()),
    );
    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('sent');
    expect(h.connector.liveDocuments()[0]!.supplierExternalId).toBe(vendor);
  });

  it('names the connection as the bookkeeper named it, not its system, in what waits and what was sent', async () => {
    h = createHarness({
      seedSupplier: false,
      settings: CREATE_NOTHING,
      connectionName: 'Harbour – 2026 org',
    });
    const doc = h.document('INV-56');
    await sendFirst(doc);
    expect(syncRow(h.db, doc, h.connectionId)).toMatchObject({
      status: 'waiting',
      last_message:
        "Supplier 'Acme Supplies' has no counterpart in Harbour – 2026 org. Pair it in Connections → Lists, or turn on 'Create missing suppliers and records in Harbour – 2026 org' in Connections → Harbour – 2026 org settings.",
    });

    h.db
      .prepare('UPDATE connections SET settings_json = ? WHERE id = ?')
      .run(JSON.stringify({ documentsToSend: ['invoice'], createMissing: true }), h.connectionId);
    await resume();
    const sync = syncRow(h.db, doc, h.connectionId);
    expect(sync?.status).toBe('sent');
    expect(sync?.last_message).toMatch(/^Sent to Harbour – 2026 org as /);
    expect(logRows(h.db).map((r) => r.message)).toContain(
      "Created supplier 'Acme Supplies' in Harbour – 2026 org",
    );
  });

  it('a transient failure during lookup is retried like any other', async () => {
    h = createHarness({ random: () => 0.5 });
    const doc = h.document('INV-55');
    h.connector.failNext({ type: 'transient' }, { method: 'findReferences' });
    await sendFirst(doc);
    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('sent');
    expect(logRows(h.db).map((r) => r.result)).toEqual(['retry', 'info', 'success']);
  });
});
