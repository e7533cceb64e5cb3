// End-to-end: NetSuite's header coding and pairing a supplier in place, as a bookkeeper does them, in Debian's
// Chromium against the headless server and the NetSuite simulator (TBA, a second subsidiary, two classes). A bill's
// header takes a subsidiary and a class chosen by typing; the document shows them; on approval NetSuite receives
// them on the vendorBill body (judged against the OpenAPI subset) and the class on the line that has none. The
// Lists page lists every NetSuite list on aligned rows. Then, with 'Create missing records' off, a bill from a
// supplier NetSuite knows under another name waits; Needs pairing says no vendors are mirrored yet and imports
// them, the bookkeeper picks the vendor by typing, and the bill goes to that vendor. A bill's line takes its own
// location and department by typing (the other line the header's), NetSuite receives them on that line, and a
// revision that moves the line's location is sent as the update. Screenshots go to test-results/e2e/netsuite-coding/.
import { describe, expect, it } from 'vitest';
import { netsuiteOracleAvailable } from '../simulators/netsuite/oas.js';
import type { NetSuiteSimulator } from '../simulators/netsuite/simulator.js';
import { expectText, poll, submitAndApprove, pick } from './support';
import { startNetSuite } from './netsuite-connect';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';

const suite = e2eSuite('netsuite-coding', 'NetSuite header coding and pairing', {
  dir: '../shared/oracles/netsuite/',
  available: netsuiteOracleAvailable,
});
const { shot } = suite;
const TBA = { consumerKey: 'ck-e2e', consumerSecret: 'cs-e2e', tokenId: 'tk-e2e', tokenSecret: 'ts-e2e' };

type Rec = Record<string, unknown>;
type Lines = { items: Rec[] };

describe.skipIf(!suite.runs)('NetSuite header coding and pairing in a browser', () => {
  let sim: NetSuiteSimulator;
  const app = useE2eApp(suite, {
    async start() {
      sim = await startNetSuite(TBA);
    },
    started: () => [sim],
  });

  async function connect(companyId: string, settings: Rec = {}): Promise<string> {
    const created = await app.e2e.api<{ id: string }>('connections.create', {
      companyId,
      system: 'netsuite',
      settings: { ...sim.connectionSettings('tba'), ...settings },
      credentials: TBA,
    });
    const { connection } = await app.e2e.api<{ connection: { status: string } }>('connections.connect', {
      id: created.id,
    });
    expect(connection.status).toBe('connected');
    return created.id;
  }

  it('a bill takes a subsidiary and a class on its header, chosen by typing; NetSuite receives them', async () => {
    const { api } = app.e2e;
    const west = sim.seedRow('subsidiary', { name: 'Northwind West', parent: '1' });
    sim.seedRow('classification', { name: 'Residential' });
    const retail = sim.seedRow('classification', { name: 'Retail' });
    const materials = sim.seedRow('account', {
      acctname: 'Job Materials',
      acctnumber: '6100',
      accttype: 'Expense',
    });
    sim.seedRow('customer', { entityid: 'Harbor Mall' });
    const companyId = await createCompany(app.e2e, 'Northwind Facilities', 'USD');
    const connectionId = await connect(companyId);
    await api('lists.import', { connectionId });
    await api('suppliers.create', { companyId, name: 'Acme Supplies' });

    const page = await openConnections(app.e2e, companyId);
    try {
      // Every NetSuite list on its own row, the names aligned and on one line ("Customers and jobs" too), with
      // both import buttons on each list imported.
      await page.setViewportSize({ width: 1024, height: 860 });
      await page.evaluate(() => (window.location.hash = '#/connections/lists'));
      await page.getByTestId('lists-table').waitFor();
      const names = page.getByTestId('list-open');
      await poll(() => names.allTextContents()).toEqual([
        'Accounts',
        'Items',
        'Classes',
        'Locations',
        'Departments',
        'Subsidiaries',
        'Customers and jobs',
        'Tax codes',
        'Terms',
      ]);
      const boxes = await Promise.all((await names.all()).map((n) => n.boundingBox()));
      const lefts = new Set(boxes.map((b) => Math.round(b!.x)));
      const heights = new Set(boxes.map((b) => Math.round(b!.height)));
      expect([...lefts]).toHaveLength(1);
      expect([...heights]).toHaveLength(1);
      await shot(page, '01-lists-rows-aligned');
      await page.setViewportSize({ width: 1280, height: 860 });

      await page.evaluate(() => (window.location.hash = '#/documents/new'));
      await page.getByTestId('document-editor').waitFor();
      await page.getByTestId('doc-type').selectOption('invoice');
      const supplier = page.getByTestId('doc-supplier');
      await supplier.locator('option', { hasText: 'Acme Supplies' }).waitFor({ state: 'attached' });
      await supplier.selectOption({ label: 'Acme Supplies' });
      await page.locator('#doc-supplier-invoice-number').fill('ACME-7720');
      const line = page.getByTestId('line-row').nth(0);
      await line.getByTestId('line-description').fill('Filters for the west depot');
      await line.getByTestId('line-unit-price').fill('84.50');
      await pick(page, 'Account for line 1', 'materials', 'Job Materials');

      // The header: the connection's subsidiary is the default until another is chosen.
      const subsidiary = page.getByRole('combobox', { name: 'Subsidiary', exact: true });
      await subsidiary.waitFor();
      await expectText(
        page.locator('.field', { has: subsidiary }).locator('.field__hint'),
        "Defaults to Northwind US, the connection's subsidiary",
      );
      // A subsidiary under its parent, by its full name.
      await pick(page, 'Subsidiary', 'west', 'Northwind US:Northwind West');
      await pick(page, 'Class', 'reta', 'Retail');
      await shot(page, '02-header-subsidiary-and-class');

      await page.getByTestId('save-document').click();
      await page.getByTestId('document-view').waitFor();
      await expectText(page.getByTestId('document-field-subsidiary'), 'Northwind US:Northwind West');
      await expectText(page.getByTestId('document-field-class'), 'Retail');
      await shot(page, '03-document-shows-header');

      await submitAndApprove(page);
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      await shot(page, '04-sent');
      expect(sim.rejected).toEqual([]);
      const [bill] = sim.list('vendorBill');
      expect(bill).toMatchObject({
        tranId: 'ACME-7720',
        subsidiary: { id: west },
        class: { id: retail },
      });
      expect((bill!.expense as Lines).items).toEqual([
        expect.objectContaining({ account: { id: materials }, amount: 84.5, class: { id: retail } }),
      ]);
    } finally {
      await page.context().close();
    }
  }, 240_000);

  it('a bill line takes its own location and department, chosen by typing; NetSuite receives them on that line', async () => {
    const { api } = app.e2e;
    const east = sim.seedRow('location', { name: 'East warehouse' });
    const north = sim.seedRow('location', { name: 'North yard' });
    const hq = sim.seedRow('location', { name: 'Head office' });
    const ops = sim.seedRow('department', { name: 'Operations' });
    const maintenance = sim.seedRow('department', { name: 'Maintenance' });
    sim.seedRow('account', { acctname: 'Repairs', acctnumber: '6300', accttype: 'Expense' });
    const companyId = await createCompany(app.e2e, 'Northwind Depots', 'USD');
    const connectionId = await connect(companyId);
    await api('lists.import', { connectionId });
    await api('suppliers.create', { companyId, name: 'Depot Parts' });

    const page = await openConnections(app.e2e, companyId);
    try {
      await page.evaluate(() => (window.location.hash = '#/documents/new'));
      await page.getByTestId('document-editor').waitFor();
      await page.getByTestId('doc-type').selectOption('invoice');
      const supplier = page.getByTestId('doc-supplier');
      await supplier.locator('option', { hasText: 'Depot Parts' }).waitFor({ state: 'attached' });
      await supplier.selectOption({ label: 'Depot Parts' });
      await page.locator('#doc-supplier-invoice-number').fill('DP-4410');
      const row = (i: number) => page.getByTestId('line-row').nth(i);
      await row(0).getByTestId('line-description').fill('Forklift tyres');
      await row(0).getByTestId('line-unit-price').fill('310.00');
      await pick(page, 'Account for line 1', 'repa', 'Repairs');
      await pick(page, 'Location for line 1', 'east', 'East warehouse');
      await pick(page, 'Department for line 1', 'mainten', 'Maintenance');
      await page.getByTestId('add-line').click();
      await row(1).getByTestId('line-description').fill('Delivery');
      await row(1).getByTestId('line-unit-price').fill('25.00');
      await pick(page, 'Account for line 2', 'repa', 'Repairs');
      // The header's location and department are those of the lines without their own (line 2).
      const header = page.getByRole('combobox', { name: 'Location', exact: true });
      await expectText(
        page.locator('.field', { has: header }).locator('.field__hint'),
        'Lines without a location of their own take this one',
      );
      await pick(page, 'Location', 'head', 'Head office');
      await pick(page, 'Department', 'oper', 'Operations');
      await shot(page, '09-line-location-and-department');

      await page.getByTestId('save-document').click();
      await page.getByTestId('document-view').waitFor();
      const coded = (i: number) => row(i).getByTestId('line-coded').allTextContents();
      await poll(() => coded(0)).toEqual([
        'Account: Repairs',
        'Location: East warehouse',
        'Department: Maintenance',
      ]);
      await poll(() => coded(1)).toEqual(['Account: Repairs']);
      await shot(page, '10-document-shows-line-location');

      await submitAndApprove(page);
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      expect(sim.rejected).toEqual([]);
      const sent = () => sim.list('vendorBill').find((b) => b.tranId === 'DP-4410');
      expect(sent()).toMatchObject({ location: { id: hq }, department: { id: ops } });
      expect((sent()!.expense as Lines).items).toEqual([
        expect.objectContaining({
          memo: 'Forklift tyres',
          location: { id: east },
          department: { id: maintenance },
        }),
        expect.objectContaining({ memo: 'Delivery', location: { id: hq }, department: { id: ops } }),
      ]);

      // A revision moves line 1 to another location; the update NetSuite receives carries it on that line.
      await page.getByTestId('action-revise').click();
      const dialog = page.getByTestId('confirm-dialog');
      const revising = page.locator('[data-testid="document-view"][data-status="in_revision"]');
      await dialog.or(revising).first().waitFor();
      if (await dialog.isVisible()) await page.getByTestId('confirm-action').click();
      await revising.waitFor();
      await page.getByTestId('action-edit').click();
      await page.getByTestId('document-editor').waitFor();
      const location1 = page.getByRole('combobox', { name: 'Location for line 1', exact: true });
      await poll(() => location1.inputValue()).toBe('East warehouse');
      await pick(page, 'Location for line 1', 'nor', 'North yard');
      await page.getByTestId('save-document').click();
      await page.getByTestId('document-view').waitFor();
      await poll(() => coded(0)).toEqual([
        'Account: Repairs',
        'Location: North yard',
        'Department: Maintenance',
      ]);
      await submitAndApprove(page);
      await poll(() => ((sent()?.expense as Lines | undefined)?.items ?? [])[0]?.location).toEqual({
        id: north,
      });
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      await shot(page, '11-revision-moved-line-location');
      expect(sim.list('vendorBill').filter((b) => b.tranId === 'DP-4410')).toHaveLength(1);
      expect(sim.rejected).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 240_000);

  it('a supplier documents wait on is paired in place with a vendor picked by typing, and the bill is sent', async () => {
    const { api } = app.e2e;
    const vendor = sim.seedRecord('vendor', {
      entityId: 'Kauri Timber Company Ltd',
      companyName: 'Kauri Timber Company Ltd',
      isInactive: false,
    });
    sim.seedRecord('vendor', {
      entityId: 'Beacon Electric',
      companyName: 'Beacon Electric',
      isInactive: false,
    });
    const companyId = await createCompany(app.e2e, 'Kauri Builders', 'USD');
    const connectionId = await connect(companyId, { createMissing: false });
    await api('lists.import', { connectionId });
    const kauri = await api<{ id: string }>('suppliers.create', { companyId, name: 'Kauri Timber' });
    const accounts = await api<{ id: string; name: string }[]>('lists.list', { companyId, kind: 'account' });
    const bill = await api<{ id: string }>('documents.create', {
      companyId,
      type: 'invoice',
      number: 'INV-KT-1',
      supplierInvoiceNumber: 'KT-5531',
      supplierId: kauri.id,
      date: '2026-11-05',
      lines: [
        {
          description: 'Framing timber',
          quantity: '1',
          unitPrice: '620.00',
          accountId: accounts.find((a) => a.name === 'Job Materials')!.id,
        },
      ],
    });
    await api('documents.submit', { id: bill.id });
    await api('documents.approve', { id: bill.id });
    const lastMessage = async () =>
      (
        await api<{ sync: { status: string; lastMessage: string | null }[] }>('documents.get', {
          id: bill.id,
        })
      ).sync[0]?.lastMessage ?? '';
    await poll(lastMessage).toContain("Supplier 'Kauri Timber' has no counterpart in NetSuite");
    expect(await lastMessage()).toContain('Pair it in Connections → Lists');

    const page = await openConnections(app.e2e, companyId);
    try {
      await page.evaluate(() => (window.location.hash = '#/connections/lists'));
      const pairing = page.locator('[data-testid="pairing"][data-name="Kauri Timber"]');
      await pairing.waitFor();
      await expectText(pairing.getByTestId('pairing-name'), 'Supplier ‘Kauri Timber’');
      // No vendors mirrored yet: said, and the import offered in place.
      await expectText(
        pairing.getByTestId('pairing-no-vendors'),
        /No NetSuite vendors are mirrored here yet/,
      );
      await shot(page, '05-needs-pairing-no-vendors');
      await pairing.getByTestId('pairing-import-vendors').click();
      await expectText(page.getByTestId('needs-pairing-done'), /./);

      const name = 'Pair supplier Kauri Timber with';
      const picker = page.getByRole('combobox', { name, exact: true });
      await picker.click();
      await picker.fill('kauri');
      const offered = page.getByRole('listbox', { name, exact: true });
      await poll(() => offered.getByRole('option').getByTestId('option-name').allTextContents()).toEqual([
        'Kauri Timber Company Ltd',
      ]);
      await shot(page, '06-vendor-picker-typed');
      await picker.press('Enter');
      await poll(() => picker.inputValue()).toBe('Kauri Timber Company Ltd');
      await pairing.getByTestId('pairing-pair').click();
      await expectText(
        page.getByTestId('needs-pairing-done'),
        /^Supplier 'Kauri Timber' is paired with the vendor 'Kauri Timber Company Ltd' in NetSuite; 1 document waiting on it went on\./,
      );
      await shot(page, '07-supplier-paired');

      // The bill went on by itself, to that vendor.
      await page.evaluate((id) => (window.location.hash = `#/documents/${id}`), bill.id);
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      await shot(page, '08-bill-sent');
      const bills = sim.list('vendorBill').filter((b) => b.tranId === 'KT-5531');
      expect(bills).toEqual([expect.objectContaining({ entity: { id: vendor.id } })]);
    } finally {
      await page.context().close();
    }
  }, 240_000);
});
