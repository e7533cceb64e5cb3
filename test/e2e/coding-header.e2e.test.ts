// End-to-end: what the document editor offers a QuickBooks Online company, as its Preferences say, in Debian's
// Chromium against the headless server and the QuickBooks Online simulator. A company that tracks one class per
// transaction and locations: the class and the location are chosen on the document's header by typing, and no line
// has a class picker; a supplier's default item and location (set on its page) start the order; on a line an item
// and an account are one or the other (an account chosen with the arrow keys and Enter clears the item, the item
// chosen again clears the account, and the description already typed stays); QuickBooks receives the class and the
// location on the order (ClassRef, DepartmentRef), an item line and an account line. A company with class and
// location tracking off: no class or location picker at all, though both lists are mirrored; a service order's lines
// take accounts only, the editor says so, and QuickBooks receives account lines. Screenshots go to
// test-results/e2e/coding-header/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { QboSimulator, Realm } from '../simulators/quickbooks-online/simulator';
import { qboOracleAvailable } from '../simulators/quickbooks-online/oracle';
import { expectText, poll, submitAndApprove, pick } from './support';
import { connectQuickBooksOnline, qboE2e } from './quickbooks-online-connect';
import { e2eSuite, openConnections } from './suite';

const suite = e2eSuite('coding-header', 'document header coding for QuickBooks Online', {
  dir: '../shared/oracles/qbo/',
  available: qboOracleAvailable,
});
const { shot } = suite;

type Rec = Record<string, unknown>;

const pickers = (page: Page, name: string) => page.getByRole('combobox', { name, exact: true }).count();

/** A chart of accounts, an item with a purchase cost, two classes, two locations (departments) and a customer. */
function seedLists(sim: QboSimulator, realm: Realm) {
  const expense = { AccountType: 'Expense', Classification: 'Expense' };
  const utilities = sim.seed(realm, 'Account', { Name: 'Utilities', ...expense });
  sim.seed(realm, 'Account', {
    Name: 'Electric',
    FullyQualifiedName: 'Utilities:Electric',
    SubAccount: true,
    ParentRef: { value: utilities.Id },
    ...expense,
  });
  const gas = sim.seed(realm, 'Account', {
    Name: 'Gas',
    FullyQualifiedName: 'Utilities:Gas',
    SubAccount: true,
    ParentRef: { value: utilities.Id },
    ...expense,
  });
  const materials = sim.seed(realm, 'Account', {
    Name: 'Job Materials',
    AccountType: 'Cost of Goods Sold',
    Classification: 'Expense',
  });
  const pipe = sim.seed(realm, 'Item', {
    Name: 'Copper pipe 15 mm',
    FullyQualifiedName: 'Copper pipe 15 mm',
    Type: 'NonInventory',
    PurchaseCost: 12.4,
    ExpenseAccountRef: { value: materials.Id },
  });
  sim.seed(realm, 'Class', { Name: 'Commercial', FullyQualifiedName: 'Commercial' });
  const plumbing = sim.seed(realm, 'Class', { Name: 'Plumbing', FullyQualifiedName: 'Plumbing' });
  sim.seed(realm, 'Department', { Name: 'Downtown', FullyQualifiedName: 'Downtown' });
  const harbour = sim.seed(realm, 'Department', {
    Name: 'Harbour branch',
    FullyQualifiedName: 'Harbour branch',
  });
  sim.seed(realm, 'Customer', { DisplayName: 'Smith Co', FullyQualifiedName: 'Smith Co' });
  return { gas, pipe, plumbing, harbour };
}

describe.skipIf(!suite.runs)(
  'Header coding and what the editor offers a QuickBooks Online company (headless server, simulator)',
  () => {
    const qbo = qboE2e(suite);
    const { sim } = qbo;

    it('class per transaction and a location on the header; item or account on a line, never both; QuickBooks receives them', async () => {
      const { api } = qbo.e2e;
      const realm = sim.createRealm({
        companyName: 'Bayview Heating',
        country: 'US',
        homeCurrency: 'USD',
        classTracking: 'txn',
        trackDepartments: true,
      });
      sim.consentRealm = realm.id;
      const { gas, pipe, plumbing, harbour } = seedLists(sim, realm);
      const company = await api<{ id: string }>('companies.create', {
        name: 'Bayview Heating',
        baseCurrency: 'USD',
      });
      const connectionId = await connectQuickBooksOnline(qbo.e2e, sim, company.id, realm.id);
      await api('lists.import', { connectionId });
      const acme = await api<{ id: string }>('suppliers.create', {
        companyId: company.id,
        name: 'Acme Supplies',
      });

      // The supplier's defaults, set on its page: an item and a location (no class: classes go per transaction).
      const page = await openConnections(qbo.e2e, company.id);
      await page.evaluate((hash) => (window.location.hash = hash), `#/suppliers/${acme.id}`);
      await page.getByTestId('supplier-defaults').waitFor();
      await pick(page, 'Default item', 'copper', 'Copper pipe 15 mm');
      await pick(page, 'Default location', 'harb', 'Harbour branch');
      expect(await pickers(page, 'Default class')).toBe(0);
      await page.getByTestId('supplier-defaults-save').click();
      await expectText(page.getByTestId('supplier-defaults-note'), 'Defaults saved.');
      await page.getByTestId('supplier-defaults').scrollIntoViewIfNeeded();
      await shot(page, '01-supplier-default-item-and-location');

      // A new order from that supplier starts with them: the item (its name and purchase cost) and the location.
      await page.evaluate(() => (window.location.hash = '#/documents/new'));
      await page.getByTestId('document-editor').waitFor();
      const chooser = page.getByTestId('doc-supplier');
      await chooser.locator('option', { hasText: 'Acme Supplies' }).waitFor({ state: 'attached' });
      await chooser.selectOption({ label: 'Acme Supplies' });
      await page.getByTestId('doc-number').fill('PO-3101');
      const value = (name: string) => page.getByRole('combobox', { name, exact: true }).inputValue();
      await poll(() => value('Item for line 1')).toBe('Copper pipe 15 mm');
      await poll(() => value('Location')).toBe('Harbour branch');
      const line1 = page.getByTestId('line-row').nth(0);
      await poll(() => line1.getByTestId('line-description').inputValue()).toBe('Copper pipe 15 mm');
      await poll(() => line1.getByTestId('line-unit-price').inputValue()).toBe('12.4');
      // One class per transaction: a Class picker on the header, none on the lines.
      expect(await pickers(page, 'Class for line 1')).toBe(0);
      await pick(page, 'Class', 'plum', 'Plumbing');

      // An account chosen on the item's line, by the arrow keys and Enter: the item goes, the description stays.
      await line1.getByTestId('line-description').fill('Copper pipe for the boiler room');
      const account1 = page.getByRole('combobox', { name: 'Account for line 1', exact: true });
      await account1.click();
      await account1.fill('utilities');
      const offered = page.getByRole('listbox', { name: 'Account for line 1' }).getByRole('option');
      await poll(() => offered.allTextContents()).toEqual([
        'Utilities',
        'Utilities:Electric',
        'Utilities:Gas',
      ]);
      await account1.press('ArrowDown');
      await account1.press('ArrowDown');
      await poll(() => page.locator('[role="option"][aria-selected="true"]').textContent()).toBe(
        'Utilities:Gas',
      );
      await shot(page, '02-account-by-arrow-keys');
      await account1.press('Enter');
      await poll(() => value('Account for line 1')).toBe('Utilities:Gas');
      await poll(() => value('Item for line 1')).toBe('');
      expect(await line1.getByTestId('line-description').inputValue()).toBe(
        'Copper pipe for the boiler room',
      );
      // The item chosen again: the account goes; the description and price typed are not overwritten.
      await pick(page, 'Item for line 1', 'pipe', 'Copper pipe 15 mm');
      await poll(() => value('Account for line 1')).toBe('');
      expect(await line1.getByTestId('line-description').inputValue()).toBe(
        'Copper pipe for the boiler room',
      );
      await line1.getByTestId('line-quantity').fill('10');

      // Line 2 starts with the supplier's item too; an account chosen on it takes its place.
      await page.getByTestId('add-line').click();
      const line2 = page.getByTestId('line-row').nth(1);
      await poll(() => value('Item for line 2')).toBe('Copper pipe 15 mm');
      await pick(page, 'Account for line 2', 'gas', 'Utilities:Gas');
      await poll(() => value('Item for line 2')).toBe('');
      await line2.getByTestId('line-description').fill('Gas for the site heaters, November');
      await line2.getByTestId('line-unit-price').fill('86.20');
      await shot(page, '03-header-and-lines-coded');

      await page.getByTestId('save-document').click();
      await page.getByTestId('document-view').waitFor();
      await expectText(page.getByTestId('document-field-class'), 'Plumbing');
      await expectText(page.getByTestId('document-field-location'), 'Harbour branch');
      const coded = (row: number) =>
        page.getByTestId('line-row').nth(row).getByTestId('line-coded').allTextContents();
      await poll(() => coded(0)).toEqual(['Item: Copper pipe 15 mm']);
      await poll(() => coded(1)).toEqual(['Account: Utilities:Gas']);
      await shot(page, '04-document-shows-header-coding');

      await submitAndApprove(page);
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      await shot(page, '05-sent');
      const [order] = sim.records(realm, 'PurchaseOrder');
      expect(order!.ClassRef).toMatchObject({ value: plumbing.Id });
      expect(order!.DepartmentRef).toMatchObject({ value: harbour.Id });
      const lines = order!.Line as Rec[];
      expect(lines.map((l) => l.DetailType)).toEqual([
        'ItemBasedExpenseLineDetail',
        'AccountBasedExpenseLineDetail',
      ]);
      const itemLine = lines[0]!.ItemBasedExpenseLineDetail as Rec;
      expect(itemLine.ItemRef).toMatchObject({ value: pipe.Id });
      expect(itemLine.Qty).toBe(10);
      expect(itemLine.ClassRef).toBeUndefined();
      expect(lines[0]!.Description).toBe('Copper pipe for the boiler room');
      const accountLine = lines[1]!.AccountBasedExpenseLineDetail as Rec;
      expect(accountLine.AccountRef).toMatchObject({ value: gas.Id });
      expect(accountLine.ClassRef).toBeUndefined();
      expect(order!.TotalAmt).toBe(210.2);

      // A bill in this company: QuickBooks Online's Bill has no class on the document, so no Class picker, and
      // the editor says why and what to change in QuickBooks.
      await page.evaluate(() => (window.location.hash = '#/documents/new'));
      await page.getByTestId('document-editor').waitFor();
      await page.getByTestId('doc-type').selectOption('invoice');
      await expectText(
        page.getByTestId('coding-note'),
        /^This QuickBooks Online company tracks classes per transaction, and a bill takes no class on the document/,
      );
      expect(await pickers(page, 'Class')).toBe(0);
      expect(await pickers(page, 'Class for line 1')).toBe(0);
      await shot(page, '05b-bill-no-class-said');
      await page.context().close();
    }, 180_000);

    it('class and location tracking off: no class or location picker; a service order takes accounts only, and says so', async () => {
      const { api } = qbo.e2e;
      const realm = sim.createRealm({
        companyName: 'Northgate Services',
        country: 'US',
        homeCurrency: 'USD',
        classTracking: 'none',
        trackDepartments: false,
      });
      sim.consentRealm = realm.id;
      const { gas } = seedLists(sim, realm);
      const company = await api<{ id: string }>('companies.create', {
        name: 'Northgate Services',
        baseCurrency: 'USD',
      });
      const connectionId = await connectQuickBooksOnline(qbo.e2e, sim, company.id, realm.id, {
        documentsToSend: ['purchase_order', 'service_order'],
      });
      await api('lists.import', { connectionId });
      // The classes and locations are mirrored all the same: the pickers stay away because QuickBooks says so.
      const kinds = (await api<{ kind: string }[]>('lists.list', { companyId: company.id })).map(
        (e) => e.kind,
      );
      expect(kinds).toContain('class');
      expect(kinds).toContain('location');
      await api('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });

      const page = await openConnections(qbo.e2e, company.id);
      await page.evaluate(() => (window.location.hash = '#/documents/new'));
      await page.getByTestId('document-editor').waitFor();
      const chooser = page.getByTestId('doc-supplier');
      await chooser.locator('option', { hasText: 'Acme Supplies' }).waitFor({ state: 'attached' });
      await chooser.selectOption({ label: 'Acme Supplies' });
      await page.getByRole('combobox', { name: 'Item for line 1', exact: true }).waitFor();
      expect(await pickers(page, 'Account for line 1')).toBe(1);
      expect(await pickers(page, 'Customer or job for line 1')).toBe(1);
      expect(await pickers(page, 'Class for line 1')).toBe(0);
      expect(await pickers(page, 'Class')).toBe(0);
      expect(await pickers(page, 'Location')).toBe(0);
      expect(await page.getByTestId('coding-note').count()).toBe(0);
      await pick(page, 'Item for line 1', 'copper', 'Copper pipe 15 mm');
      await shot(page, '06-no-class-or-location');

      // A service order: the item chosen goes, the lines offer accounts only, and the editor says why.
      await page.getByTestId('doc-type').selectOption('service_order');
      await expectText(
        page.getByTestId('coding-note'),
        'Service orders go to QuickBooks Online with expense (category) lines: each line takes an account, not an item.',
      );
      await poll(() => pickers(page, 'Item for line 1')).toBe(0);
      const value = (name: string) => page.getByRole('combobox', { name, exact: true }).inputValue();
      expect(await value('Account for line 1')).toBe('');
      await page.getByTestId('doc-number').fill('SO-4402');
      const line1 = page.getByTestId('line-row').nth(0);
      await line1.getByTestId('line-description').fill('Boiler service, Harbour St');
      await line1.getByTestId('line-unit-price').fill('240');
      await pick(page, 'Account for line 1', 'ities:g', 'Utilities:Gas');
      await page.getByTestId('add-line').click();
      expect(await pickers(page, 'Item for line 2')).toBe(0);
      const line2 = page.getByTestId('line-row').nth(1);
      await line2.getByTestId('line-description').fill('Call-out fee');
      await line2.getByTestId('line-unit-price').fill('60');
      await pick(page, 'Account for line 2', 'gas', 'Utilities:Gas');
      await shot(page, '07-service-order-accounts-only');

      await page.getByTestId('save-document').click();
      await page.getByTestId('document-view').waitFor();
      const coded = (row: number) =>
        page.getByTestId('line-row').nth(row).getByTestId('line-coded').allTextContents();
      await poll(() => coded(0)).toEqual(['Account: Utilities:Gas']);
      await poll(() => coded(1)).toEqual(['Account: Utilities:Gas']);
      await submitAndApprove(page);
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      await shot(page, '08-service-order-sent');
      const [order] = sim.records(realm, 'PurchaseOrder');
      expect(order!.DocNumber).toBe('SO-4402');
      const lines = order!.Line as Rec[];
      expect(lines.map((l) => l.DetailType)).toEqual([
        'AccountBasedExpenseLineDetail',
        'AccountBasedExpenseLineDetail',
      ]);
      for (const line of lines) {
        expect((line.AccountBasedExpenseLineDetail as Rec).AccountRef).toMatchObject({ value: gas.Id });
      }
      expect(order!.ClassRef).toBeUndefined();
      expect(order!.DepartmentRef).toBeUndefined();
      await page.context().close();
    }, 180_000);
  },
);
