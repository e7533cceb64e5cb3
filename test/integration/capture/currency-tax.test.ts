// The proposal's currency when only a sign is printed ("€", a bare "$"), said in the review's note for the field;
// and the lines' tax rate left open when the printed tax fits no single rate of the company.
import { describe, expect, it } from 'vitest';
import { useCaptureCore } from '../../fixtures/capture/capture-core.js';
import { EURO_SUPPLIER, signInvoicePdf } from '../../fixtures/capture/euro-invoice.js';

const core = useCaptureCore();

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A company of Northwind Facilities working in `baseCurrency`. */
const company = (baseCurrency: string) =>
  core.call('companies.create', { name: 'Northwind Facilities', baseCurrency });

/** The proposal read from the invoice's PDF, as the review gets it (without page previews). */
async function capture(companyId: string, fileName: string, pdf: Uint8Array) {
  const { proposal } = await core.call('documents.capture', {
    companyId,
    fileName,
    contentBase64: b64(pdf),
    previews: false,
  });
  return proposal;
}

describe('the currency of an invoice that prints only a sign', () => {
  it('is the euro for "€", inferred and said so, whatever the company works in', async () => {
    const { id: companyId } = await company('USD');
    const supplier = await core.call('suppliers.create', { companyId, ...EURO_SUPPLIER });
    const invoice = await signInvoicePdf('euro');
    const proposal = await capture(companyId, 'kessler.pdf', invoice.pdf);
    expect(proposal.supplierId).toBe(supplier.id);
    expect(proposal.currency).toBe('EUR');
    expect(proposal.confidence.currency).toBeGreaterThanOrEqual(0.8);
    expect(proposal.fieldNotes?.currency).toBe(
      'Inferred from the “€” printed on the invoice (no currency code is printed).',
    );
    expect(proposal.totals).toEqual({ subtotal: invoice.net, tax: invoice.tax, total: invoice.total });
  });

  it('is the supplier\'s country\'s dollar for a bare "$"', async () => {
    const { id: companyId } = await company('USD');
    await core.call('suppliers.create', {
      companyId,
      name: 'Maple Ridge Supply',
      email: 'billing@mapleridge.example',
      country: 'Canada',
    });
    const invoice = await signInvoicePdf('dollar');
    const proposal = await capture(companyId, 'maple.pdf', invoice.pdf);
    expect(proposal.currency).toBe('CAD');
    expect(proposal.fieldNotes?.currency).toBe(
      'Only “$” is printed: CAD is taken from the supplier’s country (Canada).',
    );
  });
});

describe('a bare "$" for a company whose own money is written "$"', () => {
  const inCountry = (id: string, country: string) =>
    core.call('companies.update', { id, identity: { addresses: [{ country }] } });

  it('is the company’s dollar when nothing places the supplier, and the supplier’s when it is on file', async () => {
    const { id: companyId } = await company('AUD');
    await inCountry(companyId, 'AU');
    const invoice = await signInvoicePdf('dollar');
    const proposal = await capture(companyId, 'maple.pdf', invoice.pdf);
    expect(proposal.supplierId).toBeNull();
    expect(proposal.currency).toBe('AUD');
    expect(proposal.confidence.currency).toBeGreaterThanOrEqual(0.8);
    expect(proposal.fieldNotes?.currency).toBe(
      'Only “$” is printed: AUD, your company’s currency, is taken (nothing places the supplier abroad).',
    );

    await core.call('suppliers.create', {
      companyId,
      name: 'Maple Ridge Supply',
      email: 'billing@mapleridge.example',
      country: 'United States',
    });
    const known = await capture(companyId, 'maple.pdf', invoice.pdf);
    expect(known.currency).toBe('USD');
    expect(known.confidence.currency).toBeGreaterThanOrEqual(0.8);
  });

  it('stays USD, marked for a check, for a euro company', async () => {
    const { id: companyId } = await company('EUR');
    await inCountry(companyId, 'DE');
    const proposal = await capture(companyId, 'maple.pdf', (await signInvoicePdf('dollar')).pdf);
    expect(proposal.currency).toBe('USD');
    expect(proposal.confidence.currency).toBeLessThan(0.8);
    expect(proposal.fieldNotes?.currency).toMatch(/USD is assumed\. Check it/);
  });
});

describe('the tax rate of the lines', () => {
  it('is left for the bookkeeper when the printed tax fits two rates, and saved as chosen', async () => {
    const { id: companyId } = await company('EUR');
    const supplier = await core.call('suppliers.create', { companyId, ...EURO_SUPPLIER });
    const goods = await core.call('taxRates.create', {
      companyId,
      name: 'MwSt. 19 % Waren',
      percent: '19',
    });
    await core.call('taxRates.create', {
      companyId,
      name: 'MwSt. 19 % Leistungen',
      percent: '19',
    });
    const invoice = await signInvoicePdf('euro');
    const proposal = await capture(companyId, 'kessler.pdf', invoice.pdf);
    expect(proposal.lines.map((l) => l.taxRateId)).toEqual([null]);
    const { document } = await core.call('documents.createFromCapture', {
      companyId,
      fileName: 'kessler.pdf',
      contentBase64: b64(invoice.pdf),
      supplierId: supplier.id,
      supplierInvoiceNumber: proposal.supplierInvoiceNumber,
      date: proposal.date!,
      currency: proposal.currency,
      lines: proposal.lines.map((l) => ({
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        taxRateId: goods.id,
      })),
      corrections: [],
      confirmed: [],
      learnLines: false,
    });
    expect(document.currency).toBe('EUR');
    expect(document.totals).toMatchObject({ tax: invoice.tax, gross: invoice.total });
  });
});
