// End-to-end: a Xero supplier paired in place, as a bookkeeper does it in Debian's Chromium against the headless
// server and the simulator. With 'Create missing records' off, a bill waits on a supplier Xero knows under a longer
// name; the bookkeeper imports the contacts from the connection's card, picks the contact by typing in Needs
// pairing on Connections → Lists, and the bill goes on by itself with that ContactID. Screenshots go to
// test-results/e2e/suppliers-xero/.
import { describe, expect, it } from 'vitest';
import { xeroOracleAvailable } from '../simulators/xero/oracle.js';
import { approvedBill, lastMessage, openDocument, pairingOf, pairWithVendor } from './pairing-steps';
import { e2eSuite, openConnections } from './suite';
import { expectText, poll } from './support';
import { connectXero, xeroE2e } from './xero-connect';

const xeroSuite = e2eSuite('suppliers-xero', 'a Xero supplier paired in place', {
  dir: '../shared/oracles/xero/',
  available: xeroOracleAvailable,
});

describe.skipIf(!xeroSuite.runs)('A Xero supplier paired in place (headless server, simulator)', () => {
  const xero = xeroE2e(xeroSuite);
  const { shot } = xeroSuite;

  it('a waiting bill: contacts imported from the card, the contact picked by typing, the bill goes to it', async () => {
    const { api } = xero.e2e;
    const { sim } = xero;
    const org = sim.createOrg({ name: 'Tui Street Builders Ltd' });
    sim.consentTenants = [org.tenantId];
    sim.addAccount(org, { Code: '429', Name: 'General Expenses' });
    const contact = sim.addContact(org, { Name: 'Rimu & Kauri Timber Merchants', IsSupplier: true });
    sim.addContact(org, { Name: 'Rata Roofing', IsSupplier: true });
    const company = await api<{ id: string }>('companies.create', {
      name: 'Tui Street Builders',
      baseCurrency: 'NZD',
    });
    const connectionId = await connectXero(xero.e2e, sim, company.id, { createMissing: false });
    await api('lists.import', { connectionId, kinds: ['account'] });
    const general = (
      await api<{ id: string; name: string }[]>('lists.list', { companyId: company.id, kind: 'account' })
    ).find((a) => a.name === 'General Expenses')!.id;
    const ours = await api<{ id: string }>('suppliers.create', {
      companyId: company.id,
      name: 'Rimu Timber',
    });
    const bill = await approvedBill(xero.e2e, company.id, ours.id, 'RT-5150', general);
    await poll(() => lastMessage(xero.e2e, bill)).toContain(
      "Supplier 'Rimu Timber' has no counterpart in Xero",
    );

    const page = await openConnections(xero.e2e, company.id);
    try {
      // The supplier list first, from the connection's card.
      const card = page.locator('[data-testid="connection"][data-system="xero"]');
      await card.getByTestId('supplier-import-start').click();
      await expectText(card.getByTestId('supplier-import-result'), /^Imported the supplier list .*: 2 new/);

      await page.getByTestId('connections-tab-lists').click();
      const row = pairingOf(page, 'Rimu Timber');
      await row.waitFor();
      await expectText(row.getByTestId('pairing-document'), 'Supplier invoice RT-5150 from Rimu Timber');
      await pairWithVendor(page, 'Rimu Timber', 'rimu', 'Rimu & Kauri Timber Merchants', () =>
        shot(page, '01-contact-picker-typed'),
      );
      await expectText(
        page.getByTestId('needs-pairing-done'),
        /^Supplier 'Rimu Timber' is paired with the contact 'Rimu & Kauri Timber Merchants' in Xero; 1 document waiting on it went on\./,
      );
      await shot(page, '02-supplier-paired');

      await openDocument(page, 'RT-5150');
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      await shot(page, '03-bill-sent');
      const sent = [...org.invoices.values()].filter((i) => i.InvoiceNumber === 'RT-5150');
      expect(sent).toHaveLength(1);
      expect(sent[0]!.Contact).toMatchObject({ ContactID: contact.ContactID });
      // Paired, not created: Xero still has its two contacts.
      expect(org.contacts.size).toBe(2);
      expect(sim.problems).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 180_000);
});
