// A record QuickBooks answers with that Ledgerbridge cannot read (valid against Intuit's XSD, which lets QuickBooks
// leave out even TxnID and ListID) costs only the request it answered: the other answers of the same message are
// applied, the document fails with what was missing and waits for the bookkeeper, a list page skips the record
// and the import goes on, and no later session meets the same record and fails again.
import { describe, expect, it } from 'vitest';
import { listLog } from '../../../../main/sync/log.js';
import { runSession, syncOf, type QuickBooksLike } from './harness.js';
import { qbFor } from './qb.js';
import { enginePerTest, withAcme } from './scenario.js';

const startEngine = enginePerTest();

/** QuickBooks whose answers leave `element` out of the *Ret records holding `marker` (while `active`). */
function leavingOut(
  qb: QuickBooksLike,
  ret: string,
  marker: string,
  element: string,
): QuickBooksLike & { active: boolean; hits: number } {
  const record = new RegExp(`<${ret}>[\\s\\S]*?</${ret}>`, 'g');
  const child = new RegExp(`<${element}>[^<]*</${element}>`);
  const wrapper = {
    active: true,
    hits: 0,
    hostResponse: () => qb.hostResponse(),
    handle(xml: string) {
      const answer = qb.handle(xml);
      if (!wrapper.active) return answer;
      return answer.replace(record, (r) => {
        if (!r.includes(marker)) return r;
        wrapper.hits += 1;
        return r.replace(child, '');
      });
    },
  };
  return wrapper;
}

describe('a record Ledgerbridge cannot read', () => {
  it('fails only its document; the other answers of the message are applied; the next session does not fail', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const acme = await withAcme(h, qb);
    const docs = [];
    for (const number of ['PO-1041', 'PO-1042', 'PO-1043'])
      docs.push(await h.approved({ type: 'purchase_order', supplierId: acme, number }));
    const [first, bad, last] = docs as [(typeof docs)[0], (typeof docs)[0], (typeof docs)[0]];
    // QuickBooks adds PO-1042 but answers with a PurchaseOrderRet without its TxnID.
    const broken = leavingOut(qb, 'PurchaseOrderRet', '<RefNumber>PO-1042</RefNumber>', 'TxnID');

    const run = runSession(h, broken);
    expect(broken.hits).toBe(1);
    expect(run.lastError).toBe('');
    expect(run.percents.every((p) => p >= 0)).toBe(true);
    // One message carried the three documents.
    expect(run.messages.filter((m) => (m.match(/<PurchaseOrderAddRq /g) ?? []).length === 3)).toHaveLength(1);
    for (const doc of [first, last]) {
      expect(syncOf(await h.document(doc.id), h.connectionId)?.status, doc.number).toBe('sent');
      expect(qb.purchaseOrders(doc.number), doc.number).toHaveLength(1);
    }
    const failed = syncOf(await h.document(bad.id), h.connectionId);
    expect(failed?.status).toBe('failed');
    expect(failed?.lastMessage).toContain(
      'QuickBooks answered PO-1042 with a record Ledgerbridge cannot read: PurchaseOrderRet PO-1042 (no TxnID).',
    );
    const job = h.db
      .prepare<[string], { status: string; attempts: number }>(
        `SELECT status, attempts FROM outbox_jobs WHERE entity_id = ?`,
      )
      .get(bad.id);
    expect(job).toEqual({ status: 'failed', attempts: 1 });
    expect(run.summary.documentsSent).toBe(2);
    expect(run.summary.documentsFailed).toBe(1);

    // The next session has nothing to do with it and does not fail.
    const next = runSession(h, broken);
    expect(next.lastError).toBe('');
    expect(next.percents.every((p) => p >= 0)).toBe(true);
    expect(next.messages.some((m) => m.includes('PO-1042'))).toBe(false);
    expect(broken.hits).toBe(1);

    // Sent again by the bookkeeper (QuickBooks answering in full now): found by its ExternalGUID and linked,
    // not added a second time.
    broken.active = false;
    await h.core.call('documents.send', { id: bad.id, connectionId: h.connectionId });
    const again = runSession(h, broken);
    expect(again.lastError).toBe('');
    expect(again.messages.some((m) => m.includes('<PurchaseOrderAddRq'))).toBe(false);
    expect(qb.purchaseOrders('PO-1042')).toHaveLength(1);
    expect(syncOf(await h.document(bad.id), h.connectionId)?.status).toBe('sent');
  });

  it('in a list page is skipped with a log entry; the import completes and is not read again', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addVendor('Acme Supplies');
    qb.sim.addVendor('Nameless Vendor');
    qb.sim.addVendor('Zeta Tools');
    const acme = await h.supplier('Acme Supplies');
    const zeta = await h.supplier('Zeta Tools');
    const broken = leavingOut(qb, 'VendorRet', '<Name>Nameless Vendor</Name>', 'ListID');

    const run = runSession(h, broken);
    expect(broken.hits).toBe(1);
    expect(run.lastError).toBe('');
    expect(run.percents.at(-1)).toBe(100);
    const linked = h.db
      .prepare<[string], { entity_id: string }>(
        `SELECT entity_id FROM external_links WHERE connection_id = ? AND entity_type = 'supplier' ORDER BY entity_id`,
      )
      .all(h.connectionId)
      .map((r) => r.entity_id);
    expect(linked.sort()).toEqual([acme, zeta].sort());
    const skipped = listLog(h.db, { connectionId: h.connectionId, limit: 100 }).items.filter(
      (e) => e.action === 'import_lists' && e.result === 'failure',
    );
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.message).toContain('Skipped 1 record of the vendors list');
    expect(skipped[0]?.message).toContain('VendorRet Nameless Vendor (no ListID)');
    const state = h.db
      .prepare<[string], { lists_requested: number; lists_json: string }>(
        'SELECT lists_requested, lists_json FROM qbd_state WHERE connection_id = ?',
      )
      .get(h.connectionId);
    expect(state?.lists_requested).toBe(0);
    expect(JSON.parse(state?.lists_json ?? '{}').vendors.done).toBe(true);

    const next = runSession(h, broken);
    expect(next.lastError).toBe('');
    expect(next.messages.some((m) => m.includes('<VendorQueryRq'))).toBe(false);
    expect(broken.hits).toBe(1);
  });
});
