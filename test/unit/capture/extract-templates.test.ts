// Extraction from the text layer, for every template of the generated corpus: each field right, with its place
// on the page and a confidence that says it can be trusted.
import { describe, expect, it } from 'vitest';
import { readFile } from '../../../main/capture/read-file.js';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { makeInvoice, TEMPLATES } from '../../fixtures/capture/invoices.js';
import { renderInvoicePdf } from '../../fixtures/capture/templates.js';
import { SCORED_FIELDS, scoreProposal } from '../../fixtures/capture/score.js';

describe.each(TEMPLATES)('the %s template (text PDF)', (template) => {
  it.each([1, 12])('reads every field of an invoice with %i line(s)', async (lineCount) => {
    const truth = makeInvoice(300 + lineCount, template, lineCount);
    const read = await readFile(await renderInvoicePdf(truth), `${template}.pdf`);
    expect(read.pages.map((p) => p.source)).toEqual(['text']);
    const x = extractInvoice(
      read.pages.map((p) => p.text),
      { dateOrder: truth.currency === 'USD' ? 'mdy' : 'dmy' },
    );
    const right = scoreProposal(truth, {
      supplierName: x.supplierName?.value ?? null,
      supplierMatched: false,
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
    expect(SCORED_FIELDS.filter((f) => !right[f])).toEqual([]);
    for (const field of [x.invoiceNumber, x.date, x.total] as const) {
      expect(field?.confidence).toBeGreaterThanOrEqual(0.85);
      expect(field?.page).toBe(1);
      expect(field?.box.w).toBeGreaterThan(0);
    }
    expect(x.lines.every((l) => l.confidence > 0.9)).toBe(true);
  });
});

describe('confidence', () => {
  it('drops when the printed sums do not add up', async () => {
    const truth = makeInvoice(77, 'classic', 2);
    const wrong = { ...truth, total: (Number(truth.total) + 10).toFixed(2) };
    const read = await readFile(await renderInvoicePdf(wrong), 'wrong.pdf');
    const x = extractInvoice(
      read.pages.map((p) => p.text),
      { dateOrder: 'mdy' },
    );
    expect(x.total?.value).toBe(wrong.total);
    expect(x.total?.confidence).toBeLessThan(0.8);
  });
});
