// End-to-end: a Xero connection switched to another organisation, as a bookkeeper does it in Debian's Chromium
// against the headless server and the Xero simulator. A bill went to the first organisation; the sign-in now
// reaches a second one too. Choosing it under Organisation in the Xero settings does not switch at once: the
// Connections page asks to confirm, naming what belonged to the first organisation and what happens to the bill
// sent there. Confirm company switches; the bill then says it stays in the first organisation. Screenshots go to
// test-results/e2e/xero-switch/.
import { describe, expect, it } from 'vitest';
import { xeroOracleAvailable } from '../simulators/xero/oracle.js';
import { expectText, poll } from './support';
import { e2eSuite, openConnections } from './suite';
import { connectXero, xeroE2e } from './xero-connect';

const suite = e2eSuite('xero-switch', 'Xero organisation switch', {
  dir: '../shared/oracles/xero/',
  available: xeroOracleAvailable,
});
const { shot } = suite;

interface SyncRow {
  status: string;
  lastMessage: string | null;
}

describe.skipIf(!suite.runs)(
  'Switching a Xero connection to another organisation (headless server, simulator)',
  () => {
    const xero = xeroE2e(suite);

    it('asks to confirm the switch on the Connections page; the bill sent before stays in the old organisation', async () => {
      const { api } = xero.e2e;
      const { sim } = xero;
      const northwind = sim.createOrg({ name: 'Northwind Facilities Ltd' });
      const harbour = sim.createOrg({ name: 'Harbour Holdings Pty', countryCode: 'AU', baseCurrency: 'AUD' });
      sim.addAccount(northwind, { Code: '310', Name: 'Job Materials' });
      sim.consentTenants = [northwind.tenantId];
      const company = await api<{ id: string }>('companies.create', {
        name: 'Northwind Facilities',
        baseCurrency: 'NZD',
      });
      const connectionId = await connectXero(xero.e2e, sim, company.id);

      // A bill sent to Northwind.
      await api('lists.import', { connectionId, kinds: ['account'] });
      const accounts = await api<{ id: string; name: string }[]>('lists.list', {
        companyId: company.id,
        kind: 'account',
      });
      const supplier = await api<{ id: string }>('suppliers.create', {
        companyId: company.id,
        name: 'Acme Supplies',
      });
      const bill = await api<{ id: string }>('documents.create', {
        companyId: company.id,
        type: 'invoice',
        supplierId: supplier.id,
        supplierInvoiceNumber: 'AC-100',
        date: '2026-11-05',
        lines: [
          {
            description: 'Parts',
            quantity: '2',
            unitPrice: '19.95',
            accountId: accounts.find((a) => a.name === 'Job Materials')!.id,
          },
        ],
      });
      await api('documents.submit', { id: bill.id });
      await api('documents.approve', { id: bill.id });
      const syncOf = async () => (await api<{ sync: SyncRow[] }>('documents.get', { id: bill.id })).sync[0];
      await poll(async () => (await syncOf())?.status).toBe('sent');

      // A sign-in that allows a second organisation as well; Northwind stays in use.
      sim.consentTenants = [northwind.tenantId, harbour.tenantId];
      const { authorizeUrl } = await api<{ authorizeUrl: string }>('connections.connect', {
        id: connectionId,
      });
      const consent = await fetch(authorizeUrl, { redirect: 'manual' });
      await fetch(consent.headers.get('location')!);
      await poll(
        async () =>
          (await api<{ id: string; status: string }[]>('connections.list', { companyId: company.id }))[0]
            ?.status,
      ).toBe('connected');

      const page = await openConnections(xero.e2e, company.id);
      try {
        const settings = page.getByTestId('xero-settings');
        if ((await settings.getAttribute('open')) === null) await settings.locator('summary').click();
        await page.getByTestId('xero-tenant').locator('option', { hasText: 'Harbour Holdings Pty' }).waitFor({
          state: 'attached',
        });
        expect(await page.getByTestId('xero-confirm-company').count()).toBe(0);
        await page.getByTestId('xero-tenant').selectOption({ label: 'Harbour Holdings Pty' });
        await page.getByTestId('xero-choose-tenant').click();

        // Not switched yet: the page asks, naming both organisations and what a switch retires.
        const banner = page.getByTestId('xero-confirm-company');
        await banner.waitFor();
        await expectText(banner.getByTestId('xero-company-name'), 'Harbour Holdings Pty');
        await expectText(banner.getByTestId('xero-company-id'), harbour.tenantId);
        await expectText(
          banner.getByTestId('xero-company-switch'),
          /This connection sent to Northwind Facilities Ltd before\. Confirming switches it to Harbour Holdings Pty/,
        );
        await expectText(banner.getByTestId('xero-company-switch'), /documents already sent to Northwind/);
        await expectText(
          page.locator('#xero-tenant-' + connectionId + ' + .field__hint'),
          /Documents wait until you confirm the switch to Harbour Holdings Pty above; to stay with Northwind Facilities Ltd, choose it here instead\./,
        );
        await banner.scrollIntoViewIfNeeded();
        await shot(page, '01-confirm-switch');
        expect(harbour.invoices.size + harbour.contacts.size).toBe(0);

        await banner.getByTestId('xero-confirm-company-button').click();
        await poll(() => page.getByTestId('xero-confirm-company').count()).toBe(0);
        await poll(async () => (await syncOf())?.status).toBe('historical');
        // The suppliers shown are the new organisation's (none yet), no longer Northwind's.
        await expectText(page.getByTestId('xero-suppliers-count'), /^0 shown/);
        await expectText(
          page.locator('#xero-tenant-' + connectionId + ' + .field__hint'),
          'Documents go to Harbour Holdings Pty. One organisation per company.',
        );
        await shot(page, '02-switched');

        // The bill sent to Northwind says where it stays and that it will not go to Harbour.
        await page.evaluate((hash) => (window.location.hash = hash), `#/documents/${bill.id}`);
        const sync = page.getByTestId('sync-status');
        await expectText(
          sync.getByTestId('sync-message'),
          /Sent to the Xero organisation Northwind Facilities Ltd before this connection was switched to the Xero organisation Harbour Holdings Pty/,
        );
        await shot(page, '03-bill-stays-in-northwind');
        expect(harbour.invoices.size).toBe(0);
        expect(northwind.invoices.size).toBe(1);
      } finally {
        await page.context().close();
      }
    }, 180_000);
  },
);
