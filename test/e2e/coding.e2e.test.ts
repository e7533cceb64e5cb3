// End-to-end: coding a document's lines to the books, as a bookkeeper does it, in Debian's Chromium against the
// headless server and the QuickBooks Online simulator. The company's lists are imported from QuickBooks (a chart
// of accounts with a sub-account and hundreds of others, an item with a purchase cost, classes, a customer with a
// job); in the editor the bookkeeper types into the pickers: line 1 to an item (its purchase cost fills the price),
// line 2 to an account by part of its full name, a class and a job. The order is saved, shows what each line is
// coded to, is approved and sent; QuickBooks received an ItemBasedExpenseLineDetail with that ItemRef and an
// AccountBasedExpenseLineDetail with that AccountRef, ClassRef and CustomerRef. A revision changes line 2's
// account, and the update carries it. Then Xero: a bill whose lines take a tracking option of each of the
// organisation's two tracking categories (each picker named after its category) and a tax rate; Xero received the
// TrackingCategory options and the TaxType on those lines; a receipt there has no Send button, and its page says
// that Xero has no receipts. And QuickBooks Desktop: a purchase order whose line 1 is coded to an item and a
// Customer:Job, line 2 to a Customer:Location:Job, goes through the Web Connector as qbXML that the simulator
// checks against Intuit's XSD, carrying them. Screenshots go to test-results/e2e/coding*/.
import { describe, expect, it } from 'vitest';
import { qboOracleAvailable } from '../simulators/quickbooks-online/oracle';
import { QbdSimulator } from '../simulators/quickbooks-desktop/simulator.js';
import { qbxmlXsdAvailability } from '../simulators/quickbooks-desktop/xsd-validate.js';
import { wsdlOracleAvailable } from '../simulators/web-connector/fake-web-connector.js';
import { xeroOracleAvailable } from '../simulators/xero/oracle.js';
import { expectText, onCi, poll, submitAndApprove, WAIT, pick } from './support';
import { connectQuickBooksDesktop } from './quickbooks-desktop-connect';
import { connectQuickBooksOnline, qboE2e } from './quickbooks-online-connect';
import { connectXero, xeroE2e } from './xero-connect';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';

const suite = e2eSuite('coding', 'coding documents', {
  dir: '../shared/oracles/qbo/',
  available: qboOracleAvailable,
});
const { shot } = suite;
const qbdSuite = e2eSuite('coding-qbd', 'coding documents for QuickBooks Desktop', {
  dir: '../shared/oracles/qbwc/ and ../shared/oracles/qbxml/',
  // Both: the simulator checks every message against the XSD only when it is there.
  available: () => (wsdlOracleAvailable() && qbxmlXsdAvailability().available) || onCi,
});
const xeroSuite = e2eSuite('coding-xero', 'coding documents for Xero', {
  dir: '../shared/oracles/xero/',
  available: xeroOracleAvailable,
});

type Rec = Record<string, unknown>;

describe.skipIf(!suite.runs)(
  'Coding lines to QuickBooks Online in the editor (headless server, simulator)',
  () => {
    const qbo = qboE2e(suite);
    const { sim } = qbo;

    it('a purchase order: line 1 an item, line 2 an account with a class and a job, chosen by typing; sent as QuickBooks takes them', async () => {
      const { api } = qbo.e2e;
      const realm = sim.createRealm({
        companyName: 'Riverside Mechanical',
        country: 'US',
        homeCurrency: 'USD',
      });
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
      sim.seed(realm, 'Account', { Name: 'Old gas account', Active: false, ...expense });
      sim.seed(realm, 'Account', { Name: 'Gas card clearing', AccountType: 'Bank', Classification: 'Asset' });
      const materials = sim.seed(realm, 'Account', {
        Name: 'Job Materials',
        AccountType: 'Cost of Goods Sold',
        Classification: 'Expense',
      });
      for (let i = 1; i <= 400; i++) {
        sim.seed(realm, 'Account', {
          Name: `Repairs and maintenance ${String(i).padStart(3, '0')}`,
          ...expense,
        });
      }
      const pipe = sim.seed(realm, 'Item', {
        Name: 'Copper pipe 15 mm',
        FullyQualifiedName: 'Copper pipe 15 mm',
        Type: 'NonInventory',
        PurchaseCost: 12.4,
        ExpenseAccountRef: { value: materials.Id },
      });
      sim.seed(realm, 'Class', { Name: 'Commercial', FullyQualifiedName: 'Commercial' });
      const plumbing = sim.seed(realm, 'Class', { Name: 'Plumbing', FullyQualifiedName: 'Plumbing' });
      const smith = sim.seed(realm, 'Customer', { DisplayName: 'Smith Co', FullyQualifiedName: 'Smith Co' });
      const kitchen = sim.seed(realm, 'Customer', {
        DisplayName: 'Kitchen remodel',
        FullyQualifiedName: 'Smith Co:Kitchen remodel',
        Job: true,
        ParentRef: { value: smith.Id },
      });

      const company = await api<{ id: string }>('companies.create', {
        name: 'Riverside Mechanical',
        baseCurrency: 'USD',
      });
      const connectionId = await connectQuickBooksOnline(qbo.e2e, sim, company.id, realm.id);
      await api('lists.import', { connectionId });
      const acme = await api<{ id: string }>('suppliers.create', {
        companyId: company.id,
        name: 'Acme Supplies',
      });

      const page = await openConnections(qbo.e2e, company.id);
      await page.evaluate(() => (window.location.hash = '#/documents/new'));
      await page.getByTestId('document-editor').waitFor();
      const supplier = page.getByTestId('doc-supplier');
      await supplier.locator('option', { hasText: 'Acme Supplies' }).waitFor({ state: 'attached' });
      await supplier.selectOption({ label: 'Acme Supplies' });

      // Line 1: an item, found by typing part of its name; its purchase cost fills the empty price.
      await page.getByRole('combobox', { name: 'Item for line 1', exact: true }).waitFor();
      await pick(page, 'Item for line 1', 'copper', 'Copper pipe 15 mm');
      const line1 = page.getByTestId('line-row').nth(0);
      await poll(() => line1.getByTestId('line-description').inputValue()).toBe('Copper pipe 15 mm');
      await poll(() => line1.getByTestId('line-unit-price').inputValue()).toBe('12.4');
      await line1.getByTestId('line-quantity').fill('10');

      // Line 2: an account by the end of its full name; only expense accounts, and no inactive one, are offered.
      await page.getByTestId('add-line').click();
      const line2 = page.getByTestId('line-row').nth(1);
      await line2.getByTestId('line-description').fill('Gas for the site heaters, November');
      await line2.getByTestId('line-unit-price').fill('86.20');
      const account2 = page.getByRole('combobox', { name: 'Account for line 2', exact: true });
      await account2.click();
      await account2.fill('gas');
      const offered = page.getByRole('listbox', { name: 'Account for line 2' }).getByRole('option');
      await poll(() => offered.allTextContents()).toEqual(['Utilities:Gas']);
      await shot(page, '01-account-picker-typed');
      await account2.press('Enter');
      await poll(() => account2.inputValue()).toBe('Utilities:Gas');
      await pick(page, 'Class for line 2', 'plum', 'Plumbing');
      await pick(page, 'Customer or job for line 2', 'kitchen', 'Smith Co:Kitchen remodel');
      // Keyboard: arrows and Escape leave the choice as it was.
      const class1 = page.getByRole('combobox', { name: 'Class for line 1', exact: true });
      await class1.focus();
      await class1.press('ArrowDown');
      await page.getByRole('listbox', { name: 'Class for line 1' }).waitFor();
      await class1.press('End');
      await expect
        .poll(() => class1.getAttribute('aria-activedescendant'), { timeout: WAIT })
        .toMatch(/-opt-1$/);
      await class1.press('Escape');
      await poll(() => class1.inputValue()).toBe('');
      await shot(page, '02-lines-coded');

      await page.getByTestId('save-document').click();
      await page.getByTestId('document-view').waitFor();
      const coded = (row: number) =>
        page.getByTestId('line-row').nth(row).getByTestId('line-coded').allTextContents();
      await poll(() => coded(0)).toEqual(['Item: Copper pipe 15 mm']);
      await poll(() => coded(1)).toEqual([
        'Account: Utilities:Gas',
        'Class: Plumbing',
        'Customer or job: Smith Co:Kitchen remodel',
      ]);
      await shot(page, '03-document-shows-coding');

      await submitAndApprove(page);
      const sync = page.getByTestId('sync-status');
      await expectText(sync.getByTestId('sync-status-badge'), 'Sent');
      const [order] = sim.records(realm, 'PurchaseOrder');
      const lines = order!.Line as Rec[];
      expect(lines[0]!.DetailType).toBe('ItemBasedExpenseLineDetail');
      expect((lines[0]!.ItemBasedExpenseLineDetail as Rec).ItemRef).toMatchObject({ value: pipe.Id });
      expect((lines[0]!.ItemBasedExpenseLineDetail as Rec).Qty).toBe(10);
      expect(lines[1]!.DetailType).toBe('AccountBasedExpenseLineDetail');
      const detail = lines[1]!.AccountBasedExpenseLineDetail as Rec;
      expect(detail.AccountRef).toMatchObject({ value: gas.Id });
      expect(detail.ClassRef).toMatchObject({ value: plumbing.Id });
      expect(detail.CustomerRef).toMatchObject({ value: kitchen.Id });
      expect(order!.TotalAmt).toBe(210.2);
      await shot(page, '04-sent');

      // A revision recodes line 2 to another account; the update QuickBooks receives carries it.
      await page.getByTestId('action-revise').click();
      const dialog = page.getByTestId('confirm-dialog');
      const revising = page.locator('[data-testid="document-view"][data-status="in_revision"]');
      await dialog.or(revising).first().waitFor();
      if (await dialog.isVisible()) await page.getByTestId('confirm-action').click();
      await revising.waitFor();
      await page.getByTestId('action-edit').click();
      await page.getByTestId('document-editor').waitFor();
      const revised = page.getByRole('combobox', { name: 'Account for line 2', exact: true });
      await poll(() => revised.inputValue()).toBe('Utilities:Gas');
      await pick(page, 'Account for line 2', 'job mat', 'Job Materials');
      await page.getByTestId('save-document').click();
      await page.getByTestId('document-view').waitFor();
      await poll(() => coded(1)).toEqual([
        'Account: Job Materials',
        'Class: Plumbing',
        'Customer or job: Smith Co:Kitchen remodel',
      ]);
      await submitAndApprove(page);
      await expect
        .poll(
          () => {
            const [updated] = sim.records(realm, 'PurchaseOrder');
            const line = (updated!.Line as Rec[])[1]!;
            return (line.AccountBasedExpenseLineDetail as Rec | undefined)?.AccountRef;
          },
          { timeout: WAIT },
        )
        .toMatchObject({ value: materials.Id });
      await shot(page, '05-revision-recoded');

      // Supplier defaults: set on the supplier's page; a new document's lines from that supplier start with them.
      await page.evaluate((hash) => (window.location.hash = hash), `#/suppliers/${acme.id}`);
      await page.getByTestId('supplier-defaults').waitFor();
      await pick(page, 'Default account', 'ities:g', 'Utilities:Gas');
      await pick(page, 'Default class', 'plum', 'Plumbing');
      await page.getByTestId('supplier-defaults-save').click();
      await expectText(page.getByTestId('supplier-defaults-note'), 'Defaults saved.');
      await shot(page, '06-supplier-defaults');
      await page.evaluate(() => (window.location.hash = '#/documents/new'));
      await page.getByTestId('document-editor').waitFor();
      const chooser = page.getByTestId('doc-supplier');
      await chooser.locator('option', { hasText: 'Acme Supplies' }).waitFor({ state: 'attached' });
      await chooser.selectOption({ label: 'Acme Supplies' });
      const value = (name: string) => page.getByRole('combobox', { name, exact: true }).inputValue();
      await poll(() => value('Account for line 1')).toBe('Utilities:Gas');
      await poll(() => value('Class for line 1')).toBe('Plumbing');
      await page.getByTestId('add-line').click();
      await poll(() => value('Account for line 2')).toBe('Utilities:Gas');
      await poll(() => value('Class for line 2')).toBe('Plumbing');
      await shot(page, '07-new-lines-from-supplier-defaults');
      await page.context().close();
    }, 180_000);
  },
);

describe.skipIf(!xeroSuite.runs)('Coding lines to Xero in the editor (headless server, simulator)', () => {
  const xero = xeroE2e(xeroSuite);

  /** A company connected to the organisation the consent page grants, its lists imported. */
  async function connectCompany(name: string) {
    const { api } = xero.e2e;
    const company = await api<{ id: string }>('companies.create', { name, baseCurrency: 'NZD' });
    const connection = { id: await connectXero(xero.e2e, xero.sim, company.id) };
    await api('lists.import', { connectionId: connection.id });
    return { company, connection };
  }

  it('a bill: a tracking option of each category and a tax rate per line, chosen in the editor; Xero receives them', async () => {
    const { api } = xero.e2e;
    const { sim } = xero;
    const org = sim.createOrg({ name: 'Harbourside Services Ltd' });
    sim.consentTenants = [org.tenantId];
    sim.addAccount(org, { Code: '429', Name: 'General Expenses' });
    sim.addAccount(org, { Code: '310', Name: 'Cost of Goods Sold', Type: 'DIRECTCOSTS' });
    sim.addAccount(org, { Code: '090', Name: 'Business Bank Account', Type: 'BANK' });
    const region = sim.addTracking(org, 'Region', ['North', 'South']);
    const team = sim.addTracking(org, 'Team', ['Install', 'Service']);
    sim.addContact(org, { Name: 'Acme Plumbing', IsSupplier: true });

    const { company } = await connectCompany('Harbourside Services');
    // Our tax rate, named as Xero names its rate: paired with it by name when the bill is sent.
    await api('taxRates.create', { companyId: company.id, name: 'GST on Expenses', percent: '15' });
    const acme = await api<{ id: string }>('suppliers.create', {
      companyId: company.id,
      name: 'Acme Plumbing',
    });

    const page = await openConnections(xero.e2e, company.id);
    await page.evaluate(() => (window.location.hash = '#/documents/new'));
    await page.getByTestId('document-editor').waitFor();
    await page.getByTestId('doc-type').selectOption('invoice');
    await page.getByTestId('doc-supplier-invoice-number').fill('AP-5521');
    const supplier = page.getByTestId('doc-supplier');
    await supplier.locator('option', { hasText: 'Acme Plumbing' }).waitFor({ state: 'attached' });
    await supplier.selectOption({ label: 'Acme Plumbing' });

    const line1 = page.getByTestId('line-row').nth(0);
    await line1.getByTestId('line-description').fill('Boiler service, Queen St');
    await line1.getByTestId('line-unit-price').fill('240');
    await line1.getByTestId('line-tax-rate').selectOption({ label: 'GST on Expenses (15 %)' });
    // Only expense accounts are offered: the bank account is not.
    const account1 = page.getByRole('combobox', { name: 'Account for line 1', exact: true });
    await account1.click();
    await poll(() =>
      page.getByRole('listbox', { name: 'Account for line 1' }).getByRole('option').allTextContents(),
    ).toEqual(['Cost of Goods Sold310', 'General Expenses429']);
    await account1.press('Escape');
    await pick(page, 'Account for line 1', 'general', 'General Expenses');
    await pick(page, 'Region for line 1', 'nor', 'North');
    await pick(page, 'Team for line 1', 'serv', 'Service');

    await page.getByTestId('add-line').click();
    const line2 = page.getByTestId('line-row').nth(1);
    await line2.getByTestId('line-description').fill('Valves and fittings');
    await line2.getByTestId('line-unit-price').fill('60');
    await line2.getByTestId('line-tax-rate').selectOption({ label: 'GST on Expenses (15 %)' });
    await pick(page, 'Account for line 2', '310', 'Cost of Goods Sold');
    await pick(page, 'Team for line 2', 'inst', 'Install');
    expect(await page.getByRole('combobox', { name: 'Class for line 1' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Customer or job for line 1' }).count()).toBe(0);
    await xeroSuite.shot(page, '01-bill-coded');

    await page.getByTestId('save-document').click();
    await page.getByTestId('document-view').waitFor();
    const coded = (row: number) =>
      page.getByTestId('line-row').nth(row).getByTestId('line-coded').allTextContents();
    await poll(() => coded(0)).toEqual(['Account: General Expenses', 'Region: North', 'Team: Service']);
    await poll(() => coded(1)).toEqual(['Account: Cost of Goods Sold', 'Team: Install']);
    await submitAndApprove(page);
    await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
    await xeroSuite.shot(page, '02-bill-sent');

    const [bill] = [...org.invoices.values()] as Rec[];
    const lines = bill!.LineItems as Rec[];
    const option = (category: Rec, name: string) =>
      (category.Options as Rec[]).find((o) => o.Name === name)!.TrackingOptionID;
    expect(lines[0]).toMatchObject({ AccountCode: '429', TaxType: 'INPUT2' });
    expect(lines[1]).toMatchObject({ AccountCode: '310', TaxType: 'INPUT2' });
    const tracking = (line: Rec) =>
      ((line.Tracking as Rec[] | undefined) ?? []).map((t) => [t.TrackingCategoryID, t.TrackingOptionID]);
    expect(tracking(lines[0]!)).toEqual(
      expect.arrayContaining([
        [region.TrackingCategoryID, option(region, 'North')],
        [team.TrackingCategoryID, option(team, 'Service')],
      ]),
    );
    expect(tracking(lines[0]!)).toHaveLength(2);
    expect(tracking(lines[1]!)).toEqual([[team.TrackingCategoryID, option(team, 'Install')]]);

    // A receipt in the same company: Xero has no receipts, so no Send button, and the page says why.
    const receipt = await api<{ id: string }>('documents.create', {
      companyId: company.id,
      type: 'receipt',
      supplierId: acme.id,
      date: '2026-11-06',
      lines: [{ description: 'Valves and fittings', quantity: '2', unitPrice: '30' }],
    });
    await api('documents.submit', { id: receipt.id });
    await api('documents.approve', { id: receipt.id });
    await page.evaluate((hash) => (window.location.hash = hash), `#/documents/${receipt.id}`);
    await page.locator(`[data-testid="document-view"][data-document-id="${receipt.id}"]`).waitFor();
    await expectText(
      page.getByTestId('send-not-offered'),
      /^Xero has no receipts, so this receipt is not sent there\. When the supplier’s invoice comes, link it to the purchase order and send the invoice\.$/,
    );
    expect(await page.getByTestId('action-send').count()).toBe(0);
    await expectText(
      page.locator('[aria-labelledby="h-sync"]'),
      /Xero has no receipts, so this receipt is not sent there\./,
    );
    await xeroSuite.shot(page, '03-receipt-without-send');
    expect((await api<{ sync: unknown[] }>('documents.get', { id: receipt.id })).sync).toEqual([]);
    expect(org.invoices.size).toBe(1);
    await page.context().close();
  }, 180_000);

  it("a bill whose tax rate is mapped on the connection, 'Create missing records' off: sent with that TaxType", async () => {
    const { api } = xero.e2e;
    const { sim } = xero;
    const org = sim.createOrg({ name: 'Quayside Trades Ltd' });
    sim.consentTenants = [org.tenantId];
    sim.addAccount(org, { Code: '429', Name: 'General Expenses' });
    // Two Xero rates at 15 %: ours cannot be matched by itself, so the bookkeeper maps it.
    sim.addTaxRate(org, { Name: 'GST on Imports', TaxType: 'GSTONIMPORTS', EffectiveRate: 15 });
    const region = sim.addTracking(org, 'Region', ['North', 'South']);
    sim.addContact(org, { Name: 'Harbour Electrical', IsSupplier: true });
    const { company, connection } = await connectCompany('Quayside Trades');
    const rate = await api<{ id: string }>('taxRates.create', {
      companyId: company.id,
      name: 'Purchases 15%',
      percent: '15',
    });
    await api('suppliers.create', { companyId: company.id, name: 'Harbour Electrical' });

    const page = await openConnections(xero.e2e, company.id);
    const settings = page.getByTestId('xero-settings');
    await settings.locator('summary').click();
    const map = page.getByTestId(`xero-tax-code-${rate.id}`);
    await map.locator('option', { hasText: 'GST on Imports' }).waitFor({ state: 'attached' });
    await map.selectOption({ label: 'GST on Imports' });
    // Creating records in Xero is off: a mapped tax rate needs none, so the bill still goes.
    await page.getByTestId('xero-create-missing').uncheck();
    await page.getByTestId('xero-save').click();
    await poll(async () => {
      const { settings } = (
        await api<
          { id: string; settings: { taxRateMap?: Record<string, string>; createMissing?: boolean } }[]
        >('connections.list', { companyId: company.id })
      ).find((c) => c.id === connection.id)!;
      return { map: settings.taxRateMap, createMissing: settings.createMissing };
    }).toEqual({ map: { [rate.id]: 'GSTONIMPORTS' }, createMissing: false });
    await page.getByTestId('xero-tax-map').scrollIntoViewIfNeeded();
    await xeroSuite.shot(page, '03-tax-rate-mapped');

    await page.evaluate(() => (window.location.hash = '#/documents/new'));
    await page.getByTestId('document-editor').waitFor();
    await page.getByTestId('doc-type').selectOption('invoice');
    await page.getByTestId('doc-supplier-invoice-number').fill('HE-301');
    const supplier = page.getByTestId('doc-supplier');
    await supplier.locator('option', { hasText: 'Harbour Electrical' }).waitFor({ state: 'attached' });
    await supplier.selectOption({ label: 'Harbour Electrical' });
    const line1 = page.getByTestId('line-row').nth(0);
    await line1.getByTestId('line-description').fill('Switchboard inspection');
    await line1.getByTestId('line-unit-price').fill('180');
    await line1.getByTestId('line-tax-rate').selectOption({ label: 'Purchases 15% (15 %)' });
    await pick(page, 'Account for line 1', 'general', 'General Expenses');
    await pick(page, 'Region for line 1', 'sou', 'South');
    await page.getByTestId('save-document').click();
    await page.getByTestId('document-view').waitFor();
    await submitAndApprove(page);
    await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
    await xeroSuite.shot(page, '04-mapped-bill-sent');

    const [bill] = [...org.invoices.values()] as Rec[];
    const [line] = bill!.LineItems as Rec[];
    const south = (region.Options as Rec[]).find((o) => o.Name === 'South')!.TrackingOptionID;
    expect(line).toMatchObject({ AccountCode: '429', TaxType: 'GSTONIMPORTS' });
    expect(
      ((line!.Tracking as Rec[] | undefined) ?? []).map((t) => [t.TrackingCategoryID, t.TrackingOptionID]),
    ).toEqual([[region.TrackingCategoryID, south]]);
    await page.context().close();
  }, 180_000);

  it("'Create missing suppliers and records in Xero' off: a bill for a supplier Xero lacks waits; on: it goes", async () => {
    const { api } = xero.e2e;
    const { sim } = xero;
    const org = sim.createOrg({ name: 'Cove Joinery Ltd' });
    sim.consentTenants = [org.tenantId];
    sim.addAccount(org, { Code: '429', Name: 'General Expenses' });
    const { company, connection } = await connectCompany('Cove Joinery');
    const timber = await api<{ id: string }>('suppliers.create', {
      companyId: company.id,
      name: 'Kauri Timber Co',
    });
    const accounts = await api<{ id: string; name: string }[]>('lists.list', {
      companyId: company.id,
      kind: 'account',
    });
    const general = accounts.find((a) => a.name === 'General Expenses')!;
    const settingOf = async () =>
      (
        await api<{ id: string; settings: { createMissing?: boolean } }[]>('connections.list', {
          companyId: company.id,
        })
      ).find((c) => c.id === connection.id)!.settings.createMissing;

    const page = await openConnections(xero.e2e, company.id);
    await page.getByTestId('xero-settings').locator('summary').click();
    const toggle = page.getByTestId('xero-create-missing');
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await page.getByTestId('xero-save').click();
    await poll(settingOf).toBe(false);
    await xeroSuite.shot(page, '05-create-missing-off');

    const bill = await api<{ id: string }>('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: timber.id,
      supplierInvoiceNumber: 'KT-88',
      date: '2026-11-20',
      lines: [{ description: 'Rimu boards', quantity: '4', unitPrice: '55', accountId: general.id }],
    });
    await api('documents.submit', { id: bill.id });
    await api('documents.approve', { id: bill.id });
    const sync = async () =>
      (
        await api<{ sync: { status: string; lastMessage: string | null }[] }>('documents.get', {
          id: bill.id,
        })
      ).sync[0];
    await poll(async () => ['waiting', 'failed', 'sent'].includes((await sync())?.status ?? '')).toBe(true);
    expect(await sync()).toMatchObject({
      status: 'waiting',
      lastMessage:
        "Supplier 'Kauri Timber Co' has no counterpart in Xero. Pair it in Connections → Lists, or turn on 'Create missing suppliers and records in Xero' in Connections → Xero settings.",
    });
    expect([...org.contacts.values()].some((c) => c.Name === 'Kauri Timber Co')).toBe(false);
    await page.evaluate((hash) => (window.location.hash = hash), `#/documents/${bill.id}`);
    await page.getByTestId('document-view').waitFor();
    await expectText(page.getByTestId('sync-status'), /no counterpart in Xero/);
    await xeroSuite.shot(page, '06-waiting-for-supplier');

    // Turned on: the waiting bill goes, and the supplier is created in Xero as a contact.
    await page.evaluate(() => (window.location.hash = '#/connections'));
    await page.getByTestId('xero-settings').locator('summary').click();
    await page.getByTestId('xero-create-missing').check();
    await page.getByTestId('xero-save').click();
    await poll(settingOf).toBe(true);
    await poll(async () => (await sync())?.status).toBe('sent');
    expect([...org.contacts.values()].some((c) => c.Name === 'Kauri Timber Co')).toBe(true);
    expect([...org.invoices.values()].map((i) => i.InvoiceNumber)).toContain('KT-88');
    await page.context().close();
  }, 180_000);

  it("a supplier's default option in each of two tracking categories, and its tax from Xero: new lines take them", async () => {
    const { api } = xero.e2e;
    const { sim } = xero;
    const org = sim.createOrg({ name: 'Kowhai Fitouts Ltd' });
    sim.consentTenants = [org.tenantId];
    sim.addAccount(org, { Code: '429', Name: 'General Expenses' });
    sim.addTaxRate(org, { Name: 'GST on Imports', TaxType: 'GSTONIMPORTS', EffectiveRate: 15 });
    const region = sim.addTracking(org, 'Region', ['North', 'South']);
    const team = sim.addTracking(org, 'Team', ['Install', 'Service']);
    // The contact's own tax on bills in Xero: imported as the supplier's default tax rate through the mapping.
    sim.addContact(org, {
      Name: 'Totara Electrical',
      IsSupplier: true,
      AccountsPayableTaxType: 'GSTONIMPORTS',
    });
    const { company, connection } = await connectCompany('Kowhai Fitouts');
    const rate = await api<{ id: string }>('taxRates.create', {
      companyId: company.id,
      name: 'Imports 15%',
      percent: '15',
    });
    await api('connections.update', {
      id: connection.id,
      settings: { taxRateMap: { [rate.id]: 'GSTONIMPORTS' } },
    });
    await api('suppliers.import', { connectionId: connection.id });
    const supplier = (
      await api<{ items: { id: string; name: string }[] }>('suppliers.list', {
        companyId: company.id,
        search: 'Totara',
      })
    ).items[0]!;

    const page = await openConnections(xero.e2e, company.id);
    await page.evaluate((hash) => (window.location.hash = hash), `#/suppliers/${supplier.id}`);
    await page.getByTestId('supplier-defaults').waitFor();
    await expectText(page.getByTestId('supplier-defaults-imported'), /Taken from/);
    await poll(() => page.getByTestId('supplier-default-tax-rate').inputValue()).toBe(rate.id);
    // One picker per tracking category, each named after it.
    await pick(page, 'Default Region', 'nor', 'North');
    await pick(page, 'Default Team', 'serv', 'Service');
    await pick(page, 'Default account', 'general', 'General Expenses');
    await page.getByTestId('supplier-defaults-save').click();
    await expectText(page.getByTestId('supplier-defaults-note'), 'Defaults saved.');
    await page.getByTestId('supplier-defaults').scrollIntoViewIfNeeded();
    await xeroSuite.shot(page, '07-supplier-two-tracking-defaults');
    const saved = await api<{ trackingOptionIds: string[]; setBy: string }>('suppliers.codingDefaults', {
      supplierId: supplier.id,
    });
    expect(saved.trackingOptionIds).toHaveLength(2);
    expect(saved.setBy).toBe('bookkeeper');

    await page.evaluate(() => (window.location.hash = '#/documents/new'));
    await page.getByTestId('document-editor').waitFor();
    await page.getByTestId('doc-type').selectOption('invoice');
    await page.getByTestId('doc-supplier-invoice-number').fill('TE-77');
    const chooser = page.getByTestId('doc-supplier');
    await chooser.locator('option', { hasText: 'Totara Electrical' }).waitFor({ state: 'attached' });
    await chooser.selectOption({ label: 'Totara Electrical' });
    const value = (name: string) => page.getByRole('combobox', { name, exact: true }).inputValue();
    await poll(() => value('Region for line 1')).toBe('North');
    await poll(() => value('Team for line 1')).toBe('Service');
    await poll(() => value('Account for line 1')).toBe('General Expenses');
    const line1 = page.getByTestId('line-row').nth(0);
    await poll(() => line1.getByTestId('line-tax-rate').inputValue()).toBe(rate.id);
    await line1.getByTestId('line-description').fill('Switchboard upgrade');
    await line1.getByTestId('line-unit-price').fill('900');
    await page.getByTestId('add-line').click();
    await poll(() => value('Region for line 2')).toBe('North');
    await poll(() => value('Team for line 2')).toBe('Service');
    const line2 = page.getByTestId('line-row').nth(1);
    await line2.getByTestId('line-description').fill('Cabling');
    await line2.getByTestId('line-unit-price').fill('120');
    await xeroSuite.shot(page, '08-new-lines-from-two-tracking-defaults');
    await page.getByTestId('save-document').click();
    await page.getByTestId('document-view').waitFor();
    await submitAndApprove(page);
    await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
    await xeroSuite.shot(page, '09-bill-with-two-tracking-defaults-sent');

    const bill = [...org.invoices.values()].find((i) => i.InvoiceNumber === 'TE-77')!;
    const option = (category: Rec, name: string) =>
      (category.Options as Rec[]).find((o) => o.Name === name)!.TrackingOptionID;
    for (const line of bill.LineItems as Rec[]) {
      expect(line).toMatchObject({ AccountCode: '429', TaxType: 'GSTONIMPORTS' });
      expect(
        ((line.Tracking as Rec[] | undefined) ?? []).map((t) => [t.TrackingCategoryID, t.TrackingOptionID]),
      ).toEqual(
        expect.arrayContaining([
          [region.TrackingCategoryID, option(region, 'North')],
          [team.TrackingCategoryID, option(team, 'Service')],
        ]),
      );
      expect(line.Tracking as Rec[]).toHaveLength(2);
    }
    await page.context().close();
  }, 180_000);
});

describe.skipIf(!qbdSuite.runs)(
  'Coding lines to QuickBooks Desktop in the editor (Web Connector, simulator)',
  () => {
    const qbd = useE2eApp(qbdSuite);

    it('purchase order lines coded to an item and a Customer:Job or Customer:Location:Job reach QuickBooks, in valid qbXML', async () => {
      const { e2e } = qbd;
      const { api } = e2e;
      // Validates every message against qbxmlops130.xsd: invalid qbXML fails the session.
      const sim = new QbdSimulator({ companyName: 'Riverside Mechanical' });
      sim.addCustomer('Smith Co');
      sim.addCustomer('Smith Co:Kitchen remodel');
      // A customer's site and the job at it: Customer:Location:Job.
      sim.addCustomer('Smith Co:Harbour St');
      sim.addCustomer('Smith Co:Harbour St:Boiler room');
      sim.addCustomer('Jones Ltd');
      sim.addItem('Copper pipe 15 mm', 'ItemNonInventory', 'Job Materials', 'Copper pipe');
      const companyId = await createCompany(e2e, 'Riverside Mechanical', 'USD');
      const connection = await connectQuickBooksDesktop(e2e, companyId, { username: 'coding-e2e' });
      const runSessions = () => connection.runSessions(sim);
      // The lists are read at the next Web Connector session.
      await api('lists.import', { connectionId: connection.id });
      await runSessions();
      await poll(async () =>
        (await api<{ name: string }[]>('lists.list', { companyId, kind: 'customer' })).map((c) => c.name),
      ).toContain('Smith Co:Kitchen remodel');
      await api('suppliers.create', { companyId, name: 'Acme Supplies' });

      const page = await openConnections(e2e, companyId);
      await page.evaluate(() => (window.location.hash = '#/documents/new'));
      await page.getByTestId('document-editor').waitFor();
      const supplier = page.getByTestId('doc-supplier');
      await supplier.locator('option', { hasText: 'Acme Supplies' }).waitFor({ state: 'attached' });
      await supplier.selectOption({ label: 'Acme Supplies' });
      await page.getByTestId('doc-number').fill('PO-7710');
      // QuickBooks Desktop purchase orders have item lines only: no account picker, and the editor says so.
      await expectText(
        page.getByTestId('coding-note'),
        /^QuickBooks Desktop purchase orders take items only/,
      );
      expect(await page.getByRole('combobox', { name: 'Account for line 1' }).count()).toBe(0);
      await pick(page, 'Item for line 1', 'copper', 'Copper pipe 15 mm');
      await pick(page, 'Customer or job for line 1', 'kitchen', 'Smith Co:Kitchen remodel');
      await pick(page, 'Class for line 1', 'east', 'East');
      const line1 = page.getByTestId('line-row').nth(0);
      await line1.getByTestId('line-quantity').fill('6');
      await line1.getByTestId('line-unit-price').fill('11.25');
      // Line 2 goes to a job at one of the customer's sites, found by any part of its full name.
      await page.getByTestId('add-line').click();
      await pick(page, 'Item for line 2', 'copper', 'Copper pipe 15 mm');
      await pick(page, 'Customer or job for line 2', 'boiler', 'Smith Co:Harbour St:Boiler room');
      const line2 = page.getByTestId('line-row').nth(1);
      await line2.getByTestId('line-quantity').fill('2');
      await line2.getByTestId('line-unit-price').fill('11.25');
      await qbdSuite.shot(page, '01-order-coded');
      await page.getByTestId('save-document').click();
      await page.getByTestId('document-view').waitFor();
      await poll(() =>
        page.getByTestId('line-row').nth(0).getByTestId('line-coded').allTextContents(),
      ).toEqual(['Item: Copper pipe 15 mm', 'Class: East', 'Customer or job: Smith Co:Kitchen remodel']);
      await poll(() =>
        page.getByTestId('line-row').nth(1).getByTestId('line-coded').allTextContents(),
      ).toEqual(['Item: Copper pipe 15 mm', 'Customer or job: Smith Co:Harbour St:Boiler room']);
      await submitAndApprove(page);

      await runSessions();
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      await qbdSuite.shot(page, '02-order-in-quickbooks');
      const [order] = sim.purchaseOrdersByRef('PO-7710');
      expect(order).toBeDefined();
      expect(order!.lines).toHaveLength(2);
      expect(order!.lines[0]).toMatchObject({
        ItemListID: sim.findItem('Copper pipe 15 mm')!.ListID,
        CustomerListID: sim.findCustomer('Smith Co:Kitchen remodel')!.ListID,
        Quantity: 6,
        Amount: 6750,
      });
      expect(order!.lines[1]).toMatchObject({
        ItemListID: sim.findItem('Copper pipe 15 mm')!.ListID,
        CustomerListID: sim.findCustomer('Smith Co:Harbour St:Boiler room')!.ListID,
        Quantity: 2,
      });
      expect(order!.lines[0]!.ClassListID).toBe(
        (
          await api<{ name: string; externalId: string }[]>('lists.list', {
            companyId,
            kind: 'class',
          })
        ).find((c) => c.name === 'East')!.externalId,
      );
      await page.context().close();
    }, 180_000);
  },
);
