// Extraction from scans, one page per remaining template and format (the tax-invoice template's PNG scan is read in
// capture-api.test.ts): OCR is slow, so these are few. Each scan is turned, speckled and softened; the numbers the
// books need (totals, line amounts) must come out right, and most of the rest.
import { afterAll, describe, expect, it } from 'vitest';
import { stopOcr } from '../../../main/capture/ocr.js';
import { extractWithSupplier } from '../../../main/capture/propose.js';
import { readFile } from '../../../main/capture/read-file.js';
import { CORPUS_SUPPLIERS, makeInvoice, type TemplateName } from '../../fixtures/capture/invoices.js';
import { scanOf, type ScanFormat } from '../../fixtures/capture/scan.js';
import { SCORED_FIELDS, scoreProposal } from '../../fixtures/capture/score.js';
import { renderInvoicePdf } from '../../fixtures/capture/templates.js';

afterAll(async () => {
  await stopOcr();
});

const suppliers = CORPUS_SUPPLIERS.map((s, i) => ({
  id: `s${i}`,
  name: s.name,
  email: s.email,
  taxId: s.taxId,
  accountNumber: null,
  country: null,
  currency: null,
}));

const CASES: [TemplateName, ScanFormat, number][] = [
  ['classic', 'jpeg', 501],
  ['grid', 'tiff', 502],
  ['columns', 'pdf', 503],
];

describe.each(CASES)('a scan of the %s template as %s', (template, format, seed) => {
  it('is read with OCR into the invoice’s fields and lines', { timeout: 120_000 }, async () => {
    const truth = makeInvoice(seed, template, 4);
    const scan = await scanOf(await renderInvoicePdf(truth), { seed, format });
    const read = await readFile(scan, `scan.${format}`);
    expect(read.pages.map((p) => p.source)).toEqual(['ocr']);
    const { x, match } = extractWithSupplier(read, suppliers, 'USD');
    expect(match?.supplier.name).toBe(truth.supplier.name);
    const right = scoreProposal(truth, {
      supplierName: x.supplierName?.value ?? null,
      supplierMatched: match?.supplier.name === truth.supplier.name,
      invoiceNumber: x.invoiceNumber?.value ?? null,
      date: x.date?.value ?? null,
      dueDate: x.dueDate?.value ?? null,
      currency: x.currency?.value ?? null,
      orderNumber: x.orderNumber?.value ?? null,
      subtotal: x.subtotal?.value ?? null,
      tax: x.tax?.value ?? null,
      total: x.total?.value ?? null,
      lines: x.lines,
    });
    expect({
      subtotal: right.subtotal,
      tax: right.tax,
      total: right.total,
      lineAmounts: right.lineAmounts,
    }).toEqual({
      subtotal: true,
      tax: true,
      total: true,
      lineAmounts: true,
    });
    expect(SCORED_FIELDS.filter((f) => right[f]).length).toBeGreaterThanOrEqual(SCORED_FIELDS.length - 2);
    // Every field found on a scan carries the OCR's doubt: never the certainty of a text layer.
    expect(x.invoiceNumber?.confidence ?? 0).toBeLessThan(1);
  });
});
