// Learning must never cost the bookkeeper the invoice, nor fail in silence: when the database refuses what was
// learned, the draft and its file are still saved, the answer says why nothing was learned in words a bookkeeper
// can act on, and the integration log keeps the same message against the document.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../../main/db/database.js';
import { startCore, type TestCore } from '../../fixtures/core.js';

let core: TestCore;
let companyId: string;
let supplierId: string;

beforeAll(async () => {
  core = await startCore();
  companyId = (await core.call('companies.create', { name: 'Northwind Facilities', baseCurrency: 'EUR' })).id;
  supplierId = (await core.call('suppliers.create', { companyId, name: 'Brandt Haustechnik' })).id;
});

afterAll(async () => {
  await core.close();
});

async function invoicePdf(): Promise<string> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const put = (text: string, x: number, top: number, size = 10) =>
    page.drawText(text, { x, y: 842 - top - size, size, font });
  put('Brandt Haustechnik GmbH', 40, 40, 18);
  put('Vorgang', 330, 120, 8);
  put('BR-5521', 330, 132);
  put('Datum', 450, 120, 8);
  put('03.04.2024', 450, 132);
  put('Wartung', 40, 238);
  put('100,00', 480, 238);
  put('Gesamtbetrag', 330, 312);
  put('119,00', 480, 312);
  return Buffer.from(await doc.save()).toString('base64');
}

describe('a correction that cannot be learned', () => {
  it('saves the invoice, says why nothing was learned, and logs it against the document', async () => {
    // Another connection makes the database refuse what is learned, as a full disk or a broken file would.
    const db = new BetterSqlite3(path.join(core.dataDir, DATABASE_FILE));
    db.exec(`CREATE TRIGGER refuse_learning BEFORE INSERT ON capture_learned_fields
             BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    db.close();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const saved = await core.call('documents.createFromCapture', {
        companyId,
        fileName: 'brandt.pdf',
        contentBase64: await invoicePdf(),
        supplierId,
        supplierInvoiceNumber: 'BR-5521',
        date: '2024-04-03',
        lines: [{ description: 'Wartung', quantity: '1', unitPrice: '100.00' }],
        corrections: [{ field: 'supplierInvoiceNumber', value: 'BR-5521' }],
      });
      expect(saved.document.supplierInvoiceNumber).toBe('BR-5521');
      expect(saved.attachment.fileName).toBe('brandt.pdf');
      expect(saved.learned).toEqual([]);
      expect(saved.learningProblem).toMatch(
        new RegExp(
          `^Invoice ${saved.document.number} was saved, but what you corrected on it \\(invoice number\\) could not ` +
            'be learned for Brandt Haustechnik: database or disk is full\\. .*correct the fields again',
        ),
      );
      expect(errors).toHaveBeenCalledWith(`[capture] ${saved.learningProblem}`);

      const log = await core.call('log.list', { documentId: saved.document.id, result: 'failure' });
      expect(log.items).toHaveLength(1);
      expect(log.items[0]).toMatchObject({
        companyId,
        documentId: saved.document.id,
        action: 'learn_capture',
        message: saved.learningProblem,
      });
      expect(await core.call('capture.learned.export', { companyId })).toMatchObject({ suppliers: [] });
    } finally {
      errors.mockRestore();
    }
  });

  it('says nothing went wrong when learning went through', async () => {
    const db = new BetterSqlite3(path.join(core.dataDir, DATABASE_FILE));
    db.exec('DROP TRIGGER refuse_learning');
    db.close();
    const saved = await core.call('documents.createFromCapture', {
      companyId,
      fileName: 'brandt-again.pdf',
      contentBase64: await invoicePdf(),
      supplierId,
      supplierInvoiceNumber: 'BR-5521',
      date: '2024-04-03',
      lines: [{ description: 'Wartung', quantity: '1', unitPrice: '100.00' }],
      confirmDuplicate: true,
      corrections: [{ field: 'supplierInvoiceNumber', value: 'BR-5521' }],
    });
    expect(saved.learningProblem).toBeNull();
    expect(saved.learned).toEqual(['supplierInvoiceNumber']);
  });
});
