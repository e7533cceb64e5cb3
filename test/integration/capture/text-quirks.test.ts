// Text PDFs as real suppliers' software writes them (test/fixtures/capture/quirks): glyph by glyph, letter-spaced,
// justified, overprinted for a fake bold, on turned pages, with text outside the crop box, with full-width digits
// and soft hyphens. Each is read through the capture read path (the worker thread, then documents.capture) and
// must give the same invoice as the plain one.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from '../../../main/capture/read-file.js';
import { useCaptureCore } from '../../fixtures/capture/capture-core.js';
import { buildLines } from '../../../main/domain/capture/layout.js';
import {
  clippedPdf,
  croppedPdf,
  formFieldsPdf,
  formPdf,
  garbledPdf,
  glyphBoldPdf,
  glyphPdf,
  gridHeaderPdf,
  hiddenPdf,
  JUSTIFIED_LINE,
  justifiedLetterPdf,
  justifiedPdf,
  letterSpacedPdf,
  ocrLayerPdf,
  overflowPagePdf,
  overprintPdf,
  plainPdf,
  polishPdf,
  scannedPdf,
  TRACKED,
  trackedPdf,
  turnedPdf,
  type3Pdf,
  unicodePdf,
} from '../../fixtures/capture/quirks/cases.js';
import { QUIRK_TRUTH } from '../../fixtures/capture/quirks/invoice.js';

const core = useCaptureCore();
let companyId: string;

beforeAll(async () => {
  companyId = (await core.call('companies.create', { name: 'Northwind Facilities', baseCurrency: 'GBP' })).id;
});

async function capture(pdf: Uint8Array) {
  const { proposal } = await core.call('documents.capture', {
    companyId,
    fileName: 'quirk.pdf',
    contentBase64: Buffer.from(pdf).toString('base64'),
    previews: false,
  });
  return proposal;
}

async function expectTheInvoice(pdf: Uint8Array, source: 'text' | 'ocr' = 'text') {
  const p = await capture(pdf);
  expect(p.pages.map((page) => page.source)).toEqual([source]);
  expect({
    supplier: p.supplierName,
    invoiceNumber: p.supplierInvoiceNumber,
    date: p.date,
    dueDate: p.dueDate,
    ...p.totals,
  }).toEqual({
    supplier: QUIRK_TRUTH.supplier,
    invoiceNumber: QUIRK_TRUTH.invoiceNumber,
    date: QUIRK_TRUTH.date,
    dueDate: QUIRK_TRUTH.dueDate,
    subtotal: QUIRK_TRUTH.subtotal,
    tax: QUIRK_TRUTH.tax,
    total: QUIRK_TRUTH.total,
  });
  expect(p.lines.map((l) => l.amount)).toEqual(['900.00', '100.00']);
  return p;
}

async function wordsOf(pdf: Uint8Array): Promise<string[]> {
  const read = await readFile(pdf, 'quirk.pdf');
  return read.pages.flatMap((page) => page.text.words.map((w) => w.text));
}

describe('text layers as suppliers write them', () => {
  it('reads the plain invoice (the control)', async () => {
    await expectTheInvoice(await plainPdf());
  });

  it('assembles words from glyphs placed one by one', async () => {
    expect(await wordsOf(await glyphPdf())).toEqual(await wordsOf(await plainPdf()));
    await expectTheInvoice(await glyphPdf());
  });

  it('reads letter-spaced headings and labels as words', async () => {
    const words = await wordsOf(await letterSpacedPdf());
    expect(words).toContain('INVOICE');
    expect(words).toContain('Subtotal');
    expect(words.join(' ')).toContain('Total due');
    await expectTheInvoice(await letterSpacedPdf());
  });

  it('reads justified text with wide word gaps', async () => {
    await expectTheInvoice(await justifiedPdf(0.5));
  });

  it('reads a bold faked by overprinting once', async () => {
    const plain = await wordsOf(await plainPdf());
    for (const times of [2, 4]) {
      expect(await wordsOf(await overprintPdf(times))).toEqual(plain);
      await expectTheInvoice(await overprintPdf(times));
    }
  });

  it('reads a bold faked glyph by glyph once', async () => {
    const plain = await wordsOf(await plainPdf());
    for (const times of [2, 3, 4]) {
      expect(await wordsOf(await glyphBoldPdf(times))).toEqual(plain);
    }
    await expectTheInvoice(await glyphBoldPdf(3));
  });

  it('parts the words of headings letter-spaced by Tc or glyph by glyph at their word gaps', async () => {
    for (const how of ['Tc', 'placed'] as const) {
      for (const em of [0.12, 0.15, 0.3]) {
        const text = (await wordsOf(await trackedPdf(how, em))).join(' ');
        for (const label of TRACKED) expect(text, `${how} ${em}`).toContain(label);
      }
      await expectTheInvoice(await trackedPdf(how, 0.15));
    }
  });

  it('keeps a justified line one phrase however wide its word gaps', async () => {
    const control = await expectTheInvoice(await justifiedLetterPdf('plain'));
    for (const how of ['Tw', 'placed'] as const) {
      const pdf = await justifiedLetterPdf(how);
      const read = await readFile(pdf, 'quirk.pdf');
      const line = buildLines(read.pages.map((p) => p.text)).find((l) => l.text.startsWith('Invoice number'));
      expect(line?.segments.map((s) => s.text)).toEqual([JUSTIFIED_LINE]);
      const p = await expectTheInvoice(pdf);
      expect(p.supplierInvoiceNumber).toBe(control.supplierInvoiceNumber);
    }
  });

  it('keeps a row of cells set equally far apart as cells', async () => {
    // Justified text is told from cells a fixed gap apart (a flex box, a grid): no space is drawn between cells.
    const read = await readFile(await gridHeaderPdf(), 'quirk.pdf');
    const row = buildLines(read.pages.map((p) => p.text)).find((l) => l.text.startsWith('Invoice No:'));
    expect(row?.segments.map((s) => s.text)).toEqual([
      'Invoice No:',
      'Invoice Date:',
      'Due Date:',
      'Bill to:',
    ]);
    await expectTheInvoice(await gridHeaderPdf());
  });

  it('reads landscape pages and turned text layers in reading order', async () => {
    for (const how of ['rotate90', 'rotate270', 'sideways', 'upside-down'] as const) {
      await expectTheInvoice(await turnedPdf(how));
    }
  });

  it('keeps a turned page’s word boxes where the words are shown', async () => {
    const read = await readFile(await turnedPdf('upside-down'), 'quirk.pdf');
    const page = read.pages[0]?.text;
    const heading = page?.words.find((w) => w.text === 'INVOICE');
    // Drawn upside down near the top right, it is shown near the bottom left; extraction places it upright.
    expect(heading?.box.y).toBeGreaterThan(0.9);
    expect(heading?.box.x).toBeLessThan(0.3);
    expect(heading?.flat?.y).toBeLessThan(0.1);
  });

  it('reads text drawn inside a form XObject where it is shown', async () => {
    const plain = await readFile(await plainPdf(), 'quirk.pdf');
    const form = await readFile(await formPdf(), 'quirk.pdf');
    const placed = (r: typeof plain) =>
      r.pages[0]?.text.words.map((w) => [w.text, w.box.x.toFixed(3), w.box.y.toFixed(3)]);
    expect(placed(form)).toEqual(placed(plain));
    await expectTheInvoice(await formPdf());
  });

  it('reads a Type 3 font without a ToUnicode map by its glyph names', async () => {
    expect(await wordsOf(await type3Pdf())).toEqual(await wordsOf(await plainPdf()));
    await expectTheInvoice(await type3Pdf());
  });

  it('reads the values filled into a fillable invoice form', async () => {
    for (const appearance of [true, false]) {
      const words = await wordsOf(await formFieldsPdf(appearance));
      expect(words, `appearance ${appearance}`).toEqual(
        expect.arrayContaining(['INV-20931', '1,000.00', '1,200.00']),
      );
      await expectTheInvoice(await formFieldsPdf(appearance));
    }
  });

  it('does not read text outside the crop box', async () => {
    const words = await wordsOf(await croppedPdf());
    expect(words).not.toContain('DRAFT-1');
    expect(words).not.toContain('0.00');
    await expectTheInvoice(await croppedPdf());
  });

  it('folds full-width digits and drops soft hyphens', async () => {
    await expectTheInvoice(await unicodePdf());
  });
});

describe('text nobody sees, and text nobody can read', () => {
  it('does not read invisible, white or covered text', async () => {
    const words = await wordsOf(await hiddenPdf());
    for (const hidden of ['TEMPLATE-0001', '0.00', 'January', '2020']) expect(words).not.toContain(hidden);
    await expectTheInvoice(await hiddenPdf());
  });

  it('does not read text clipped away', async () => {
    const words = await wordsOf(await clippedPdf());
    expect(words).not.toContain('DRAFT-1');
    expect(words).not.toContain('0.00');
    await expectTheInvoice(await clippedPdf());
  });

  it('does not read a hidden OCR layer lying over the visible text', async () => {
    const words = await wordsOf(await ocrLayerPdf());
    expect(words).toEqual(await wordsOf(await plainPdf()));
    await expectTheInvoice(await ocrLayerPdf());
  });

  it('does not read a blank page by OCR', async () => {
    const read = await readFile(await overflowPagePdf(), 'quirk.pdf');
    expect(read.pages.map((p) => [p.source, p.text.words.length > 0, p.ocr])).toEqual([
      ['text', true, undefined],
      ['text', false, undefined],
    ]);
  });

  it('trusts a clean text layer in a language it has no words for, without OCR to compare', async () => {
    const read = await readFile(await polishPdf(), 'quirk.pdf');
    expect(read.pages.map((p) => [p.source, p.compared])).toEqual([['text', undefined]]);
    const words = read.pages[0]?.text.words.map((w) => w.text) ?? [];
    expect(words).toContain('płatności:');
    expect(words).toContain('FV/2026/03/0142');
  });

  it('reads the page by OCR when its font maps to private-use characters', async () => {
    await expectTheInvoice(await garbledPdf('private'), 'ocr');
  });

  it('reads the page by OCR when its font maps to the wrong letters', async () => {
    await expectTheInvoice(await garbledPdf('shifted'), 'ocr');
  });

  it('reads a scanned page by OCR when the copier’s text layer over it is poor', async () => {
    await expectTheInvoice(await scannedPdf('poor'), 'ocr');
  });

  it('keeps a scanned page’s text layer when it reads as well as OCR', async () => {
    await expectTheInvoice(await scannedPdf('good'), 'text');
  });
});
