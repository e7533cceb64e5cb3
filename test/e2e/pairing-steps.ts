// The steps the supplier e2e tests share: a bill approved through the API (sent on approval, so it waits when its
// supplier has no counterpart), the reason it waits, and on Connections → Lists the Needs pairing row of a supplier,
// paired with a vendor picked by typing; a document opened from the Documents page as a bookkeeper finds it.
import type { Page } from 'playwright-core';
import { poll, type E2eHarness } from './support';

/** Makes a bill from `supplierId` through the API, submits and approves it: it is sent on approval. */
export async function approvedBill(
  e2e: E2eHarness,
  companyId: string,
  supplierId: string,
  supplierInvoiceNumber: string,
  accountId: string,
): Promise<string> {
  const { api } = e2e;
  const bill = await api<{ id: string }>('documents.create', {
    companyId,
    type: 'invoice',
    number: supplierInvoiceNumber,
    supplierInvoiceNumber,
    supplierId,
    date: '2026-11-16',
    lines: [{ description: 'Materials', quantity: '2', unitPrice: '140.00', accountId }],
  });
  await api('documents.submit', { id: bill.id });
  await api('documents.approve', { id: bill.id });
  return bill.id;
}

/** What the document's sync with its one connection says last (the reason it waits). */
export async function lastMessage(e2e: E2eHarness, documentId: string): Promise<string> {
  const doc = await e2e.api<{ sync: { lastMessage: string | null }[] }>('documents.get', { id: documentId });
  return doc.sync[0]?.lastMessage ?? '';
}

/** The Needs pairing row of a supplier on Connections → Lists. */
export const pairingOf = (page: Page, supplier: string) =>
  page.locator(`[data-testid="pairing"][data-kind="supplier"][data-name="${supplier}"]`);

/**
 * In the supplier's Needs pairing row: types into the vendor picker, sees only `vendor` offered, takes it with
 * Enter and pairs. `shot` runs while the picker shows what was typed.
 */
export async function pairWithVendor(
  page: Page,
  supplier: string,
  typed: string,
  vendor: string,
  shot: () => Promise<void>,
): Promise<void> {
  const name = `Pair supplier ${supplier} with`;
  const picker = page.getByRole('combobox', { name, exact: true });
  await picker.click();
  await picker.fill(typed);
  const offered = page.getByRole('listbox', { name, exact: true });
  await poll(() => offered.getByRole('option').getByTestId('option-name').allTextContents()).toEqual([
    vendor,
  ]);
  await shot();
  await picker.press('Enter');
  await poll(() => picker.inputValue()).toBe(vendor);
  await pairingOf(page, supplier).getByTestId('pairing-pair').click();
}

/** Opens a document from the Documents page by its number, as a bookkeeper finds it. */
export async function openDocument(page: Page, number: string): Promise<void> {
  await page.getByTestId('nav-documents').click();
  await page.locator(`[data-testid="document-row"][data-number="${number}"]`).click();
  await page.getByTestId('document-view').waitFor();
}
