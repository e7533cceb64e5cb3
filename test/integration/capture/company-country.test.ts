// documents.capture reads a numeric date the invoice does not decide (03/04/2024 on an English invoice with no
// currency and an unknown supplier) the way the company's country writes dates, once the bookkeeper has chosen it
// on the Company page — but never against a second date on the page that proves the order.
import { describe, expect, it } from 'vitest';
import { useCaptureCore } from '../../fixtures/capture/capture-core.js';
import { UNPLACED_INVOICE, unplacedDateInvoicePdf } from '../../fixtures/capture/unplaced-date-invoice.js';

const core = useCaptureCore();

async function dateOf(companyId: string, pdf: Uint8Array): Promise<string | null> {
  const { proposal } = await core.call('documents.capture', {
    companyId,
    fileName: 'harbour.pdf',
    contentBase64: Buffer.from(pdf).toString('base64'),
  });
  expect(proposal.supplierInvoiceNumber).toBe(UNPLACED_INVOICE.number);
  expect(proposal.lines.map((l) => l.amount)).toEqual([UNPLACED_INVOICE.net]);
  return proposal.date;
}

const inCountry = (id: string, country: string) =>
  core.call('companies.update', { id, identity: { addresses: [{ country }] } });

describe('documents.capture with the company’s country', () => {
  it('reads 03/04/2024 month first for a US company and day first for an Irish one', async () => {
    // Books kept in euros, so the currency alone would say day first.
    const company = await core.call('companies.create', {
      name: 'Northwind Facilities',
      baseCurrency: 'EUR',
    });
    const pdf = await unplacedDateInvoicePdf();
    expect(await dateOf(company.id, pdf)).toBe(UNPLACED_INVOICE.dayFirst);

    const us = await inCountry(company.id, 'US');
    expect(us.identity.addresses).toEqual([
      { lines: [], postalCode: null, city: null, region: null, country: 'US' },
    ]);
    expect(await dateOf(company.id, pdf)).toBe(UNPLACED_INVOICE.monthFirst);

    await inCountry(company.id, 'IE');
    expect(await dateOf(company.id, pdf)).toBe(UNPLACED_INVOICE.dayFirst);
  });

  it('keeps the order the page’s other dates prove', async () => {
    const company = await core.call('companies.create', { name: 'Westwind Services', baseCurrency: 'EUR' });
    await inCountry(company.id, 'US');
    const proven = await unplacedDateInvoicePdf({ dueDate: '25/04/2024' });
    expect(await dateOf(company.id, proven)).toBe(UNPLACED_INVOICE.dayFirst);
  });
});
