// Files on any document through the API (issue 16): a PDF or an image is added to a draft or a revision and
// removed from it; what breaks the limits (size, kind, count, the same file twice) is refused with a sentence that
// says what to do, and leaves nothing behind; a revision keeps the files of the versions before it and marks the
// ones it added; an approved document's files change only through a revision.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors.js';
import { FILE_LIMITS } from '../../../preload/contracts/files.js';
import { seedCompany, startCore, type TestCore } from '../../fixtures/core.js';

let core: TestCore;
let companyId: string;
let supplierId: string;

beforeAll(async () => {
  core = await startCore();
  const seeded = await seedCompany(core);
  companyId = seeded.company.id;
  supplierId = seeded.supplier.id;
});
afterAll(async () => {
  await core.close();
});

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
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (tag: number) => new Uint8Array([...PNG_HEAD, 0, 0, 0, 13, tag]);

function storedFiles(): string[] {
  const dir = path.join(core.dataDir, 'attachments');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.startsWith('.')) : [];
}

async function draftBill(number: string) {
  return core.call('documents.create', {
    companyId,
    type: 'invoice',
    supplierId,
    supplierInvoiceNumber: number,
    date: '2026-11-05',
    lines: [{ description: 'Parts', quantity: '1', unitPrice: '10' }],
  });
}

async function approve(id: string) {
  await core.call('documents.submit', { id });
  return core.call('documents.approve', { id });
}

describe('files on a draft', () => {
  it('adds a PDF and an image, lists them, and removes one (its bytes go when nothing uses them)', async () => {
    const doc = await draftBill('F-1');
    const before = storedFiles().length;
    const a = await core.call('attachments.add', {
      documentId: doc.id,
      fileName: 'invoice F-1.pdf',
      contentBase64: b64(pdf('F-1')),
    });
    const b = await core.call('attachments.add', {
      documentId: doc.id,
      fileName: 'delivery photo.png',
      contentBase64: b64(png(1)),
    });
    expect(a).toMatchObject({
      fileName: 'invoice F-1.pdf',
      mimeType: 'application/pdf',
      addedInRevision: 0,
      isNew: false,
      keptBecause: null,
      deliveries: [],
    });
    expect(b.mimeType).toBe('image/png');
    const listed = await core.call('attachments.list', { documentId: doc.id });
    expect(listed.map((f) => f.fileName)).toEqual(['invoice F-1.pdf', 'delivery photo.png']);
    expect(storedFiles()).toHaveLength(before + 2);
    const got = await core.call('attachments.get', { id: b.id });
    expect(Buffer.from(got.contentBase64, 'base64')).toEqual(Buffer.from(png(1)));

    await core.call('attachments.remove', { id: b.id });
    expect((await core.call('attachments.list', { documentId: doc.id })).map((f) => f.id)).toEqual([a.id]);
    expect(storedFiles()).toHaveLength(before + 1);
  });

  it('refuses, before storing anything, a file too large, of another kind, the same file twice, or an 11th', async () => {
    const doc = await draftBill('F-2');
    const before = storedFiles().length;
    const big = new Uint8Array(FILE_LIMITS.maxBytes + 1);
    big.set(pdf('big'));
    const tooBig = await thrown(
      core.call('attachments.add', { documentId: doc.id, fileName: 'scan.pdf', contentBase64: b64(big) }),
    );
    expect(tooBig.userMessage).toMatch(/10 MB/);

    const text = await thrown(
      core.call('attachments.add', {
        documentId: doc.id,
        fileName: 'notes.pdf',
        contentBase64: b64(new TextEncoder().encode('just some text, named .pdf')),
      }),
    );
    expect(text.code).toBe('invalid_input');
    expect(text.userMessage).toBe(
      'notes.pdf is not a PDF, PNG or JPEG file. Save or scan it in one of those formats and add it again.',
    );

    await core.call('attachments.add', {
      documentId: doc.id,
      fileName: 'one.pdf',
      contentBase64: b64(pdf('one')),
    });
    const twice = await thrown(
      core.call('attachments.add', {
        documentId: doc.id,
        fileName: 'one again.pdf',
        contentBase64: b64(pdf('one')),
      }),
    );
    expect(twice.code).toBe('conflict');
    expect(twice.userMessage).toContain('already on this invoice, as one.pdf');

    for (let n = 2; n <= FILE_LIMITS.maxFiles; n++) {
      await core.call('attachments.add', {
        documentId: doc.id,
        fileName: `page ${n}.png`,
        contentBase64: b64(png(n)),
      });
    }
    const eleventh = await thrown(
      core.call('attachments.add', {
        documentId: doc.id,
        fileName: 'page 11.png',
        contentBase64: b64(png(11)),
      }),
    );
    expect(eleventh.userMessage).toContain(`at most ${FILE_LIMITS.maxFiles} files`);
    expect(await core.call('attachments.list', { documentId: doc.id })).toHaveLength(FILE_LIMITS.maxFiles);
    expect(storedFiles()).toHaveLength(before + FILE_LIMITS.maxFiles);
  });
});

describe('files through approval and revision', () => {
  it('locks the files of an approved document; a revision keeps them and marks the ones it adds', async () => {
    const doc = await draftBill('F-3');
    const original = await core.call('attachments.add', {
      documentId: doc.id,
      fileName: 'invoice F-3.pdf',
      contentBase64: b64(pdf('F-3')),
    });
    await approve(doc.id);

    const locked = await thrown(
      core.call('attachments.add', {
        documentId: doc.id,
        fileName: 'late.pdf',
        contentBase64: b64(pdf('late')),
      }),
    );
    expect(locked.code).toBe('document_locked');
    expect(locked.userMessage).toContain('choose Revise, add the file, then approve the revision');
    const stays = await thrown(core.call('attachments.remove', { id: original.id }));
    expect(stays.userMessage).toContain('To change the files of this invoice, choose Revise.');

    await core.call('documents.revise', { id: doc.id });
    const added = await core.call('attachments.add', {
      documentId: doc.id,
      fileName: 'credit note.pdf',
      contentBase64: b64(pdf('credit')),
    });
    expect(added).toMatchObject({ addedInRevision: 1, isNew: true, keptBecause: null });
    const files = await core.call('attachments.list', { documentId: doc.id });
    expect(files.map((f) => [f.fileName, f.isNew])).toEqual([
      ['invoice F-3.pdf', false],
      ['credit note.pdf', true],
    ]);
    expect(files[0]!.keptBecause).toContain('a revision keeps the files of the versions before it');
    const kept = await thrown(core.call('attachments.remove', { id: original.id }));
    expect(kept.userMessage).toMatch(/^invoice F-3\.pdf stays\./);

    // The file added by mistake in the revision can go again.
    const mistake = await core.call('attachments.add', {
      documentId: doc.id,
      fileName: 'wrong.png',
      contentBase64: b64(png(42)),
    });
    await core.call('attachments.remove', { id: mistake.id });
    await approve(doc.id);
    const after = await core.call('attachments.list', { documentId: doc.id });
    expect(after.map((f) => [f.fileName, f.addedInRevision])).toEqual([
      ['invoice F-3.pdf', 0],
      ['credit note.pdf', 1],
    ]);
  });
});

describe('a PDF’s first page as its preview', () => {
  /** A Letter page with a dark band across its head and lines of print. */
  async function invoicePdf(): Promise<Uint8Array> {
    const { PDFDocument, rgb, StandardFonts } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([612, 792]);
    page.drawRectangle({ x: 0, y: 692, width: 612, height: 100, color: rgb(0.1, 0.2, 0.45) });
    page.drawText('INVOICE INV-77', { x: 48, y: 640, size: 26, font });
    doc.addPage([612, 792]).drawText('Terms and conditions', { x: 48, y: 700, size: 20, font });
    return doc.save();
  }

  it('draws page 1 once, keeps it by the file’s content, and forgets it with the file', async () => {
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const bill = await draftBill('INV-77');
    const bytes = await invoicePdf();
    const file = await core.call('attachments.add', {
      documentId: bill.id,
      fileName: 'INV-77.pdf',
      contentBase64: b64(bytes),
    });
    const first = await core.call('attachments.thumbnail', { id: file.id });
    expect(first.mimeType).toBe('image/png');
    const image = await loadImage(Buffer.from(first.imageBase64, 'base64'));
    // 612 × 792 points at 24 dpi, one page only: the first.
    expect(Math.abs(image.width - 204)).toBeLessThanOrEqual(1);
    expect(Math.abs(image.height - 264)).toBeLessThanOrEqual(1);
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const top = context.getImageData(0, 0, image.width, 20).data;
    expect(top[2]! > top[0]! && top[0]! < 80).toBe(true); // the dark blue band, not white paper

    const kept = path.join(core.dataDir, 'thumbnails');
    expect(fs.readdirSync(kept)).toEqual([`${file.sha256}-24.png`]);
    // Asked again (another document holding the same file, say), it is read from there, not drawn again: a
    // stand-in put in its place is what comes back.
    const standIn = await createCanvas(2, 2).encode('png');
    fs.writeFileSync(path.join(kept, `${file.sha256}-24.png`), standIn);
    const again = await core.call('attachments.thumbnail', { id: file.id });
    expect(again.imageBase64).toBe(standIn.toString('base64'));

    await core.call('attachments.remove', { id: file.id });
    expect(fs.readdirSync(kept)).toEqual([]);
  }, 60_000);

  it('says plainly when a PDF cannot be drawn', async () => {
    const bill = await draftBill('INV-78');
    const file = await core.call('attachments.add', {
      documentId: bill.id,
      fileName: 'not-really.pdf',
      contentBase64: b64(pdf('no pages at all')),
    });
    const error = await thrown(core.call('attachments.thumbnail', { id: file.id }));
    expect(error.userMessage).toMatch(/not-really\.pdf/);
  }, 60_000);
});
