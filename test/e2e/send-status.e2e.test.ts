// End-to-end: where a send stands, as the bookkeeper sees it, against the QuickBooks Online simulator through the
// headless server in Debian's Chromium. An order whose supplier has no vendor in QuickBooks (and "Create missing
// records" off) waits: "Waiting" in the Documents list, found by the Sync filter, and on its page the message names
// the supplier and where to pair it, and says it goes on by itself; its log entry reads Waiting too. Then an order
// whose automatic send is on the wire shows Sending, with the Send button disabled in its sending state; a send
// that reaches the server all the same answers "Already sending", and QuickBooks receives the order once.
// Screenshots go to test-results/e2e/send-status/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { qboOracleAvailable } from '../simulators/quickbooks-online/oracle';
import { expectText, poll } from './support';
import { connectQuickBooksOnline, qboE2e } from './quickbooks-online-connect';
import { e2eSuite, openConnections } from './suite';

const suite = e2eSuite('send-status', 'send status', {
  dir: '../shared/oracles/qbo/',
  available: qboOracleAvailable,
});
const { shot } = suite;

describe.skipIf(!suite.runs)('Send status: waiting, and already sending (headless server, simulator)', () => {
  const qbo = qboE2e(suite);
  const { sim } = qbo;

  it('shows a send waiting for a pairing as Waiting, and no Send to click while a send is on its way', async () => {
    const { api } = qbo.e2e;
    const realm = sim.createRealm({ companyName: 'Lakeside Hardware', country: 'US', homeCurrency: 'USD' });
    sim.consentRealm = realm.id;
    sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense', Classification: 'Expense' });
    sim.seed(realm, 'Vendor', { DisplayName: 'Acme Supplies' });
    const company = await api<{ id: string }>('companies.create', {
      name: 'Lakeside Hardware',
      baseCurrency: 'USD',
    });
    const connectionId = await connectQuickBooksOnline(qbo.e2e, sim, company.id, realm.id, {
      createMissing: false,
    });
    await api('lists.import', { connectionId });
    const account = (
      await api<{ id: string; name: string }[]>('lists.list', { companyId: company.id, kind: 'account' })
    ).find((a) => a.name === 'Job Materials')!;
    const supplier = (name: string) =>
      api<{ id: string }>('suppliers.create', { companyId: company.id, name });
    const approvedOrder = async (number: string, supplierId: string) => {
      const order = await api<{ id: string }>('documents.create', {
        companyId: company.id,
        type: 'purchase_order',
        number,
        supplierId,
        date: '2026-11-20',
        lines: [{ description: 'Copper pipe', quantity: '2', unitPrice: '12.40', accountId: account.id }],
      });
      await api('documents.submit', { id: order.id });
      await api('documents.approve', { id: order.id });
      return order;
    };
    const statusOf = async (id: string) =>
      (await api<{ sync: { status: string }[] }>('documents.get', { id })).sync[0]?.status;

    // Harbour Plumbing has no vendor in QuickBooks and nothing is created there: the order waits.
    const waiting = await approvedOrder('PO-WAIT', (await supplier('Harbour Plumbing')).id);
    await poll(() => statusOf(waiting.id)).toBe('waiting');

    const page = await openConnections(qbo.e2e, company.id);
    await page.getByTestId('nav-documents').click();
    await page.getByTestId('documents-page').waitFor();
    const row = (number: string) => page.getByTestId('document-row').filter({ hasText: number });
    await expectText(row('PO-WAIT').getByTestId('document-row-sync'), 'Waiting');
    await page.getByTestId('filter-sync-status').selectOption('waiting');
    await poll(() => page.getByTestId('documents-total').getAttribute('data-total')).toBe('1');
    await expectText(page.getByTestId('document-row-number'), 'PO-WAIT');
    await shot(page, '01-list-filtered-waiting');
    await page.getByTestId('filter-sync-status').selectOption('failed');
    await poll(() => page.getByTestId('documents-total').getAttribute('data-total')).toBe('0');

    await openDocument(page, waiting.id);
    const sync = page.getByTestId('sync-status');
    await expectText(sync.getByTestId('sync-status-badge'), 'Waiting');
    await expectText(
      sync.getByTestId('sync-message'),
      /^Supplier 'Harbour Plumbing' has no counterpart in QuickBooks Online\. Pair it in Connections → Lists/,
    );
    await expectText(sync.getByTestId('sync-waiting-hint'), /goes on by itself once that is done/);
    // Its log entry reads the same: Waiting, not Failure.
    const entry = page.getByTestId('log-entry').filter({ hasText: "Supplier 'Harbour Plumbing'" });
    await expectText(entry.getByTestId('log-result'), 'Waiting');
    expect(await page.locator('[data-testid="log-entry"][data-result="failure"]').count()).toBe(0);
    await shot(page, '02-document-waiting');

    // Acme Supplies is in QuickBooks: the order goes on approval, and its create is held on the wire while the
    // bookkeeper chooses Send on its page.
    const held = sim.hold('/v3/company/', { method: 'POST', bodyIncludes: 'PO-ONCE' });
    const once = await approvedOrder('PO-ONCE', (await supplier('Acme Supplies')).id);
    await held.reached;
    await openDocument(page, once.id);
    await expectText(sync.getByTestId('sync-status-badge'), 'Sending');
    // While it is on its way, the page shows it sending: no Send button to click, only its disabled state.
    const send = page.getByTestId('action-send');
    await expectText(send, /^Sending to .+…$/);
    expect(await send.isDisabled()).toBe(true);
    expect(await send.getAttribute('title')).toMatch(/^Already sending: this version is on its way now\./);
    await shot(page, '03-already-sending');
    // A Send that reaches the server all the same (a page opened before the send began) queues nothing more.
    const again = await api<{ sendResult: { outcome: string; message: string } }>('documents.send', {
      id: once.id,
    });
    expect(again.sendResult).toMatchObject({
      outcome: 'already_sending',
      message: expect.stringMatching(/^Already sending to .+: this version is on its way now/),
    });
    held.release();
    await expectText(sync.getByTestId('sync-status-badge'), 'Sent');
    await expectText(send, /^Send again to /);
    expect(await send.isDisabled()).toBe(false);
    expect(sim.records(realm, 'PurchaseOrder').filter((o) => o.DocNumber === 'PO-ONCE')).toHaveLength(1);
    expect(sim.stats.byContent['update PurchaseOrder'] ?? 0).toBe(0);
  });
});

async function openDocument(page: Page, id: string): Promise<void> {
  await page.evaluate((hash) => (window.location.hash = hash), `#/documents/${id}`);
  await page.getByTestId('document-view').waitFor();
}
