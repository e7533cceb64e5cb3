// The capture API on the real core: a supplier's PDF becomes a proposal (nothing created), the reviewed draft is
// saved with the file attached and linked to its order, duplicates are refused unless confirmed, and bad files
// are refused with a message and leave nothing behind.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors.js';
import { brokenPng, encryptedPdf, zeroPagePdf } from '../../fixtures/capture/bad-files.js';
import { useCaptureCore } from '../../fixtures/capture/capture-core.js';
import { seedCorpusCompany } from '../../fixtures/capture/corpus.js';
import { makeInvoice } from '../../fixtures/capture/invoices.js';
import { scanOf } from '../../fixtures/capture/scan.js';
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

/** The AppError a call rejects with; fails the test when it resolves or rejects with something else. */
async function thrown(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with an AppError');
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function documentCount(): Promise<number> {
  return (await core.call('documents.list', { companyId })).total;
}

function attachmentFiles(): string[] {
  const dir = path.join(core.dataDir, 'attachments');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

describe('capture → createFromCapture', () => {
  const truth = { ...makeInvoice(101, 'classic', 3), orderNumber: 'PO-4711' };
  let pdf: Uint8Array;
  let orderId: string;

  beforeAll(async () => {
    pdf = await renderInvoicePdf(truth);
    const supplierId = suppliers.get(truth.supplier.name) ?? '';
    const order = await core.call('documents.create', {
      companyId,
      type: 'purchase_order',
      number: 'PO-4711',
      supplierId,
      date: '2025-05-01',
      currency: 'USD',
      lines: truth.lines.map((l) => ({
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
      })),
    });
    orderId = order.id;
  });

  it('proposes the invoice read from a text PDF and creates nothing', async () => {
    const before = await documentCount();
    const { proposal } = await core.call('documents.capture', {
      companyId,
      fileName: 'acme.pdf',
      contentBase64: b64(pdf),
    });
    expect(await documentCount()).toBe(before);
    expect(attachmentFiles()).toEqual([]);

    expect(proposal.supplierId).toBe(suppliers.get(truth.supplier.name));
    expect(proposal.supplierMatchedBy).toBe('tax_id');
    expect(proposal.supplierInvoiceNumber).toBe(truth.invoiceNumber);
    expect(proposal.date).toBe(truth.date);
    expect(proposal.dueDate).toBe(truth.dueDate);
    expect(proposal.currency).toBe('USD');
    expect(proposal.printedOrderNumber).toBe('PO-4711');
    expect(proposal.linkedDocumentId).toBe(orderId);
    expect(proposal.orderCandidates[0]).toMatchObject({ id: orderId, matchedBy: 'printed_number' });
    expect(proposal.totals).toEqual({ subtotal: truth.subtotal, tax: truth.tax, total: truth.total });
    expect(
      proposal.lines.map(({ description, quantity, unitPrice, amount }) => ({
        description,
        quantity,
        unitPrice,
        amount,
      })),
    ).toEqual(truth.lines);
    // The printed 8.25 % is the company's tax rate.
    expect(proposal.lines.every((l) => l.taxRateId !== null)).toBe(true);
    expect(proposal.confidence.supplierInvoiceNumber).toBeGreaterThan(0.9);
    expect(proposal.confidence.total).toBeGreaterThan(0.95);
    const where = proposal.locations.supplierInvoiceNumber;
    expect(where?.page).toBe(1);
    expect(where?.box.x).toBeGreaterThan(0.5); // printed top right
    expect(where?.box.y).toBeLessThan(0.2);
    expect(proposal.duplicates).toEqual([]);
    expect(proposal.pages).toHaveLength(1);
    expect(proposal.pages[0]?.source).toBe('text');
    expect(
      Buffer.from(proposal.pages[0]?.imageBase64 ?? '', 'base64')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('saves the reviewed draft with its file attached and linked to the order', async () => {
    const { proposal } = await core.call('documents.capture', {
      companyId,
      fileName: 'acme.pdf',
      contentBase64: b64(pdf),
      previews: false,
    });
    const { document, attachment } = await core.call('documents.createFromCapture', {
      companyId,
      fileName: 'acme.pdf',
      contentBase64: b64(pdf),
      supplierId: proposal.supplierId ?? '',
      supplierInvoiceNumber: proposal.supplierInvoiceNumber,
      date: proposal.date ?? '',
      dueDate: proposal.dueDate,
      currency: proposal.currency,
      linkedDocumentId: proposal.linkedDocumentId,
      lines: proposal.lines.map((l) => ({
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        taxRateId: l.taxRateId,
      })),
    });
    expect(document).toMatchObject({ type: 'invoice', status: 'draft', linkedDocumentId: orderId });
    expect(document.totals.gross).toBe(truth.total);
    expect(attachment).toMatchObject({
      documentId: document.id,
      fileName: 'acme.pdf',
      mimeType: 'application/pdf',
    });
    expect(attachmentFiles()).toEqual([attachment.sha256]);

    const listed = await core.call('attachments.list', { documentId: document.id });
    expect(listed.map((a) => a.id)).toEqual([attachment.id]);
    const got = await core.call('attachments.get', { id: attachment.id });
    expect(Buffer.from(got.contentBase64, 'base64').equals(Buffer.from(pdf))).toBe(true);
    const pages = await core.call('attachments.pages', { id: attachment.id });
    expect(pages.pages).toHaveLength(1);

    const match = await core.call('documents.match', { id: document.id });
    expect(match).toMatchObject({ mode: 'two_way', ok: true, order: { id: orderId } });
  });

  it('flags the same invoice a second time and refuses it unless confirmed', async () => {
    const { proposal } = await core.call('documents.capture', {
      companyId,
      fileName: 'acme-again.pdf',
      contentBase64: b64(pdf),
      previews: false,
    });
    expect(proposal.duplicates.map((d) => d.kind).sort()).toEqual(['file', 'invoice_number']);
    const draft = {
      companyId,
      fileName: 'acme-again.pdf',
      contentBase64: b64(pdf),
      supplierId: proposal.supplierId ?? '',
      supplierInvoiceNumber: proposal.supplierInvoiceNumber,
      date: proposal.date ?? '',
      lines: proposal.lines.map((l) => ({
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
      })),
    };
    const before = await documentCount();
    const error = await thrown(core.call('documents.createFromCapture', draft));
    expect(error).toMatchObject({ code: 'conflict' });
    expect(String((error as Error).message)).toMatch(/already entered as BILL-/);
    expect(await documentCount()).toBe(before);

    const confirmed = await core.call('documents.createFromCapture', { ...draft, confirmDuplicate: true });
    expect(confirmed.document.supplierInvoiceNumber).toBe(truth.invoiceNumber);
    // The same file is stored once.
    expect(attachmentFiles()).toHaveLength(1);
  });

  it('saves nothing, not even the file, when the draft is invalid', async () => {
    const other = await renderInvoicePdf(makeInvoice(102, 'classic', 1));
    const before = await documentCount();
    const error = await thrown(
      core.call('documents.createFromCapture', {
        companyId,
        fileName: 'other.pdf',
        contentBase64: b64(other),
        supplierId: suppliers.get('Cobalt Office Furniture Inc') ?? '',
        date: '2025-07-01',
        linkedDocumentId: orderId, // another supplier's order
        lines: [{ description: 'x', quantity: '1', unitPrice: '1' }],
      }),
    );
    expect(error).toMatchObject({ code: 'validation_failed' });
    expect(await documentCount()).toBe(before);
    expect(attachmentFiles()).toHaveLength(1);
  });
});

describe('scans', () => {
  it('reads a scanned invoice (PNG) with OCR, offline', async () => {
    const truth = makeInvoice(205, 'tax-invoice', 3);
    const png = await scanOf(await renderInvoicePdf(truth), { seed: 205, format: 'png', rotate: 1.2 });
    const { proposal } = await core.call('documents.capture', {
      companyId,
      fileName: 'scan.png',
      contentBase64: b64(png),
      previews: false,
    });
    expect(proposal.pages[0]?.source).toBe('ocr');
    expect(proposal.mimeType).toBe('image/png');
    expect(proposal.supplierId).toBe(suppliers.get(truth.supplier.name));
    expect(proposal.supplierInvoiceNumber).toBe(truth.invoiceNumber);
    expect(proposal.date).toBe(truth.date);
    expect(proposal.currency).toBe('AUD');
    expect(proposal.totals.total).toBe(truth.total);
    expect(proposal.lines).toHaveLength(3);
    // OCR confidence is below a text layer's, but what adds up is trusted.
    expect(proposal.confidence.total).toBeGreaterThan(0.9);
    // OCR on a 2-core machine shared with other tests, plus the capture worker thread's start.
  }, 120_000);
});

describe('bad files', () => {
  const cases: [string, () => Promise<Uint8Array> | Uint8Array, RegExp][] = [
    ['a password-protected PDF', encryptedPdf, /protected with a password/],
    ['a PDF without pages', zeroPagePdf, /has no pages|could not be read/],
    ['a text file', () => Buffer.from('Invoice 42, total 100.00\n'), /not a PDF or an image/],
    ['a damaged PNG', brokenPng, /could not be decoded/],
    ['an empty file', () => new Uint8Array(0), /is empty/],
    [
      'a file over 25 MB',
      () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(25 * 1024 * 1024)]),
      /invoices up to 25 MB/,
    ],
  ];
  for (const [what, make, message] of cases) {
    it(`refuses ${what} with a clear message and creates nothing`, async () => {
      const bytes = await make();
      const before = await documentCount();
      const files = attachmentFiles().length;
      const captureError = await thrown(
        core.call('documents.capture', {
          companyId,
          fileName: 'file.bin',
          contentBase64: b64(bytes) || 'AA==',
        }),
      );
      expect(captureError).toMatchObject({ code: 'invalid_input' });
      expect(String((captureError as Error).message)).toMatch(
        bytes.length === 0 ? /is empty|not a PDF/ : message,
      );
      if (bytes.length > 0) {
        const createError = await thrown(
          core.call('documents.createFromCapture', {
            companyId,
            fileName: 'file.bin',
            contentBase64: b64(bytes),
            supplierId: suppliers.get('Acme Industrial Supply Co.') ?? '',
            date: '2025-07-01',
            lines: [{ description: 'x', quantity: '1', unitPrice: '1' }],
          }),
        );
        expect(createError).toMatchObject({ code: 'invalid_input' });
      }
      expect(await documentCount()).toBe(before);
      expect(attachmentFiles()).toHaveLength(files);
    });
  }
});
