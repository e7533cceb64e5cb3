// End-to-end: a Xero organisation without tracking categories, and what its bills bring back, as a bookkeeper sees
// them in Debian's Chromium against the headless server and the Xero simulator. The editor offers an account per
// line and no tracking picker (the organisation has none); the bill is sent. In Xero a supplier credit note is
// allocated to it and a payment made; the Payments page brings both back for a date range, names the allocation a
// supplier credit and the payment a bill payment (not a cheque), filters by system, and the bill shows partly paid. Screenshots go to
// test-results/e2e/xero-payments/.
import { describe, expect, it } from 'vitest';
import { xeroOracleAvailable } from '../simulators/xero/oracle.js';
import { expectText, poll, submitAndApprove } from './support';
import { e2eSuite, openConnections } from './suite';
import { connectTidewater, xeroE2e } from './xero-connect';

const suite = e2eSuite('xero-payments', 'Xero coding without tracking, and payments', {
  dir: '../shared/oracles/xero/',
  available: xeroOracleAvailable,
});
const { shot } = suite;

describe.skipIf(!suite.runs)(
  'A Xero bill without tracking, and its payments (headless server, simulator)',
  () => {
    const xero = xeroE2e(suite);

    it('no tracking picker where the organisation has none; a credit note allocated to the bill comes back as supplier credit', async () => {
      const { sim } = xero;
      const { org, companyId } = await connectTidewater(xero);

      // The editor: an account per line, and nothing for tracking, classes or customers.
      const page = await openConnections(xero.e2e, companyId);
      await page.evaluate(() => (window.location.hash = '#/documents/new'));
      await page.getByTestId('document-editor').waitFor();
      await page.getByTestId('doc-type').selectOption('invoice');
      await page.getByTestId('doc-supplier-invoice-number').fill('KT-410');
      const chooser = page.getByTestId('doc-supplier');
      await chooser.locator('option', { hasText: 'Kauri Timber Co' }).waitFor({ state: 'attached' });
      await chooser.selectOption({ label: 'Kauri Timber Co' });
      const account = page.getByRole('combobox', { name: 'Account for line 1', exact: true });
      await account.waitFor();
      const linePickers = await page
        .locator('input[role="combobox"][aria-label$=" for line 1"]')
        .evaluateAll((inputs) => inputs.map((i) => i.getAttribute('aria-label')));
      expect(linePickers).toEqual(['Account for line 1']);
      const line1 = page.getByTestId('line-row').nth(0);
      await line1.getByTestId('line-description').fill('Rimu boards');
      await line1.getByTestId('line-quantity').fill('4');
      await line1.getByTestId('line-unit-price').fill('50');
      await account.click();
      await account.fill('general');
      await expectText(
        page.getByRole('listbox', { name: 'Account for line 1' }).getByRole('option').first(),
        /^General Expenses/,
      );
      await account.press('Enter');
      await poll(() => account.inputValue()).toBe('General Expenses');
      await shot(page, '01-no-tracking-pickers');
      await page.getByTestId('save-document').click();
      await page.getByTestId('document-view').waitFor();
      await submitAndApprove(page);
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      const bill = [...org.invoices.values()].find((i) => i.InvoiceNumber === 'KT-410')!;
      expect(bill.LineItems).toHaveLength(1);
      expect((bill.LineItems as Record<string, unknown>[])[0]!.Tracking ?? []).toEqual([]);

      // In Xero: a supplier credit note of 150, 30 of it allocated to the bill; and a payment of 100.
      const billId = String(bill.InvoiceID);
      const credit = sim.addSupplierCredit(org, 150, '2026-11-08');
      sim.allocateCredit(org, String(credit.CreditNoteID), billId, 30, '2026-11-09');
      sim.addPayment(org, billId, 100, '2026-11-11');

      // The Payments page brings both back and names each as Xero does.
      await page.getByTestId('nav-payments').click();
      await page.locator('#payments-from').fill('2026-11-01');
      await page.locator('#payments-to').fill('2026-11-30');
      await page.getByTestId('payments-import').click();
      await expectText(
        page.getByTestId('payments-result'),
        /^2 payments applied, 0 canceled, 1 invoice changed/,
      );
      const rows = page.getByTestId('payments-row');
      await poll(() => rows.count()).toBe(2);
      await expectText(rows.nth(0).getByTestId('payments-row-date'), '2026-11-11');
      await expectText(rows.nth(0).getByTestId('payments-row-amount'), /100\.00/);
      // A Xero payment on a bill: not a cheque, whatever the other systems call theirs.
      await expectText(rows.nth(0).getByTestId('payments-row-kind'), 'Bill payment');
      await expectText(rows.nth(1).getByTestId('payments-row-kind'), 'Supplier credit');
      await expectText(rows.nth(1).getByTestId('payments-row-amount'), /30\.00/);
      await expectText(rows.nth(1).getByTestId('payments-row-system'), /Xero/);
      await expectText(rows.nth(1).getByTestId('payments-row-document'), /KT-410|BILL-/);
      await shot(page, '02-payments-with-supplier-credit');
      // Filtered by system: Xero keeps both; another system has none.
      const systems = await page
        .getByTestId('payments-filter-system')
        .locator('option')
        .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
      expect(systems).toContain('xero');
      await page.getByTestId('payments-filter-system').selectOption('xero');
      await poll(() => rows.count()).toBe(2);
      const other = systems.find((s) => s !== '' && s !== 'xero');
      if (other) {
        await page.getByTestId('payments-filter-system').selectOption(other);
        await page.getByTestId('payments-list-empty').waitFor();
      }
      await page.getByTestId('payments-filter-system').selectOption('xero');

      // The bill shows what is left to pay.
      await rows.nth(1).getByTestId('payments-row-document').click();
      await expectText(page.getByTestId('document-payment-status'), 'Partly paid');
      await shot(page, '03-bill-partly-paid');
      await page.context().close();
    }, 180_000);
  },
);
