// End-to-end: QuickBooks Online suppliers as a bookkeeper meets them, in Debian's Chromium against the headless
// server and the simulator. With 'Create missing records' off, two bills wait on their suppliers: one QuickBooks
// knows under a longer name, one it does not know. On Connections → Lists, Needs pairing says no vendors are
// mirrored yet and imports them; the bookkeeper picks the vendor by typing and pairs (the other row has the vendors
// too, without a second import), then creates the other supplier in QuickBooks from there. Both bills go on by
// themselves, each with its VendorRef. And a vendor's default expense category (PrefillAccountRef) comes in with
// the supplier import from the connection's card: the supplier page shows it by name, and a new bill's lines start
// with it. Screenshots go to test-results/e2e/suppliers-qbo/.
import { describe, expect, it } from 'vitest';
import { qboOracleAvailable } from '../simulators/quickbooks-online/oracle';
import { approvedBill, lastMessage, openDocument, pairingOf, pairWithVendor } from './pairing-steps';
import { connectQuickBooksOnline, qboE2e } from './quickbooks-online-connect';
import { e2eSuite, openConnections } from './suite';
import { expectText, pick, poll, submitAndApprove } from './support';

const qboSuite = e2eSuite('suppliers-qbo', 'QuickBooks Online suppliers paired, created and defaulted', {
  dir: '../shared/oracles/qbo/',
  available: qboOracleAvailable,
});

type Rec = Record<string, unknown>;

describe.skipIf(!qboSuite.runs)('QuickBooks Online suppliers (headless server, simulator)', () => {
  const qbo = qboE2e(qboSuite);
  const { shot } = qboSuite;

  it('a waiting bill: vendors imported from Needs pairing, one picked by typing, the bill goes; another supplier is created there', async () => {
    const { api } = qbo.e2e;
    const { sim } = qbo;
    const realm = sim.createRealm({
      companyName: 'Harbourside Plumbing',
      country: 'US',
      homeCurrency: 'USD',
    });
    sim.consentRealm = realm.id;
    const vendor = sim.seed(realm, 'Vendor', { DisplayName: 'Harbour Plumbing Supplies Inc' });
    sim.seed(realm, 'Vendor', { DisplayName: 'Harbour Paints Ltd' });
    sim.seed(realm, 'Vendor', { DisplayName: 'Beacon Electric' });
    sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense', Classification: 'Expense' });
    const company = await api<{ id: string }>('companies.create', {
      name: 'Harbourside Plumbing',
      baseCurrency: 'USD',
    });
    const connectionId = await connectQuickBooksOnline(qbo.e2e, sim, company.id, realm.id, {
      createMissing: false,
    });
    await api('lists.import', { connectionId, kinds: ['account'] });
    const materials = (
      await api<{ id: string; name: string }[]>('lists.list', { companyId: company.id, kind: 'account' })
    ).find((a) => a.name === 'Job Materials')!.id;
    // Ours as the bookkeeper keeps them: one QuickBooks knows under a longer name, one it does not know at all.
    const harbour = await api<{ id: string }>('suppliers.create', {
      companyId: company.id,
      name: 'Harbour Plumbing',
    });
    const totara = await api<{ id: string }>('suppliers.create', {
      companyId: company.id,
      name: 'Totara Tiles',
    });
    const hp = await approvedBill(qbo.e2e, company.id, harbour.id, 'HP-3301', materials);
    const tt = await approvedBill(qbo.e2e, company.id, totara.id, 'TT-88', materials);
    await poll(() => lastMessage(qbo.e2e, hp)).toContain(
      "Supplier 'Harbour Plumbing' has no counterpart in QuickBooks Online",
    );
    await poll(() => lastMessage(qbo.e2e, tt)).toContain(
      "Supplier 'Totara Tiles' has no counterpart in QuickBooks Online",
    );

    const page = await openConnections(qbo.e2e, company.id);
    try {
      // The bill says why it waits and where to go.
      await openDocument(page, 'HP-3301');
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Waiting');
      await expectText(page.getByTestId('sync-status'), /Pair it in Connections → Lists/);
      await shot(page, '01-bill-waits-for-supplier');

      await page.getByTestId('nav-connections').click();
      await page.getByTestId('connections-tab-lists').click();
      const row = pairingOf(page, 'Harbour Plumbing');
      await row.waitFor();
      await expectText(row.getByTestId('pairing-document'), 'Supplier invoice HP-3301 from Harbour Plumbing');
      await expectText(
        row.getByTestId('pairing-no-vendors'),
        /No QuickBooks Online vendors are mirrored here yet/,
      );
      await shot(page, '02-needs-pairing-no-vendors');
      await row.getByTestId('pairing-import-vendors').click();
      await expectText(page.getByTestId('needs-pairing-done'), /Imported the supplier list/);
      // The other waiting supplier's row has the vendors too, without importing them again.
      await pairingOf(page, 'Totara Tiles').getByRole('combobox').waitFor();
      expect(await page.getByTestId('pairing-no-vendors').count()).toBe(0);

      await pairWithVendor(page, 'Harbour Plumbing', 'plumb', 'Harbour Plumbing Supplies Inc', () =>
        shot(page, '03-vendor-picker-typed'),
      );
      await expectText(
        page.getByTestId('needs-pairing-done'),
        "Supplier 'Harbour Plumbing' is paired with the vendor 'Harbour Plumbing Supplies Inc' in QuickBooks Online; 1 document waiting on it went on. The supplier 'Harbour Plumbing Supplies Inc' here, which has no documents, is no longer paired with it.",
      );
      await poll(() => pairingOf(page, 'Harbour Plumbing').count()).toBe(0);
      await shot(page, '04-supplier-paired');

      // Totara Tiles is not in QuickBooks at all: created there from here.
      await pairingOf(page, 'Totara Tiles').getByTestId('pairing-create').click();
      await expectText(
        page.getByTestId('needs-pairing-done'),
        "Supplier 'Totara Tiles' was created in QuickBooks Online; 1 document waiting on it went on.",
      );
      await poll(() => page.getByTestId('pairing').count()).toBe(0);
      await shot(page, '05-supplier-created');

      // Both bills went on by themselves, each to its vendor.
      await openDocument(page, 'HP-3301');
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      await shot(page, '06-bill-sent');
      const bills = () => sim.records(realm, 'Bill');
      await poll(() => bills().length).toBe(2);
      const created = sim.records(realm, 'Vendor').find((v) => v.DisplayName === 'Totara Tiles');
      expect(created).toBeDefined();
      expect(bills().find((b) => b.DocNumber === 'HP-3301')!.VendorRef).toMatchObject({ value: vendor.Id });
      expect(bills().find((b) => b.DocNumber === 'TT-88')!.VendorRef).toMatchObject({ value: created!.Id });
      // Nothing else was made in QuickBooks: no second Harbour vendor.
      expect(sim.records(realm, 'Vendor')).toHaveLength(4);
    } finally {
      await page.context().close();
    }
  }, 180_000);

  it("a vendor's default expense category comes in with the supplier import; new lines start with it", async () => {
    const { api } = qbo.e2e;
    const { sim } = qbo;
    const realm = sim.createRealm({ companyName: 'Kowhai Heating', country: 'US', homeCurrency: 'USD' });
    sim.consentRealm = realm.id;
    const expense = { AccountType: 'Expense', Classification: 'Expense' };
    const utilities = sim.seed(realm, 'Account', { Name: 'Utilities', ...expense });
    const gas = sim.seed(realm, 'Account', {
      Name: 'Gas and heating',
      FullyQualifiedName: 'Utilities:Gas and heating',
      SubAccount: true,
      ParentRef: { value: utilities.Id },
      ...expense,
    });
    sim.seed(realm, 'Account', { Name: 'Job Materials', ...expense });
    sim.seed(realm, 'Vendor', { DisplayName: 'Southern Gas Co', PrefillAccountRef: { value: gas.Id } });
    sim.seed(realm, 'Vendor', { DisplayName: 'Beacon Electric' });
    const company = await api<{ id: string }>('companies.create', {
      name: 'Kowhai Heating',
      baseCurrency: 'USD',
    });
    const connectionId = await connectQuickBooksOnline(qbo.e2e, sim, company.id, realm.id);
    await api('lists.import', { connectionId, kinds: ['account'] });

    const page = await openConnections(qbo.e2e, company.id);
    try {
      // The supplier list, imported from the connection's card.
      const card = page.locator('[data-testid="connection"][data-system="quickbooks_online"]');
      await card.getByTestId('supplier-import-start').click();
      await expectText(card.getByTestId('supplier-import-result'), /^Imported the supplier list .*: 2 new/);

      // The supplier page shows the default QuickBooks gave the vendor, by its full name.
      await page.getByTestId('nav-suppliers').click();
      await page.locator('[data-testid="supplier-link"]', { hasText: 'Southern Gas Co' }).click();
      await page.getByTestId('supplier-defaults').waitFor();
      await expectText(
        page.getByTestId('supplier-defaults-imported'),
        /^Taken from .*'s own defaults for this supplier\./,
      );
      const account = page.getByRole('combobox', { name: 'Default account', exact: true });
      await poll(() => account.inputValue()).toBe('Utilities:Gas and heating');
      await page.getByTestId('supplier-defaults').scrollIntoViewIfNeeded();
      await shot(page, '07-supplier-default-from-quickbooks');

      // A new bill from that supplier: its lines start with that account.
      await page.getByTestId('nav-documents').click();
      await page.evaluate(() => (window.location.hash = '#/documents/new'));
      await page.getByTestId('document-editor').waitFor();
      await page.getByTestId('doc-type').selectOption('invoice');
      await page.getByTestId('doc-supplier-invoice-number').fill('SG-2026-11');
      const chooser = page.getByTestId('doc-supplier');
      await chooser.locator('option', { hasText: 'Southern Gas Co' }).waitFor({ state: 'attached' });
      await chooser.selectOption({ label: 'Southern Gas Co' });
      const value = (name: string) => page.getByRole('combobox', { name, exact: true }).inputValue();
      await poll(() => value('Account for line 1')).toBe('Utilities:Gas and heating');
      const line1 = page.getByTestId('line-row').nth(0);
      await line1.getByTestId('line-description').fill('Gas, November');
      await line1.getByTestId('line-unit-price').fill('212.40');
      await page.getByTestId('add-line').click();
      await poll(() => value('Account for line 2')).toBe('Utilities:Gas and heating');
      // One line changed by hand: the default is where a line starts, not what it must keep.
      await pick(page, 'Account for line 2', 'materials', 'Job Materials');
      const line2 = page.getByTestId('line-row').nth(1);
      await line2.getByTestId('line-description').fill('Meter bracket');
      await line2.getByTestId('line-unit-price').fill('18.00');
      await shot(page, '08-new-lines-start-with-default');
      await page.getByTestId('save-document').click();
      await page.getByTestId('document-view').waitFor();
      await submitAndApprove(page);
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      await shot(page, '09-bill-sent');

      const [bill] = sim.records(realm, 'Bill');
      const refs = (bill!.Line as Rec[]).map(
        (l) => ((l.AccountBasedExpenseLineDetail as Rec).AccountRef as Rec).value,
      );
      const materials = sim.records(realm, 'Account').find((a) => a.Name === 'Job Materials')!;
      expect(refs).toEqual([gas.Id, materials.Id]);
    } finally {
      await page.context().close();
    }
  }, 180_000);
});
