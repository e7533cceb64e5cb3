// End-to-end: a QuickBooks Online connection signed in against the simulator through the headless server, then its
// settings panel in Debian's Chromium. A UK company: the status right after sign-in names the company, the imported
// tax agencies fill the default tax agency picker, and the choice is saved. A US company: no tax settings at all,
// one sentence saying why. A production connection without the firm's relay page explains the one-time step and
// keeps Connect off until the page is saved. Then the bookkeeper's path: the first order approved waits, its page
// saying to confirm the company on the Connections page; the bookkeeper checks the company name and realm id
// there and confirms, and the order goes to QuickBooks on its own, its page showing the state, QuickBooks' id and
// the log entry; a bill dated in a period
// closed since is refused by QuickBooks, and the page says why and what to do; a part payment recorded in QuickBooks
// comes back through the Payments page and the bill shows it. Screenshots go to
// test-results/e2e/quickbooks-online/ for a person to look at.
import { describe, expect, it } from 'vitest';
import { qboOracleAvailable } from '../simulators/quickbooks-online/oracle';
import { expectText, submitAndApprove, WAIT } from './support';
import { qboE2e } from './quickbooks-online-connect';
import { e2eSuite, openConnections } from './suite';

const suite = e2eSuite('quickbooks-online', 'QuickBooks Online', {
  dir: '../shared/oracles/qbo/',
  available: qboOracleAvailable,
});
const { shot } = suite;

interface Connection {
  id: string;
  status: string;
  statusMessage: string | null;
  settings: Record<string, unknown>;
}

describe.skipIf(!suite.runs)('QuickBooks Online settings panel (headless server, simulator)', () => {
  // The simulator with the tests' app ('e2e-client', 'e2e-secret') registered, the server and Chromium.
  const qbo = qboE2e(suite);
  const { sim } = qbo;

  /**
   * A company connected to a new realm through the real sign-in (the consent redirect followed as a browser would),
   * its company confirmed and its lists imported; `confirmed: false` leaves it as the sign-in left it, unconfirmed,
   * where nothing is read from it yet.
   */
  async function connectedCompany(name: string, country: string, currency: string, confirmed = true) {
    const { api } = qbo.e2e;
    const realm = sim.createRealm({ companyName: name, country, homeCurrency: currency });
    sim.consentRealm = realm.id;
    const company = await api<{ id: string }>('companies.create', { name, baseCurrency: currency });
    const connection = await api<Connection>('connections.create', {
      companyId: company.id,
      system: 'quickbooks_online',
      settings: { ...sim.connectionSettings(), environment: 'sandbox' },
      credentials: { clientId: 'e2e-client', clientSecret: 'e2e-secret' },
    });
    const { authorizeUrl } = await api<{ authorizeUrl: string }>('connections.connect', {
      id: connection.id,
    });
    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    await fetch(consent.headers.get('location')!);
    await expect
      .poll(async () => (await api<Connection[]>('connections.list', { companyId: company.id }))[0]!.status, {
        timeout: WAIT,
      })
      .toBe('connected');
    if (confirmed) {
      await api('quickbooksOnline.confirmCompany', { connectionId: connection.id, realmId: realm.id });
      await api('lists.import', { connectionId: connection.id });
    }
    return { company, connection, realm };
  }

  it('UK: status from sign-in, the tax agency picker filled from QuickBooks, the choice saved', async () => {
    const { api } = qbo.e2e;
    const { company, connection, realm } = await connectedCompany('Thames Facilities', 'GB', 'GBP');
    await api('taxRates.create', { companyId: company.id, name: 'Reduced 5%', percent: '5' });
    const agency = sim.records(realm, 'TaxAgency')[0]!;

    const page = await openConnections(qbo.e2e, company.id);
    const card = page.locator('[data-testid="connection"][data-system="quickbooks_online"]');
    await expectText(
      card.getByTestId('connection-status-message'),
      /^Connected to Thames Facilities \(GB, GBP\)/,
    );
    await card.getByText('QuickBooks Online settings').click();
    const picker = card.getByTestId('qbo-defaultTaxAgencyId');
    await expect
      .poll(() => picker.locator('option').allTextContents(), { timeout: WAIT })
      .toContain('Revenue Agency');
    await picker.selectOption(String(agency.Id));
    await card.getByTestId('qbo-tax-map').waitFor();
    await card.getByTestId('qbo-save').click();
    await expectText(card.getByTestId('qbo-note'), 'Settings saved.');
    await shot(page, '01-uk-tax-settings');
    const saved = (await api<Connection[]>('connections.list', { companyId: company.id })).find(
      (c) => c.id === connection.id,
    )!;
    expect(saved.settings.defaultTaxAgencyId).toBe(String(agency.Id));
    await page.context().close();
  }, 120_000);

  it('US: no tax codes, tax agency or mapping; one sentence says why', async () => {
    const { company } = await connectedCompany('Springfield Supply', 'US', 'USD');
    const page = await openConnections(qbo.e2e, company.id);
    const card = page.locator('[data-testid="connection"][data-system="quickbooks_online"]');
    await card.getByText('QuickBooks Online settings').click();
    await expectText(
      card.getByTestId('qbo-us-tax'),
      /^Springfield Supply is a US company: purchase lines carry no tax codes/,
    );
    expect(await card.getByTestId('qbo-defaultTaxAgencyId').count()).toBe(0);
    expect(await card.getByTestId('qbo-tax-map').count()).toBe(0);
    await shot(page, '02-us-no-tax-settings');
    await page.context().close();
  }, 120_000);

  it('production without a relay page: the one-time step is explained and Connect stays off until it is saved', async () => {
    const { api } = qbo.e2e;
    const company = await api<{ id: string }>('companies.create', {
      name: 'Harbor Plumbing',
      baseCurrency: 'USD',
    });
    await api<Connection>('connections.create', {
      companyId: company.id,
      system: 'quickbooks_online',
      settings: { ...sim.connectionSettings(), environment: 'production' },
      credentials: { clientId: 'e2e-client', clientSecret: 'e2e-secret' },
    });
    const page = await openConnections(qbo.e2e, company.id);
    const card = page.locator('[data-testid="connection"][data-system="quickbooks_online"]');
    await expectText(
      card.getByTestId('qbo-relay-needed'),
      /put the files of docs\/relay\/ .* on an https site/,
    );
    await expectText(card.getByTestId('qbo-relay-needed'), /sandbox keys/);
    expect(await card.getByTestId('connection-connect').isDisabled()).toBe(true);
    await shot(page, '00-production-needs-relay-page');
    // The settings are open on the Relay page field; an http address elsewhere is refused, naming the field.
    await card.getByTestId('qbo-relay-url').fill('http://relay.example.org/');
    await card.getByTestId('qbo-save').click();
    await expectText(
      page.getByTestId('error-banner').filter({ hasText: 'relayUrl' }).first(),
      /relayUrl must start with https:\/\//,
    );
    await card.getByTestId('qbo-relay-url').fill('https://relay.example.org/ledgerbridge/relay/');
    await card.getByTestId('qbo-save').click();
    await expectText(card.getByTestId('qbo-note'), 'Settings saved.');
    await expect
      .poll(() => card.getByTestId('connection-connect').isDisabled(), { timeout: WAIT })
      .toBe(false);
    expect(await card.getByTestId('qbo-relay-needed').count()).toBe(0);
    await page.context().close();
  }, 120_000);

  it('an order approved in the browser waits for the company to be confirmed, then reaches QuickBooks: its state, their id and the log; a bill in the closed period says what to do', async () => {
    const { api } = qbo.e2e;
    const { company, realm } = await connectedCompany('Lakeside Hardware', 'US', 'USD', false);
    sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense', Classification: 'Expense' });
    const account = await api<{ id: string }>('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Job Materials',
    });
    const supplier = await api<{ id: string }>('suppliers.create', {
      companyId: company.id,
      name: 'Acme Supplies',
    });
    const order = await api<{ id: string }>('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      supplierId: supplier.id,
      date: '2026-11-20',
      lines: [
        { description: 'Copper pipe 15 mm, 3 m', quantity: '10', unitPrice: '12.40', accountId: account.id },
        { description: 'Pipe clips, box of 50', quantity: '2', unitPrice: '8.75', accountId: account.id },
      ],
    });

    const page = await openConnections(qbo.e2e, company.id);
    const approveInBrowser = async (id: string) => {
      await page.evaluate((hash) => (window.location.hash = hash), `#/documents/${id}`);
      await submitAndApprove(page);
    };

    // Approved before the company was confirmed: nothing goes, and the page says where to confirm.
    await approveInBrowser(order.id);
    const sync = page.getByTestId('sync-status');
    await expectText(sync.getByTestId('sync-message'), /Confirm the company on the Connections page/);
    expect(sim.records(realm, 'PurchaseOrder')).toHaveLength(0);
    await shot(page, '03a-order-waits-for-confirmation');

    // The Connections page shows the company QuickBooks named and its realm id; the bookkeeper confirms it there,
    // and the order goes on its own; its page follows without a reload.
    await page.getByTestId('nav-connections').click();
    const card = page.locator('[data-testid="connection"][data-system="quickbooks_online"]');
    await expectText(card.getByTestId('qbo-company-name'), 'Lakeside Hardware');
    await expectText(card.getByTestId('qbo-company-id'), realm.id);
    await shot(page, '03b-confirm-company');
    await card.getByTestId('qbo-confirm-company-button').click();
    await expectText(
      card.getByTestId('qbo-company-confirmed'),
      new RegExp(`^Sends to Lakeside Hardware \\(realm id ${realm.id}\\), confirmed by \\S+ on `),
    );
    await page.evaluate((hash) => (window.location.hash = hash), `#/documents/${order.id}`);
    await expectText(sync.getByTestId('sync-status-badge'), 'Sent');
    const sent = sim.records(realm, 'PurchaseOrder');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.TotalAmt).toBe(141.5);
    await expect.poll(() => sync.textContent(), { timeout: WAIT }).toContain(`Their id: ${sent[0]!.Id}`);
    const created = page.getByTestId('log-entry').filter({ hasText: /QuickBooks Online/ });
    await expect.poll(() => created.count(), { timeout: WAIT }).toBeGreaterThan(0);
    expect(await created.first().getAttribute('data-result')).toBe('success');
    await expectText(
      created.first().getByTestId('log-message'),
      /^Created purchase order PO-\S+ in QuickBooks Online \(total 141\.50\)\.$/,
    );
    await expectText(page.getByTestId('action-send'), 'Send again to QuickBooks Online');
    await shot(page, '03-order-sent');

    // The books were closed in QuickBooks up to the end of October after we connected: QuickBooks refuses a bill
    // dated inside them, and the document says why and what to do.
    realm.options.bookCloseDate = '2026-10-31';
    const bill = await api<{ id: string }>('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'ACME-7781',
      date: '2026-10-15',
      lines: [{ description: 'October call-out', quantity: '1', unitPrice: '95', accountId: account.id }],
    });
    await approveInBrowser(bill.id);
    await expectText(sync.getByTestId('sync-status-badge'), 'Failed');
    await expectText(sync.getByTestId('sync-message'), /its date is in a closed period/);
    expect(sim.records(realm, 'Bill')).toHaveLength(0);
    await shot(page, '04-bill-in-closed-period');

    // A bill in the open period is sent; QuickBooks records a part payment by cheque against it; the Payments page
    // brings it back for a date range, and the bill is partly paid with the payment listed.
    const paid = await api<{ id: string }>('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'ACME-7790',
      date: '2026-11-05',
      lines: [{ description: 'Radiator valves', quantity: '4', unitPrice: '25', accountId: account.id }],
    });
    await approveInBrowser(paid.id);
    await expectText(sync.getByTestId('sync-status-badge'), 'Sent');
    const billId = sim.records(realm, 'Bill')[0]!.Id;
    const bank = sim.seed(realm, 'Account', {
      Name: 'Checking',
      AccountType: 'Bank',
      Classification: 'Asset',
    });
    sim.seed(realm, 'BillPayment', {
      VendorRef: sim.get(realm, 'Bill', String(billId))!.VendorRef,
      PayType: 'Check',
      CheckPayment: { BankAccountRef: { value: bank.Id } },
      TotalAmt: 40,
      TxnDate: '2026-11-10',
      Line: [{ Amount: 40, LinkedTxn: [{ TxnId: billId, TxnType: 'Bill' }] }],
    });
    await page.getByTestId('nav-payments').click();
    await page.locator('#payments-from').fill('2026-11-01');
    await page.locator('#payments-to').fill('2026-11-30');
    await page.getByTestId('payments-import').click();
    await expectText(
      page.getByTestId('payments-result'),
      /^1 payment applied, 0 canceled, 1 invoice changed/,
    );
    await shot(page, '05-payments-imported');
    await page.evaluate((hash) => (window.location.hash = hash), `#/documents/${paid.id}`);
    await expectText(page.getByTestId('document-payment-status'), 'Partly paid');
    await expectText(page.getByTestId('payment-row'), /2026-11-10\s*Bill payment \(cheque\)\s*\$40\.00/);
    await expectText(
      page.getByTestId('log-message').first(),
      'Partly paid in QuickBooks Online: 40.00 of 100.00, 60.00 open.',
    );
    await shot(page, '06-bill-partly-paid');

    // The Activity page: everything above, newest first, across the company's documents.
    await page.getByTestId('nav-activity').click();
    await expectText(page.getByTestId('activity-total'), /\d+ entr/);
    await page.getByText('Partly paid in QuickBooks Online: 40.00 of 100.00, 60.00 open.').waitFor();
    await page
      .getByText(/QuickBooks refused bill ACME-7781: its date is in a closed period/)
      .first()
      .waitFor();
    await shot(page, '07-activity');
    await page.context().close();
  }, 120_000);
});
