// End-to-end: a QuickBooks Desktop supplier paired in place, as a bookkeeper does it in Debian's Chromium against the
// headless server, the fake Web Connector (soap client from the vendor WSDL) and the QuickBooks simulator, which
// checks every message against Intuit's XSD. With 'Create missing records' off, a bill waits on a supplier QuickBooks
// knows under a longer name. The connection brings in only vendors named like a supplier here, so Needs pairing says
// which setting brings in the others; the bookkeeper turns it on and asks for the supplier list, the Web Connector
// runs, and the vendor is picked by typing. The bill goes at the next run with that vendor's ListID in its VendorRef.
// Screenshots go to test-results/e2e/suppliers-qbd/.
import { describe, expect, it } from 'vitest';
import { QbdSimulator } from '../simulators/quickbooks-desktop/simulator.js';
import { assertValidQbxml, qbxmlXsdAvailability } from '../simulators/quickbooks-desktop/xsd-validate.js';
import { wsdlOracleAvailable } from '../simulators/web-connector/fake-web-connector.js';
import { approvedBill, lastMessage, openDocument, pairingOf, pairWithVendor } from './pairing-steps';
import { connectQuickBooksDesktop } from './quickbooks-desktop-connect';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';
import { expectText, poll } from './support';

const qbdSuite = e2eSuite('suppliers-qbd', 'a QuickBooks Desktop supplier paired in place', {
  dir: '../shared/oracles/qbwc/ and ../shared/oracles/qbxml/',
  available: () => wsdlOracleAvailable() && qbxmlXsdAvailability().available,
});

describe.skipIf(!qbdSuite.runs)(
  'A QuickBooks Desktop supplier paired in place (Web Connector, simulator)',
  () => {
    const qbd = useE2eApp(qbdSuite);
    const { shot } = qbdSuite;

    it('a waiting bill: vendors read at the next Web Connector run, one picked by typing; the bill goes with its ListID', async () => {
      const { e2e } = qbd;
      const { api } = e2e;
      // Validates every message against qbxmlops130.xsd: invalid qbXML fails the session.
      const sim = new QbdSimulator({ companyName: 'Matai Joinery' });
      const vendor = sim.addVendor('Matai Timber Supplies Ltd');
      sim.addVendor('Matai Hardware');
      sim.addVendor('Beacon Electric');
      const companyId = await createCompany(e2e, 'Matai Joinery', 'USD');
      const connection = await connectQuickBooksDesktop(e2e, companyId, {
        username: 'suppliers-e2e',
        settings: { createMissing: false },
      });
      // The qbXML QuickBooks processed, in order.
      const messages: string[] = [];
      const runSessions = async () => messages.push(...(await connection.runSessions(sim)));
      // The lists at the next session; its vendors are only paired by name there, and none is named like ours.
      await api('lists.import', { connectionId: connection.id });
      await runSessions();
      const accounts = await api<{ id: string; name: string }[]>('lists.list', {
        companyId,
        kind: 'account',
      });
      const materials = accounts.find((a) => a.name === 'Job Materials')!.id;
      const ours = await api<{ id: string }>('suppliers.create', {
        companyId,
        name: 'Matai Timber',
      });
      const bill = await approvedBill(e2e, companyId, ours.id, 'MT-4471', materials);
      await runSessions();
      await poll(() => lastMessage(e2e, bill)).toContain(
        "Supplier 'Matai Timber' has no counterpart in QuickBooks Desktop. Pair it in Connections → Lists",
      );
      expect(sim.company.bills.size).toBe(0);

      const page = await openConnections(e2e, companyId);
      try {
        await page.getByTestId('connections-tab-lists').click();
        const row = pairingOf(page, 'Matai Timber');
        await row.waitFor();
        await expectText(row.getByTestId('pairing-document'), 'Supplier invoice MT-4471 from Matai Timber');
        // The connection brings in only vendors named like a supplier here: the row says what to turn on.
        await expectText(
          row.getByTestId('pairing-no-vendors'),
          'No QuickBooks Desktop vendors are mirrored here yet, and this connection brings in only those named like a supplier here. Turn on "Add QuickBooks vendors that match none of our suppliers as suppliers" in Connections → QuickBooks Desktop settings, then import the supplier list to pair it with one.',
        );
        // 'Create missing suppliers and records' is off: no Create button, but what would make one.
        expect(await row.getByTestId('pairing-create').count()).toBe(0);
        await expectText(
          row.getByTestId('pairing-create-off'),
          /^To create it in QuickBooks Desktop from here, turn on 'Create missing suppliers and records in QuickBooks Desktop'/,
        );
        await shot(page, '01-needs-pairing-no-vendors');
        await page.getByTestId('connections-tab-connections').click();
        // The card says what Import suppliers does with the setting off: it pairs, it adds nothing.
        const card = page.locator('[data-testid="connection"][data-system="quickbooks_desktop"]');
        const description = card.getByTestId('supplier-import-description');
        await expectText(
          description,
          /^Reads every vendor QuickBooks Desktop keeps at the next Web Connector session and pairs those named like a supplier here; the others are not added\./,
        );
        // The last read (the Web Connector run's) says what it did, and which setting adds the others.
        await expectText(
          card.getByTestId('supplier-import-result'),
          'Read 3 vendors from QuickBooks Desktop: none is named like a supplier here, so none was paired. They were not added to Suppliers, because "Add QuickBooks vendors that match none of our suppliers as suppliers" is off for this connection. To add them, turn that on in the connection\'s settings and choose Import suppliers again.',
        );
        await shot(page, '01b-card-vendors-paired-only');
        await page.getByTestId('qbd-settings').locator('summary').click();
        // Every checkbox of the panel reads alike: "Create missing suppliers and records in …" too.
        const looks = (testId: string) =>
          page.locator(`label:has([data-testid="${testId}"])`).evaluate((label) => {
            const style = getComputedStyle(label);
            return [style.fontSize, style.fontWeight, style.color].join(' ');
          });
        const checkbox = await looks('qbd-import-vendors');
        expect(await looks('qbd-import-payments')).toBe(checkbox);
        expect(await looks('qbd-create-missing')).toBe(checkbox);
        await expectText(
          page.getByTestId('qbd-create-missing-hint'),
          /^Off: a document naming a supplier or record QuickBooks Desktop does not have waits until you pair it/,
        );
        await shot(page, '01c-settings-checkboxes');
        await page.getByTestId('qbd-import-vendors').check();
        await page.getByTestId('qbd-save').click();
        await page.getByTestId('qbd-note').waitFor();
        await expectText(
          description,
          'Reads every vendor QuickBooks Desktop keeps at the next Web Connector session: new ones are added to Suppliers, ones already here are paired by name.',
        );
        // Saving the settings leaves the bill waiting (the next run looks at it again); the supplier list is asked
        // for from the connection's card, for that run.
        await card.getByTestId('supplier-import-start').click();
        await expectText(
          card.getByTestId('supplier-import-queued'),
          'QuickBooks Desktop sends its vendors at the next Web Connector session; they then appear under Suppliers.',
        );
        await shot(page, '02-vendors-asked-for');

        // Before the run, the bill is still in Needs pairing: saving settings did not take it out.
        await page.getByTestId('connections-tab-lists').click();
        await expectText(row.getByTestId('pairing-document'), 'Supplier invoice MT-4471 from Matai Timber');
        await shot(page, '02b-still-needs-pairing-after-save');
        // The Web Connector runs while the Lists page is open: the whole vendor list comes (the first run read it,
        // but only to pair by name), and the bill, still waiting, has vendors to pair it with.
        await runSessions();
        await expectText(row.getByTestId('pairing-document'), 'Supplier invoice MT-4471 from Matai Timber');
        await pairWithVendor(page, 'Matai Timber', 'timber', 'Matai Timber Supplies Ltd', () =>
          shot(page, '03-vendor-picker-typed'),
        );
        await expectText(
          page.getByTestId('needs-pairing-done'),
          /^Supplier 'Matai Timber' is paired with the vendor 'Matai Timber Supplies Ltd' in QuickBooks Desktop; 1 document waiting on it went on\./,
        );
        await shot(page, '04-supplier-paired');

        // The bill goes at the next run, to that vendor by its ListID, in qbXML valid against Intuit's schema.
        await runSessions();
        await openDocument(page, 'MT-4471');
        await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
        await shot(page, '05-bill-in-quickbooks');
        const bills = [...sim.company.bills.values()];
        expect(bills).toHaveLength(1);
        expect(bills[0]).toMatchObject({ RefNumber: 'MT-4471', VendorListID: vendor.ListID });
        const billAdds = messages.filter((m) => m.includes('<BillAddRq'));
        expect(billAdds).toHaveLength(1);
        expect(billAdds[0]).toMatch(
          new RegExp(`<BillAdd[^>]*>\\s*<VendorRef>\\s*<ListID>${vendor.ListID}</ListID>\\s*</VendorRef>`),
        );
        assertValidQbxml(billAdds[0]!, 'the BillAdd message');
        // Paired, not created: no VendorAdd went to QuickBooks.
        expect(messages.some((m) => m.includes('<VendorAddRq'))).toBe(false);
      } finally {
        await page.context().close();
      }
    }, 180_000);

    it('a waiting bill: Create in QuickBooks Desktop once the setting allows; the next run adds the vendor and sends it', async () => {
      const { e2e } = qbd;
      const { api } = e2e;
      const sim = new QbdSimulator({ companyName: 'Kowhai Builders' });
      sim.addVendor('Beacon Electric');
      const companyId = await createCompany(e2e, 'Kowhai Builders', 'USD');
      const connection = await connectQuickBooksDesktop(e2e, companyId, {
        username: 'create-vendor-e2e',
        settings: { createMissing: false },
      });
      const messages: string[] = [];
      const runSessions = async () => messages.push(...(await connection.runSessions(sim)));
      await runSessions();
      const accounts = await api<{ id: string; name: string }[]>('lists.list', {
        companyId,
        kind: 'account',
      });
      const materials = accounts.find((a) => a.name === 'Job Materials')!.id;
      const ours = await api<{ id: string }>('suppliers.create', { companyId, name: 'Kowhai Joinery' });
      const bill = await approvedBill(e2e, companyId, ours.id, 'KJ-118', materials);
      await runSessions();
      await poll(() => lastMessage(e2e, bill)).toContain("Supplier 'Kowhai Joinery' has no counterpart");

      const page = await openConnections(e2e, companyId);
      try {
        // The setting is turned on in the connection's settings; Needs pairing then offers to create it.
        await page.getByTestId('qbd-settings').locator('summary').click();
        await page.getByTestId('qbd-create-missing').check();
        await page.getByTestId('qbd-save').click();
        await page.getByTestId('qbd-note').waitFor();
        await page.getByTestId('connections-tab-lists').click();
        const row = pairingOf(page, 'Kowhai Joinery');
        await row.waitFor();
        expect(await row.getByTestId('pairing-create-off').count()).toBe(0);
        const create = row.getByTestId('pairing-create');
        await expectText(create, 'Create in QuickBooks Desktop');
        await shot(page, '06-create-in-quickbooks-offered');
        await create.click();
        await expectText(
          page.getByTestId('needs-pairing-done'),
          "Supplier 'Kowhai Joinery' is added to QuickBooks Desktop at its next Web Connector run (or paired, if QuickBooks Desktop has it already); 1 document waiting on it goes on then. To run it now, click Update Selected in the QuickBooks Web Connector.",
        );
        expect(await row.count()).toBe(0);
        await shot(page, '07-create-queued');

        // The next run adds the vendor, in qbXML valid against Intuit's schema, and the bill goes to it.
        await runSessions();
        await openDocument(page, 'KJ-118');
        await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
        await shot(page, '08-bill-sent-to-new-vendor');
        const vendor = [...sim.company.vendors.values()].find((v) => v.Name === 'Kowhai Joinery');
        expect(vendor).toBeDefined();
        const vendorAdds = messages.filter((m) => m.includes('<VendorAddRq'));
        expect(vendorAdds).toHaveLength(1);
        assertValidQbxml(vendorAdds[0]!, 'the VendorAdd message');
        expect([...sim.company.bills.values()].map((b) => [b.RefNumber, b.VendorListID])).toEqual([
          ['KJ-118', vendor!.ListID],
        ]);
      } finally {
        await page.context().close();
      }
    }, 180_000);
  },
);
