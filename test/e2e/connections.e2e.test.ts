// End-to-end: the Connections page in Debian's Chromium against the headless server. A company without an
// accounting system sees the empty state and the chooser of systems; once connected to QuickBooks Online, its card
// shows that system's own settings, which save and show in the card. Screenshots go to
// test-results/e2e/connections/ for a person to look at.
import { describe, expect, it } from 'vitest';
import { e2eSuite, useE2eApp } from './suite';
import { expectText, WAIT } from './support';

const suite = e2eSuite('connections', 'Connections');
const { shot } = suite;

describe.skipIf(!suite.runs)('the Connections page (headless server)', () => {
  const app = useE2eApp(suite);

  it('offers the systems to a company without one, shows the connection with its own settings, removes it', async () => {
    const { api, browser, info } = app.e2e;
    const company = await api<{ id: string }>('companies.create', {
      name: 'Harbor Supply',
      baseCurrency: 'USD',
    });

    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(WAIT);
    const page = await context.newPage();
    await page.goto(info.openUrl);
    await page.getByTestId('nav-connections').click();
    await page.getByTestId('connections-empty').waitFor();
    // No accounting system yet: the chooser is open and offers QuickBooks Online.
    await page.getByTestId('connection-add-panel').waitFor();
    await page.getByTestId('connection-add-quickbooks_online').click();
    await page.getByTestId('qbo-add').waitFor();
    await shot(page, '01-empty-with-chooser');

    await api('connections.create', {
      companyId: company.id,
      system: 'quickbooks_online',
      name: 'QuickBooks Online Harbor',
      settings: { environment: 'sandbox', documentsToSend: ['purchase_order', 'invoice'] },
      credentials: { clientId: 'client-id', clientSecret: 'client-secret' },
    });
    await page.reload();
    await page.getByTestId('nav-connections').click();
    const cards = page.getByTestId('connection');
    await expect.poll(() => cards.count(), { timeout: WAIT }).toBe(1);
    // A company sends to one accounting system: with one in place, no other is offered.
    expect(await page.getByTestId('connection-add-panel').count()).toBe(0);

    const online = page.locator('[data-testid="connection"][data-system="quickbooks_online"]');
    await expectText(online.getByTestId('connection-documents-to-send'), 'Purchase order, Supplier invoice');
    await online.getByText('QuickBooks Online settings').click();
    expect(await online.getByTestId('qbo-send-purchase_order').isChecked()).toBe(true);
    expect(await online.getByTestId('qbo-send-service_order').isChecked()).toBe(false);
    await online.getByTestId('qbo-send-service_order').check();
    await online.getByTestId('qbo-save').click();
    await expectText(online.getByTestId('qbo-note'), 'Settings saved.');
    await expectText(
      online.getByTestId('connection-documents-to-send'),
      'Purchase order, Supplier invoice, Service order',
    );
    await shot(page, '02-quickbooks-online-settings');

    // Removing asks first; "Keep it" keeps it, "Remove connection" removes it and the systems are offered again.
    await online.getByTestId('connection-remove').click();
    await expectText(
      online.getByTestId('connection-remove-confirm'),
      /what was sent stays in QuickBooks Online/,
    );
    await shot(page, '03-remove-confirm');
    await online.getByTestId('connection-remove-no').click();
    expect(await online.getByTestId('connection-remove-confirm').count()).toBe(0);
    await online.getByTestId('connection-remove').click();
    await online.getByTestId('connection-remove-yes').click();
    await page.getByTestId('connections-empty').waitFor();
    await page.getByTestId('connection-add-panel').waitFor();
    expect(await api<unknown[]>('connections.list', { companyId: company.id })).toEqual([]);

    await context.close();
  }, 120_000);
});
