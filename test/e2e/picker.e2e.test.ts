// End-to-end: a line's Account picker over a chart of 10,000 accounts, as a bookkeeper uses it, in Debian's Chromium
// against the headless server and the QuickBooks Online simulator. The chart (100 divisions of 99 sites each, full
// names "Division 07:Site 42", and an inactive account) is imported from QuickBooks. Opened, the picker offers all
// 10,000 active accounts but draws only the rows on screen; End goes to the last one, which is drawn when reached,
// and Enter takes it; typing part of the full name narrows the list ("site 42" to 198, then
// "07:site 42" to one), and the inactive account is never offered. How fast it filters is measured by
// bench/picker-filter.ts, not here. Screenshots go to test-results/e2e/picker/.
import { describe, expect, it } from 'vitest';
import { qboOracleAvailable } from '../simulators/quickbooks-online/oracle';
import { expectText, poll } from './support';
import { connectQuickBooksOnline, qboE2e } from './quickbooks-online-connect';
import { e2eSuite, openConnections } from './suite';

const suite = e2eSuite('picker', 'picker over 10,000 accounts', {
  dir: '../shared/oracles/qbo/',
  available: qboOracleAvailable,
});
const { shot } = suite;

const two = (n: number) => String(n).padStart(2, '0');

describe.skipIf(!suite.runs)('A picker over 10,000 accounts (headless server, simulator)', () => {
  const qbo = qboE2e(suite);
  const { sim } = qbo;

  it('offers all 10,000, draws only the rows on screen, goes to the end by keyboard, and narrows by any part of the name', async () => {
    const { api } = qbo.e2e;
    const realm = sim.createRealm({
      companyName: 'Statewide Facilities',
      country: 'US',
      homeCurrency: 'USD',
    });
    sim.consentRealm = realm.id;
    const expense = { AccountType: 'Expense', Classification: 'Expense' };
    for (let d = 0; d < 100; d++) {
      const division = sim.seed(realm, 'Account', { Name: `Division ${two(d)}`, ...expense });
      for (let s = 0; s < 99; s++) {
        sim.seed(realm, 'Account', {
          Name: `Site ${two(s)}`,
          FullyQualifiedName: `Division ${two(d)}:Site ${two(s)}`,
          SubAccount: true,
          ParentRef: { value: division.Id },
          ...expense,
        });
      }
    }
    sim.seed(realm, 'Account', { Name: 'Division 07 closed site 42', Active: false, ...expense });
    sim.seed(realm, 'Vendor', { DisplayName: 'Acme Supplies' });
    const company = await api<{ id: string }>('companies.create', {
      name: 'Statewide Facilities',
      baseCurrency: 'USD',
    });
    const connectionId = await connectQuickBooksOnline(qbo.e2e, sim, company.id, realm.id);
    await api('lists.import', { connectionId, kinds: ['account'] });
    await api('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });

    const page = await openConnections(qbo.e2e, company.id);
    await page.evaluate(() => (window.location.hash = '#/documents/new'));
    await page.getByTestId('document-editor').waitFor();
    const account = page.getByRole('combobox', { name: 'Account for line 1', exact: true });
    const listbox = page.getByRole('listbox', { name: 'Account for line 1', exact: true });
    const options = listbox.getByRole('option');

    // Opened: every active expense account is offered (the set size says so), but only a screenful is drawn.
    await account.click();
    await listbox.waitFor();
    await poll(() => options.first().getAttribute('aria-setsize')).toBe('10000');
    await expectText(options.first().getByTestId('option-name'), 'Division 00');
    expect(await options.count()).toBeLessThan(30);
    await shot(page, '01-opened-10000');

    // End: the last account is highlighted and drawn; Enter takes it.
    await account.press('End');
    await poll(() => account.getAttribute('aria-activedescendant')).toMatch(/-opt-9999$/);
    const last = listbox.locator('[role="option"][aria-posinset="10000"]');
    await expectText(last.getByTestId('option-name'), 'Division 99:Site 98');
    expect(await last.getAttribute('aria-selected')).toBe('true');
    expect(await options.count()).toBeLessThan(30);
    await shot(page, '02-end-of-10000');
    await account.press('Enter');
    await poll(() => account.inputValue()).toBe('Division 99:Site 98');

    // Typed: each word anywhere in the full name, so "site 42" finds Site 42 in every division and every site of
    // Division 42 (100 + 99 - 1); part of the full name across the ':' finds one.
    await account.fill('site 42');
    await poll(() => options.first().getAttribute('aria-setsize')).toBe('198');
    // The popup opens at the top, on the best match Enter would take, not where the last one was scrolled to.
    await expectText(options.first().getByTestId('option-name'), 'Division 00:Site 42');
    expect(await listbox.evaluate((list) => list.scrollTop)).toBe(0);
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await shot(page, '03-typed-after-the-end');
    expect(await options.count()).toBeLessThan(30);
    await account.fill('07:site 42');
    await poll(() => options.allTextContents()).toEqual(['Division 07:Site 42']);
    await shot(page, '04-narrowed-to-one');
    await account.press('Enter');
    await poll(() => account.inputValue()).toBe('Division 07:Site 42');

    // The inactive account is not offered, whatever is typed.
    await account.fill('closed');
    await expectText(listbox, 'Nothing matches');
    await account.press('Escape');
    await poll(() => account.inputValue()).toBe('Division 07:Site 42');
    await page.context().close();
  }, 240_000);
});
