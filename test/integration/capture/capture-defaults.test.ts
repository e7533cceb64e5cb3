// An invoice saved from capture starts with its supplier's coding defaults: each line takes the default account,
// class and tax rate where it has none (a line the bookkeeper coded, or whose printed tax rate was read, keeps its
// own), and the document the default location.
import { beforeAll, describe, expect, it } from 'vitest';
import { useCaptureCore } from '../../fixtures/capture/capture-core.js';
import { seedCorpusCompany } from '../../fixtures/capture/corpus.js';
import { makeInvoice } from '../../fixtures/capture/invoices.js';
import { renderInvoicePdf } from '../../fixtures/capture/templates.js';

const core = useCaptureCore();
let companyId: string;
let suppliers: Map<string, string>;

beforeAll(async () => {
  ({
    company: { id: companyId },
    suppliers,
  } = await seedCorpusCompany(core));
});

describe('an invoice saved from capture', () => {
  it("starts with the matched supplier's defaults where its lines have none", async () => {
    const truth = makeInvoice(202, 'classic', 3);
    const pdf = Buffer.from(await renderInvoicePdf(truth)).toString('base64');
    const supplierId = suppliers.get(truth.supplier.name)!;
    const entry = (kind: 'account' | 'class' | 'location', name: string) =>
      core.call('lists.create', { companyId, kind, name });
    const gas = await entry('account', 'Utilities:Gas');
    const materials = await entry('account', 'Job Materials');
    const plumbing = await entry('class', 'Plumbing');
    const north = await entry('location', 'North yard');
    const exempt = await core.call('taxRates.create', { companyId, name: 'Exempt', percent: '0' });
    await core.call('suppliers.setCodingDefaults', {
      supplierId,
      accountId: gas.id,
      classId: plumbing.id,
      locationId: north.id,
      taxRateId: exempt.id,
    });

    const { proposal } = await core.call('documents.capture', {
      companyId,
      fileName: 'invoice.pdf',
      contentBase64: pdf,
      previews: false,
    });
    expect(proposal.supplierId).toBe(supplierId);
    const printedRate = proposal.lines[0]!.taxRateId;
    expect(printedRate).not.toBeNull();
    const { document } = await core.call('documents.createFromCapture', {
      companyId,
      fileName: 'invoice.pdf',
      contentBase64: pdf,
      supplierId,
      supplierInvoiceNumber: proposal.supplierInvoiceNumber,
      date: proposal.date ?? '',
      lines: proposal.lines.map((l, i) => ({
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        // Line 1 keeps the printed rate; line 2 was coded by the bookkeeper; line 3 has no rate read.
        taxRateId: i === 2 ? null : l.taxRateId,
        ...(i === 1 ? { accountId: materials.id } : {}),
      })),
    });
    expect(document.lines.map((l) => [l.accountId, l.classId, l.taxRateId])).toEqual([
      [gas.id, plumbing.id, printedRate],
      [materials.id, plumbing.id, printedRate],
      [gas.id, plumbing.id, exempt.id],
    ]);
    expect(document.fields).toEqual({ location: north.id });
  });

  it('is left as it is for a supplier without defaults', async () => {
    const truth = makeInvoice(203, 'classic', 2);
    const pdf = Buffer.from(await renderInvoicePdf(truth)).toString('base64');
    const supplierId = suppliers.get(truth.supplier.name)!;
    const defaults = await core.call('suppliers.codingDefaults', { supplierId });
    expect(defaults.setBy).toBeNull();
    const { document } = await core.call('documents.createFromCapture', {
      companyId,
      fileName: 'other.pdf',
      contentBase64: pdf,
      supplierId,
      date: truth.date,
      lines: truth.lines.map((l) => ({
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
      })),
    });
    expect(document.lines.every((l) => !l.accountId && !l.classId && !l.taxRateId)).toBe(true);
    expect(document.fields).toEqual({});
  });
});
