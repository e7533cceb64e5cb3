// End-to-end: bulk actions and payments in view, in Debian's Chromium against the headless server and the
// QuickBooks Online simulator. 51 approved purchase orders are selected on the Documents page (the head's box for
// the rows on screen, then every one matching the Approved filter) and sent to QuickBooks Online in one action;
// QuickBooks refuses the one dated in a period it closed meanwhile. The summary follows the sends to the end and
// says 50 sent, 1 refused, naming the refused order with QuickBooks' reason and a link to it. A mixed selection
// (a draft and a sent order) submitted in bulk: the draft goes for approval, the sent order is refused by the
// one-document rule, named with why. With 'Create missing records' off, a bulk send where some go, two wait for a
// supplier pairing and two are refused (a draft here, a closed period there): the summary says 3 sent, 2 waiting,
// 2 refused, names each with why, and the list shows the waiting ones as Waiting. Then payments: a bill sent, paid
// twice in part, one payment voided after and a cheque written; the Payments page brings them back for a date
// range and lists them (date, system, kind, amount, the bill with a link, canceled or not), filtered by status;
// the Documents list shows the bill partly paid and filters by it. Screenshots go to test-results/e2e/bulk/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { QboSimulator, Realm } from '../simulators/quickbooks-online/simulator';
import { qboOracleAvailable } from '../simulators/quickbooks-online/oracle';
import { expectText, poll, WAIT } from './support';
import { connectQuickBooksOnline, qboE2e } from './quickbooks-online-connect';
import { e2eSuite, openConnections } from './suite';

const suite = e2eSuite('bulk', 'bulk actions and payments', {
  dir: '../shared/oracles/qbo/',
  available: qboOracleAvailable,
});
const { shot } = suite;

describe.skipIf(!suite.runs)(
  'Bulk actions and payments in view (headless server, QuickBooks Online simulator)',
  () => {
    const qbo = qboE2e(suite);
    const { sim } = qbo;

    /** A company connected to a new realm through the real sign-in, its company confirmed, an expense account. */
    async function connectedCompany(name: string, settings: Record<string, unknown> = {}) {
      const { api } = qbo.e2e;
      const realm = sim.createRealm({ companyName: name, country: 'US', homeCurrency: 'USD' });
      sim.consentRealm = realm.id;
      sim.seed(realm, 'Account', {
        Name: 'Job Materials',
        AccountType: 'Expense',
        Classification: 'Expense',
      });
      const company = await api<{ id: string }>('companies.create', { name, baseCurrency: 'USD' });
      // Nothing is sent on approval: these tests send by hand, in bulk.
      const connectionId = await connectQuickBooksOnline(qbo.e2e, sim, company.id, realm.id, {
        documentsToSend: [],
        ...settings,
      });
      await api('lists.import', { connectionId });
      const account = (
        await api<{ id: string; name: string }[]>('lists.list', { companyId: company.id, kind: 'account' })
      ).find((a) => a.name === 'Job Materials')!;
      const supplier = await api<{ id: string }>('suppliers.create', {
        companyId: company.id,
        name: 'Acme Supplies',
      });
      return { company, connection: { id: connectionId }, realm, account, supplier };
    }

    async function openDocuments(companyId: string): Promise<Page> {
      const page = await openConnections(qbo.e2e, companyId);
      await page.getByTestId('nav-documents').click();
      await page.getByTestId('documents-page').waitFor();
      return page;
    }

    it('sends 51 approved orders from the Documents page; the summary says 50 sent and names the one QuickBooks refused, with why', async () => {
      const { api } = qbo.e2e;
      const { company, realm, account, supplier } = await connectedCompany('Lakeside Hardware');
      const order = (number: string, date: string) =>
        api<{ id: string; number: string }>('documents.create', {
          companyId: company.id,
          type: 'purchase_order',
          number,
          supplierId: supplier.id,
          date,
          lines: [
            {
              description: `Copper pipe for ${number}`,
              quantity: '2',
              unitPrice: '12.40',
              accountId: account.id,
            },
          ],
        });
      const orders = [];
      for (let i = 1; i <= 50; i++)
        orders.push(await order(`PO-${String(i).padStart(3, '0')}`, '2026-11-20'));
      const late = await order('PO-OCT', '2026-10-15');
      const draft = await order('PO-DRAFT', '2026-11-21');
      const ids = [...orders, late].map((o) => o.id);
      await api('documents.submitMany', { companyId: company.id, ids });
      const approved = await api<{ results: { outcome: string }[] }>('documents.approveMany', {
        companyId: company.id,
        ids,
      });
      // Nothing is sent automatically on this connection: approval only approves.
      expect(approved.results.every((r) => r.outcome === 'approved')).toBe(true);
      // QuickBooks' books were closed to the end of October since the orders were approved.
      realm.options.bookCloseDate = '2026-10-31';

      const page = await openDocuments(company.id);
      await page.getByTestId('filter-status').selectOption('approved');
      await poll(() => page.getByTestId('documents-total').getAttribute('data-total')).toBe('51');
      await page.getByTestId('document-row').first().waitFor();
      await page.getByTestId('select-visible').check();
      const count = page.getByTestId('bulk-selected-count');
      const onScreen = Number(await count.getAttribute('data-count'));
      expect(onScreen).toBeGreaterThan(5);
      expect(onScreen).toBeLessThan(51);
      await page.getByTestId('bulk-select-matching').click();
      await poll(() => count.getAttribute('data-count')).toBe('51');
      await shot(page, '01-51-selected');

      await expectText(page.getByTestId('bulk-send'), 'Send to QuickBooks Online');
      await page.getByTestId('bulk-send').click();
      const summary = page.getByTestId('bulk-summary');
      await summary.waitFor();
      await expect
        .poll(() => summary.getAttribute('data-running'), { timeout: 120_000, interval: 250 })
        .toBe('false');
      await poll(() => summary.getByTestId('bulk-count-sent').getAttribute('data-count')).toBe('50');
      expect(await summary.getByTestId('bulk-count-refused').getAttribute('data-count')).toBe('1');
      await expectText(summary.getByTestId('bulk-headline'), '50 sent, 1 refused.');
      const refused = summary.getByTestId('bulk-refused-item');
      expect(await refused.count()).toBe(1);
      expect(await refused.getAttribute('data-document-id')).toBe(late.id);
      await expectText(refused.getByTestId('bulk-refused-link'), 'Purchase order PO-OCT');
      await expectText(refused.getByTestId('bulk-refused-reason'), /closed period/);
      await shot(page, '02-send-summary');
      expect(sim.records(realm, 'PurchaseOrder')).toHaveLength(50);
      // The selection was cleared; the list shows every order's new sync state.
      expect(await page.getByTestId('bulk-bar').count()).toBe(0);
      await poll(() =>
        page.getByTestId('document-row').first().getByTestId('document-row-sync').getAttribute('data-value'),
      ).toMatch(/^(sent|failed)$/);

      // The link opens the refused order; coming back, the summary is still there.
      await refused.getByTestId('bulk-refused-link').click();
      await page.locator(`[data-testid="document-view"]`).waitFor();
      await expectText(page.getByTestId('sync-status').getByTestId('sync-message'), /closed period/);
      await page.getByTestId('nav-documents').click();
      await page.getByTestId('bulk-summary').waitFor();
      await page.getByTestId('bulk-dismiss').click();
      expect(await page.getByTestId('bulk-summary').count()).toBe(0);

      // A mixed selection submitted: the draft goes for approval; a sent order cannot be, and the summary says why.
      await page.getByTestId('filter-status').selectOption('');
      await page.getByTestId('filter-search').fill('PO-DRAFT');
      await poll(() => page.getByTestId('documents-total').getAttribute('data-total')).toBe('1');
      await page.locator(`[data-testid="document-row-select"][data-document-id="${draft.id}"]`).check();
      await page.getByTestId('filter-search').fill('');
      // A new filter starts a new selection.
      await poll(() => page.getByTestId('bulk-bar').count()).toBe(0);
      await page.getByTestId('filter-sort').selectOption('number_desc');
      await page.locator(`[data-testid="document-row-select"][data-document-id="${draft.id}"]`).check();
      await page.locator(`[data-testid="document-row-select"][data-document-id="${orders[49]!.id}"]`).check();
      await poll(() => count.getAttribute('data-count')).toBe('2');
      await page.getByTestId('bulk-submit').click();
      await expect.poll(() => summary.getAttribute('data-running'), { timeout: WAIT }).toBe('false');
      await expectText(summary.getByTestId('bulk-headline'), '1 submitted for approval, 1 refused.');
      await expectText(summary.getByTestId('bulk-refused-link'), 'Purchase order PO-050');
      await expectText(summary.getByTestId('bulk-refused-reason'), /approved/i);
      await shot(page, '03-submit-mixed');
      expect((await api<{ status: string }>('documents.get', { id: draft.id })).status).toBe(
        'pending_approval',
      );
      await page.context().close();
    }, 240_000);

    it('some go, some wait and some are refused: the summary says n sent, n waiting and n refused, with why', async () => {
      const { api } = qbo.e2e;
      // Nothing is created in QuickBooks from here: a supplier without a vendor there waits for a pairing.
      const { company, realm, account, supplier } = await connectedCompany('Harbour Trades', {
        createMissing: false,
      });
      sim.seed(realm, 'Vendor', { DisplayName: 'Acme Supplies' });
      const unpaired = async (name: string) =>
        (await api<{ id: string }>('suppliers.create', { companyId: company.id, name })).id;
      const order = async (number: string, supplierId: string, date = '2026-11-20', approve = true) => {
        const created = await api<{ id: string; number: string }>('documents.create', {
          companyId: company.id,
          type: 'purchase_order',
          number,
          supplierId,
          date,
          lines: [{ description: 'Copper pipe', quantity: '2', unitPrice: '12.40', accountId: account.id }],
        });
        if (approve) {
          await api('documents.submit', { id: created.id });
          await api('documents.approve', { id: created.id });
        }
        return created;
      };
      const goes = [
        await order('PO-H01', supplier.id),
        await order('PO-H02', supplier.id),
        await order('PO-H03', supplier.id),
      ];
      const waits = [
        await order('PO-H04', await unpaired('Harbour Plumbing')),
        await order('PO-H05', await unpaired('Kauri Timber')),
      ];
      const draft = await order('PO-H06', supplier.id, '2026-11-20', false);
      const late = await order('PO-H07', supplier.id, '2026-10-15');
      realm.options.bookCloseDate = '2026-10-31';

      const page = await openDocuments(company.id);
      await poll(() => page.getByTestId('documents-total').getAttribute('data-total')).toBe('7');
      await page.getByTestId('document-row').first().waitFor();
      await page.getByTestId('select-visible').check();
      await poll(() => page.getByTestId('bulk-selected-count').getAttribute('data-count')).toBe('7');
      await page.getByTestId('bulk-send').click();
      const summary = page.getByTestId('bulk-summary');
      await summary.waitFor();
      await expect
        .poll(() => summary.getAttribute('data-running'), { timeout: 120_000, interval: 250 })
        .toBe('false');
      await expectText(summary.getByTestId('bulk-headline'), '3 sent, 2 waiting for you, 2 refused.');
      const count = (group: string) => summary.getByTestId(`bulk-count-${group}`).getAttribute('data-count');
      expect([await count('sent'), await count('waiting'), await count('refused')]).toEqual(['3', '2', '2']);

      // The waiting ones, each named with what it waits for; the refused ones with why.
      const waiting = summary.getByTestId('bulk-waiting-item');
      await poll(() =>
        waiting.evaluateAll((els) => els.map((e) => e.getAttribute('data-document-id'))),
      ).toEqual(expect.arrayContaining(waits.map((w) => w.id)));
      expect(await waiting.count()).toBe(2);
      const reason = (list: string, id: string) =>
        summary
          .locator(`[data-testid="${list}-item"][data-document-id="${id}"]`)
          .getByTestId(`${list}-reason`);
      await expectText(
        reason('bulk-waiting', waits[0]!.id),
        /^Supplier 'Harbour Plumbing' has no counterpart in QuickBooks Online\. Pair it in Connections → Lists/,
      );
      await expectText(reason('bulk-waiting', waits[1]!.id), /^Supplier 'Kauri Timber' has no counterpart/);
      expect(await summary.getByTestId('bulk-refused-item').count()).toBe(2);
      await expectText(reason('bulk-refused', draft.id), /approved/i);
      await expectText(reason('bulk-refused', late.id), /closed period/);
      await shot(page, '05-send-summary-waiting');

      // In the list, the waiting orders carry the Waiting badge; the others their own state.
      const row = (id: string) => page.locator(`[data-testid="document-row"][data-document-id="${id}"]`);
      for (const w of waits) await expectText(row(w.id).getByTestId('document-row-sync'), 'Waiting');
      for (const g of goes) await expectText(row(g.id).getByTestId('document-row-sync'), 'Sent');
      await expectText(row(late.id).getByTestId('document-row-sync'), 'Failed');
      await expectText(row(draft.id).getByTestId('document-row-sync'), 'Not sent');
      await shot(page, '06-list-waiting-badges');
      expect(
        sim
          .records(realm, 'PurchaseOrder')
          .map((o) => o.DocNumber)
          .sort(),
      ).toEqual(['PO-H01', 'PO-H02', 'PO-H03']);
      await page.context().close();
    }, 240_000);

    it('payments: brought back for a date range, listed on the Payments page and filtered; the bill shows partly paid', async () => {
      const { api } = qbo.e2e;
      const { company, realm, account, supplier } = await connectedCompany('Harbor Plumbing');
      const bill = await api<{ id: string; number: string }>('documents.create', {
        companyId: company.id,
        type: 'invoice',
        supplierId: supplier.id,
        supplierInvoiceNumber: 'ACME-7790',
        date: '2026-11-05',
        lines: [{ description: 'Radiator valves', quantity: '4', unitPrice: '25', accountId: account.id }],
      });
      await api('documents.submitMany', { companyId: company.id, ids: [bill.id] });
      await api('documents.approveMany', { companyId: company.id, ids: [bill.id] });
      await api('documents.sendMany', { companyId: company.id, ids: [bill.id] });
      await poll(
        async () =>
          (
            await api<{ syncStatus: string }[]>('documents.sendProgress', {
              companyId: company.id,
              ids: [bill.id],
            })
          )[0]!.syncStatus,
      ).toBe('sent');
      const billId = String(sim.records(realm, 'Bill')[0]!.Id);
      payBill(sim, realm, billId, 40, '2026-11-10');
      const voided = payBill(sim, realm, billId, 25, '2026-11-12');

      const page = await openConnections(qbo.e2e, company.id);
      await page.getByTestId('nav-payments').click();
      await page.getByTestId('payments-list').waitFor();
      await page.getByTestId('payments-list-empty').waitFor();
      await page.locator('#payments-from').fill('2026-11-01');
      await page.locator('#payments-to').fill('2026-11-30');
      await page.getByTestId('payments-import').click();
      await expectText(
        page.getByTestId('payments-result'),
        /^2 payments applied, 0 canceled, 1 invoice changed/,
      );
      // The second payment is voided in QuickBooks, and a cheque written there pays 20 more on the bill (a Purchase
      // of type Check linked to it); imported again, the one is canceled here and the other comes as a cheque.
      sim.voidBillPayment(realm, String(voided.Id));
      payByCheque(sim, realm, billId, 20, '2026-11-14');
      await page.getByTestId('payments-import').click();
      await expectText(
        page.getByTestId('payments-result'),
        /^2 payments applied, 1 canceled, 0 invoices changed/,
      );
      const rows = page.getByTestId('payments-row');
      await poll(() => rows.count()).toBe(3);
      await expectText(rows.nth(0).getByTestId('payments-row-date'), '2026-11-14');
      await expectText(rows.nth(0).getByTestId('payments-row-kind'), 'Cheque');
      await expectText(rows.nth(0).getByTestId('payments-row-amount'), '$20.00');
      await expectText(rows.nth(1).getByTestId('payments-row-date'), '2026-11-12');
      await expectText(rows.nth(1).getByTestId('payments-row-status'), 'Canceled');
      await expectText(rows.nth(2).getByTestId('payments-row-kind'), 'Bill payment (cheque)');
      await expectText(rows.nth(2).getByTestId('payments-row-amount'), '$40.00');
      await expectText(rows.nth(2).getByTestId('payments-row-system'), /QuickBooks Online/);
      await expectText(rows.nth(2).getByTestId('payments-row-document'), `Supplier invoice ${bill.number}`);
      await shot(page, '04-payments-list');
      await page.getByTestId('payments-filter-status').selectOption('canceled');
      await poll(() => rows.count()).toBe(1);
      await expectText(rows.first().getByTestId('payments-row-amount'), '$25.00');
      await page.getByTestId('payments-filter-status').selectOption('active');
      await poll(() => rows.count()).toBe(2);
      await page.getByTestId('payments-filter-from').fill('2026-11-11');
      await poll(() => rows.count()).toBe(1);
      await expectText(rows.first().getByTestId('payments-row-kind'), 'Cheque');
      await shot(page, '05-payments-filtered');
      await page.getByTestId('payments-filter-to').fill('2026-11-13');
      await page.getByTestId('payments-list-empty').waitFor();
      await page.getByTestId('payments-filter-clear').click();
      await poll(() => rows.count()).toBe(3);

      // The list links to the bill; the Documents list shows it partly paid and filters by payment state.
      await rows.first().getByTestId('payments-row-document').click();
      await expectText(page.getByTestId('document-payment-status'), 'Partly paid');
      await page.getByTestId('nav-documents').click();
      const row = page.locator(`[data-testid="document-row"][data-document-id="${bill.id}"]`);
      await expectText(row.getByTestId('document-row-payment'), 'Partly paid');
      await page.getByTestId('filter-payment-status').selectOption('paid');
      await page.getByTestId('documents-empty').waitFor();
      await page.getByTestId('filter-payment-status').selectOption('partly_paid');
      await poll(() => page.getByTestId('documents-total').getAttribute('data-total')).toBe('1');
      await shot(page, '06-documents-partly-paid');
      await page.context().close();
    }, 180_000);
  },
);

/** A cheque written in QuickBooks that pays the bill: a Purchase of type Check, its line linked to the bill. */
function payByCheque(sim: QboSimulator, realm: Realm, billId: string, amount: number, date: string) {
  const bank = sim.records(realm, 'Account').find((a) => a.AccountType === 'Bank')!;
  return sim.seed(realm, 'Purchase', {
    PaymentType: 'Check',
    AccountRef: { value: bank.Id },
    EntityRef: sim.get(realm, 'Bill', billId)!.VendorRef,
    TotalAmt: amount,
    TxnDate: date,
    Line: [
      {
        Amount: amount,
        DetailType: 'AccountBasedExpenseLineDetail',
        AccountBasedExpenseLineDetail: { AccountRef: { value: bank.Id } },
        LinkedTxn: [{ TxnId: billId, TxnType: 'Bill' }],
      },
    ],
  });
}

function payBill(sim: QboSimulator, realm: Realm, billId: string, amount: number, date: string) {
  const bank =
    sim.records(realm, 'Account').find((a) => a.AccountType === 'Bank') ??
    sim.seed(realm, 'Account', { Name: 'Checking', AccountType: 'Bank', Classification: 'Asset' });
  return sim.seed(realm, 'BillPayment', {
    VendorRef: sim.get(realm, 'Bill', billId)!.VendorRef,
    PayType: 'Check',
    CheckPayment: { BankAccountRef: { value: bank.Id } },
    TotalAmt: amount,
    TxnDate: date,
    Line: [{ Amount: amount, LinkedTxn: [{ TxnId: billId, TxnType: 'Bill' }] }],
  });
}
