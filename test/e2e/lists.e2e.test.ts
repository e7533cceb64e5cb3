// End-to-end: the Lists page of a QuickBooks Online connection, as a bookkeeper uses it, in Debian's Chromium
// against the headless server and the QuickBooks Online simulator. From the connection's card to Connections →
// Lists; the accounts imported with Import new (count, entries by full name, search); an account renamed in
// QuickBooks and brought in with Update existing; an account hidden, and gone from a line's Account picker in the
// document editor; and a purchase order waiting on an account QuickBooks does not have ('Create missing records'
// off) paired by hand on the page, after which it goes to QuickBooks by itself. Then a chart of 2,600 accounts whose
// second page fails once: the row says where the import stopped, and Resume reads the rest with progress, every
// account once. Screenshots go to test-results/e2e/lists/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { qboOracleAvailable } from '../simulators/quickbooks-online/oracle';
import { expectText, poll } from './support';
import { connectQuickBooksOnline, qboE2e } from './quickbooks-online-connect';
import { e2eSuite, openConnections } from './suite';

const suite = e2eSuite('lists', 'Lists page', {
  dir: '../shared/oracles/qbo/',
  available: qboOracleAvailable,
});
const { shot } = suite;

type Rec = Record<string, unknown>;

async function entryNames(page: Page): Promise<string[]> {
  return page.getByTestId('list-entry-name').allTextContents();
}

describe.skipIf(!suite.runs)(
  'The Lists page of a QuickBooks Online connection (headless server, simulator)',
  () => {
    const qbo = qboE2e(suite);
    const { sim } = qbo;

    it('imports, updates, hides and pairs, and the waiting purchase order goes to QuickBooks', async () => {
      const { api } = qbo.e2e;
      const realm = sim.createRealm({ companyName: 'Harbour Plumbing', country: 'US', homeCurrency: 'USD' });
      sim.consentRealm = realm.id;
      const expense = { AccountType: 'Expense', Classification: 'Expense' };
      const utilities = sim.seed(realm, 'Account', { Name: 'Utilities', ...expense });
      const gas = sim.seed(realm, 'Account', {
        Name: 'Gas',
        FullyQualifiedName: 'Utilities:Gas',
        SubAccount: true,
        ParentRef: { value: utilities.Id },
        ...expense,
      });
      sim.seed(realm, 'Account', { Name: 'Fuel', ...expense });
      sim.seed(realm, 'Vendor', { DisplayName: 'Acme Supplies' });

      const company = await api<{ id: string }>('companies.create', {
        name: 'Harbour Plumbing',
        baseCurrency: 'USD',
      });
      // Nothing missing is created in QuickBooks: a reference without a counterpart waits to be paired.
      await connectQuickBooksOnline(qbo.e2e, sim, company.id, realm.id, {
        createMissing: false,
        documentsToSend: ['purchase_order'],
      });
      const supplier = await api<{ id: string }>('suppliers.create', {
        companyId: company.id,
        name: 'Acme Supplies',
      });

      // From the connection's card to its Lists page.
      const page = await openConnections(qbo.e2e, company.id);
      await page.getByTestId('connection-lists').click();
      await page.getByTestId('lists-connection').waitFor();
      await page.getByTestId('lists-empty').waitFor();
      await poll(() => page.getByTestId('connections-tab-lists').getAttribute('aria-current')).toBe('page');
      await shot(page, '01-lists-nothing-imported');

      // Before any import, one row per list QuickBooks has, none read yet; a list it lacks (Xero's tracking, or
      // departments, which QuickBooks calls locations) is not offered, and nothing else is.
      const rows = page.getByTestId('list-row');
      await poll(async () =>
        (await rows.evaluateAll((r) => r.map((e) => e.getAttribute('data-kind')))).sort(),
      ).toEqual([
        'account',
        'class',
        'customer',
        'item',
        'location',
        'tax_agency',
        'tax_code',
        'tax_rate',
        'term',
      ]);
      await expectText(rows.first().getByTestId('list-last-import'), 'Not imported yet');
      expect(await rows.first().getByTestId('list-update-existing').count()).toBe(0);
      expect(await page.getByTestId('list-another').count()).toBe(0);

      // Import new on the accounts: the count is what QuickBooks has, the entries by full name.
      const accounts = page.locator('[data-testid="list-row"][data-kind="account"]');
      await expectText(accounts.getByTestId('list-count'), '0');
      await accounts.getByTestId('list-import-new').click();
      const inQuickBooks = sim.records(realm, 'Account').length;
      await expectText(accounts.getByTestId('list-count'), String(inQuickBooks));
      await expectText(
        accounts.getByTestId('list-last-import'),
        new RegExp(`^Import new, .*: ${inQuickBooks} added`),
      );
      await accounts.getByTestId('list-open').click();
      await page.getByTestId('list-entries').waitFor();
      await poll(() => entryNames(page)).toContain('Utilities:Gas');
      await page.getByTestId('list-entries-search').fill('gas');
      await poll(() => entryNames(page)).toEqual(['Utilities:Gas']);
      await shot(page, '02-accounts-imported-searched');

      // Renamed in QuickBooks; Update existing brings the new name in.
      sim.edit(realm, 'Account', String(gas.Id), {
        Name: 'Gas and heating',
        FullyQualifiedName: 'Utilities:Gas and heating',
      });
      await accounts.getByTestId('list-update-existing').click();
      await expectText(accounts.getByTestId('list-notice'), /^1 account updated from /);
      await expectText(accounts.getByTestId('list-last-import'), /^Update existing, .*: 1 changed/);
      await page.getByTestId('list-entries-search').fill('heat');
      await poll(() => entryNames(page)).toEqual(['Utilities:Gas and heating']);
      await shot(page, '03-account-updated');
      // In a narrower window, every list's name stays on one line, aligned with the others ("Customers and jobs"
      // once wrapped, centred, and looked indented).
      await page.setViewportSize({ width: 1024, height: 860 });
      const names = await page.getByTestId('list-open').all();
      const boxes = await Promise.all(names.map((n) => n.boundingBox()));
      expect(new Set(boxes.map((b) => Math.round(b!.x))).size).toBe(1);
      expect(new Set(boxes.map((b) => Math.round(b!.height))).size).toBe(1);
      await shot(page, '03-narrow-window-names-aligned');
      await page.setViewportSize({ width: 1280, height: 860 });

      // Hidden from the pickers: greyed, marked, with Unhide.
      await page.getByTestId('list-entries-search').fill('fuel');
      await poll(() => entryNames(page)).toEqual(['Fuel']);
      await page.getByTestId('list-entry-hide').click();
      const fuel = page.getByTestId('list-entry').first();
      await poll(() => fuel.getAttribute('data-hidden')).toBe('true');
      await expectText(fuel.getByTestId('list-entry-hidden'), 'Hidden');
      await fuel.getByTestId('list-entry-unhide').waitFor();
      await expectText(accounts.getByTestId('list-count-detail'), '1 hidden');
      await shot(page, '04-account-hidden');

      // The document editor's Account picker no longer offers it; the others are offered as before.
      await page.evaluate(() => (window.location.hash = '#/documents/new'));
      await page.getByTestId('document-editor').waitFor();
      const supplierSelect = page.getByTestId('doc-supplier');
      await supplierSelect.locator('option', { hasText: 'Acme Supplies' }).waitFor({ state: 'attached' });
      await supplierSelect.selectOption({ label: 'Acme Supplies' });
      const account1 = page.getByRole('combobox', { name: 'Account for line 1', exact: true });
      await account1.click();
      await account1.fill('fuel');
      const listbox = page.getByRole('listbox', { name: 'Account for line 1' });
      await listbox.waitFor();
      await expectText(listbox, 'Nothing matches');
      await shot(page, '05-hidden-account-not-offered');
      await account1.fill('heat');
      await poll(() => listbox.getByRole('option').allTextContents()).toEqual(['Utilities:Gas and heating']);
      await account1.press('Escape');

      // A purchase order coded to an account made here, which QuickBooks does not have: it waits to be paired.
      const surcharge = await api<{ id: string }>('lists.create', {
        companyId: company.id,
        kind: 'account',
        name: 'Diesel surcharge',
      });
      const order = await api<{ id: string }>('documents.create', {
        companyId: company.id,
        type: 'purchase_order',
        number: 'PO-801',
        supplierId: supplier.id,
        date: '2026-11-03',
        lines: [
          { description: 'Diesel for the van', quantity: '1', unitPrice: '94.00', accountId: surcharge.id },
        ],
      });
      await api('documents.submit', { id: order.id });
      // Sent on approval, as the connection's settings say: it waits, the account having no counterpart.
      await api('documents.approve', { id: order.id });
      await poll(
        async () =>
          (
            await api<{ sync: { status: string; lastMessage: string | null }[] }>('documents.get', {
              id: order.id,
            })
          ).sync[0]?.lastMessage ?? '',
      ).toContain('Pair it in Connections → Lists');

      await page.evaluate(() => (window.location.hash = '#/connections/lists'));
      const pairing = page.locator('[data-testid="pairing"][data-name="Diesel surcharge"]');
      await pairing.waitFor();
      await expectText(pairing.getByTestId('pairing-name'), 'Account ‘Diesel surcharge’');
      await expectText(
        pairing.getByTestId('pairing-document'),
        /^Purchase order PO-801 from Acme Supplies$/i,
      );
      await shot(page, '06-needs-pairing');

      const picker = page.getByRole('combobox', { name: 'Pair account Diesel surcharge with', exact: true });
      await picker.click();
      await picker.fill('fuel');
      const offered = page.getByRole('listbox', { name: 'Pair account Diesel surcharge with' });
      await expectText(offered, /^No such entry/); // hidden: not offered here either
      await picker.fill('heat');
      await poll(() => offered.getByRole('option').allTextContents()).toEqual(['Utilities:Gas and heating']);
      await picker.press('Enter');
      await poll(() => picker.inputValue()).toBe('Utilities:Gas and heating');
      await pairing.getByTestId('pairing-pair').click();
      await expectText(
        page.getByTestId('needs-pairing-done'),
        /^Account 'Diesel surcharge' is paired with 'Utilities:Gas and heating'/,
      );
      await shot(page, '07-paired');

      // The purchase order went on by itself.
      await page.evaluate((id) => (window.location.hash = `#/documents/${id}`), order.id);
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      // The line says what it goes to in QuickBooks: the account it was paired with, ours beside it.
      await poll(() => page.getByTestId('line-coded').allTextContents()).toEqual([
        'Account: Utilities:Gas and heating (ours: Diesel surcharge)',
      ]);
      await shot(page, '08-document-sent');
      const orders = sim.records(realm, 'PurchaseOrder');
      expect(orders).toHaveLength(1);
      const line = (orders[0]!.Line as Rec[])[0]!;
      expect((line.AccountBasedExpenseLineDetail as Rec).AccountRef).toMatchObject({ value: gas.Id });
    }, 240_000);

    it('shows an import of accounts that stopped, and resumes it at the page it stopped at', async () => {
      const { api } = qbo.e2e;
      const realm = sim.createRealm({ companyName: 'Lakeside Builders', country: 'US', homeCurrency: 'USD' });
      sim.consentRealm = realm.id;
      const expense = { AccountType: 'Expense', Classification: 'Expense' };
      for (let i = 0; i < 2600; i++) {
        sim.seed(realm, 'Account', { Name: `Job cost ${String(i).padStart(4, '0')}`, ...expense });
      }
      const inQuickBooks = sim.records(realm, 'Account').length;
      const about = inQuickBooks.toLocaleString('en-US');
      const company = await api<{ id: string }>('companies.create', {
        name: 'Lakeside Builders',
        baseCurrency: 'USD',
      });
      await connectQuickBooksOnline(qbo.e2e, sim, company.id, realm.id);

      const page = await openConnections(qbo.e2e, company.id);
      await page.getByTestId('connection-lists').click();
      const accounts = page.locator('[data-testid="list-row"][data-kind="account"]');
      await accounts.waitFor();

      // The second page of 1,000 fails once: the first is kept, and the row says where the import stopped.
      sim.injectFault('query', { kind: 'server_error' }, { bodyIncludes: 'STARTPOSITION 1001' });
      await accounts.getByTestId('list-import-new').click();
      const stopped = accounts.getByTestId('list-stopped');
      await expectText(
        stopped.getByTestId('list-stopped-text'),
        `Stopped after 1,000 of about ${about} accounts`,
      );
      await expectText(stopped.getByTestId('list-stopped-detail'), /^Import new, /);
      await expectText(accounts.getByTestId('list-count'), '1,000');
      await expectText(
        page.getByTestId('error-banner'),
        /did not give page 2 of its accounts.*stopped after page 1 \(1,000 of about .* accounts read\).*Choose Resume in Connections → Lists/,
      );
      await shot(page, '09-import-stopped');

      // Resume, with slow answers so that the progress is there to see.
      sim.latencyMs = 700;
      await page.getByTestId('error-banner-dismiss').click();
      await stopped.getByTestId('list-resume').click();
      const progress = accounts.getByTestId('list-progress');
      await expectText(
        progress.getByTestId('list-progress-text'),
        new RegExp(`^(Resuming: 1,000|Reading accounts from .*: 2,000) of about ${about} accounts`),
      );
      expect(await progress.locator('progress').getAttribute('max')).toBe(String(inQuickBooks));
      await shot(page, '10-resuming');
      await expectText(accounts.getByTestId('list-count'), about);
      sim.latencyMs = 0;
      await expectText(
        accounts.getByTestId('list-notice'),
        new RegExp(`^${about} new accounts imported from `),
      );
      await expectText(
        accounts.getByTestId('list-last-import'),
        new RegExp(`^Import new, .*: ${about} added of ${about} read$`),
      );
      expect(await accounts.getByTestId('list-stopped').count()).toBe(0);
      await shot(page, '11-resumed');

      // Every account once.
      const connectionId = (await api<{ id: string }[]>('connections.list', { companyId: company.id }))[0]!
        .id;
      const entries = await api<{ total: number }>('lists.entries', {
        connectionId,
        kind: 'account',
        limit: 1,
      });
      expect(entries.total).toBe(inQuickBooks);
      await page.context().close();
    }, 240_000);
  },
);
