// documents.createFromCapture: the reviewed draft invoice and its file, both or neither. The file goes into place
// first (temporary name, then rename); the document and the attachment row are written in one transaction; if that
// transaction fails, a file that nothing else refers to is taken back. The duplicate guard is enforced here, not
// only shown in the proposal.
import type { ParsedInput, DocumentT } from '../../preload/contract.js';
import type { ApiContext } from '../api/context.js';
import { createDocument } from '../api/documents.js';
import { withSupplierDefaults } from '../api/supplier-line-defaults.js';
import { getCompany } from '../db/repos/companies.js';
import { findSupplier } from '../db/repos/suppliers.js';
import { loadDocument } from '../db/repos/documents.js';
import { AppError } from '../domain/errors.js';
import {
  insertAttachment,
  removeFileIfUnused,
  sha256Of,
  storeFile,
  type AttachmentRecord,
} from './attachments.js';
import { decodeFile, duplicatesOf, readAsProposed } from './propose.js';
import { companyCountryOf, companyOwnIdentity } from './own-identity.js';
import { CAPTURE_FIELD, learnCorrections, type Correction } from './learning.js';
import { MIME_TYPES, readFile, verifyReadable } from './read-file.js';

type CaptureFieldName = Correction['field'];

/** The fields as the review screen names them, for messages. */
const FIELD_NAMES: Partial<Record<CaptureFieldName, string>> = {
  supplier: 'supplier',
  supplierInvoiceNumber: 'invoice number',
  date: 'invoice date',
  dueDate: 'due date',
  printedOrderNumber: 'order number',
  currency: 'currency',
  subtotal: 'subtotal',
  tax: 'tax',
  total: 'total',
};

export async function createFromCapture(
  ctx: ApiContext,
  input: ParsedInput<'documents.createFromCapture'>,
): Promise<{
  document: DocumentT;
  attachment: AttachmentRecord;
  learned: CaptureFieldName[];
  learnedConfirmed: CaptureFieldName[];
  learningProblem: string | null;
}> {
  const { fileName, contentBase64, confirmDuplicate, corrections, confirmed, learnLines, ...draft } = input;
  const bytes = decodeFile(contentBase64, fileName);
  const kind = await verifyReadable(bytes, fileName);
  const sha256 = sha256Of(bytes);

  if (!confirmDuplicate) {
    const supplier = findSupplier(ctx.db, draft.supplierId);
    const duplicates = duplicatesOf(ctx.db, {
      companyId: draft.companyId,
      supplierId: draft.supplierId,
      invoiceNumber: draft.supplierInvoiceNumber ?? null,
      sha256,
      supplierName: supplier?.name ?? 'This supplier’s',
    });
    const first = duplicates[0];
    if (first) {
      throw new AppError('conflict', `${first.message} Nothing was saved.`, {
        problems: duplicates.map((d) => ({
          field: d.kind === 'file' ? 'contentBase64' : 'supplierInvoiceNumber',
          message: d.message,
        })),
      });
    }
  }

  const { created } = storeFile(ctx.dataDir, sha256, bytes);
  let result: { id: string; attachment: AttachmentRecord };
  try {
    result = ctx.db.transaction(() => {
      // Lines read from the file start with the supplier's coding defaults where they have none.
      const coded = withSupplierDefaults(ctx.db, draft);
      const document = createDocument(ctx, { ...coded, type: 'invoice' }, { quiet: true });
      const attachment = insertAttachment(ctx.db, {
        documentId: document.id,
        fileName,
        sha256,
        size: bytes.length,
        mimeType: MIME_TYPES[kind],
      });
      return { id: document.id, attachment };
    })();
  } catch (error) {
    if (created) removeFileIfUnused(ctx.db, ctx.dataDir, sha256);
    throw error;
  }
  ctx.emit({ type: 'document', documentId: result.id });
  const document = loadDocument(ctx.db, result.id);
  const { learned, learnedConfirmed, problem } =
    corrections.length > 0 || confirmed.length > 0 || learnLines
      ? await learnFromSaved(ctx, draft, document, bytes, fileName, { corrections, confirmed, learnLines })
      : { learned: [], learnedConfirmed: [], problem: null };
  return { document, attachment: result.attachment, learned, learnedConfirmed, learningProblem: problem };
}

/**
 * Remembers how the supplier prints the fields the bookkeeper corrected. The invoice is saved whatever happens
 * here: a field whose right value is not printed is simply not reported as learned, and a failure (the file
 * cannot be read again, the database refuses) is written to the integration log and the console and returned
 * as `problem`, for the review screen to say.
 */
async function learnFromSaved(
  ctx: ApiContext,
  draft: { companyId: string; supplierId: string },
  document: DocumentT,
  bytes: Buffer,
  fileName: string,
  taught: { corrections: readonly Correction[]; confirmed: readonly Correction[]; learnLines: boolean },
): Promise<{ learned: CaptureFieldName[]; learnedConfirmed: CaptureFieldName[]; problem: string | null }> {
  const { corrections, confirmed } = taught;
  const supplier = findSupplier(ctx.db, draft.supplierId);
  try {
    const company = getCompany(ctx.db, draft.companyId);
    const read = await readFile(bytes, fileName);
    const pages = read.pages.map((p) => p.text);
    // Read as the proposal read it for this supplier (its dates in the same day/month order), so that a value
    // saved as read is learned where it was read.
    const extraction = readAsProposed(read, supplier, company.baseCurrency, {
      own: companyOwnIdentity(ctx.db, company.id),
      companyCountry: companyCountryOf(ctx.db, company.id),
    });
    // The supplier is taught by its name as printed.
    const named = (c: Correction): Correction =>
      c.field === 'supplier' && supplier ? { field: c.field, value: supplier.name } : c;
    const learned = learnCorrections(ctx.db, {
      companyId: company.id,
      supplierId: draft.supplierId,
      pages,
      extraction,
      corrections: corrections.map(named),
      confirmed: confirmed.map(named),
      lines: taught.learnLines
        ? document.lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unitPrice, amount: l.amount }))
        : [],
    });
    const fields = learned.map((f) => CAPTURE_FIELD[f]);
    const fixed = new Set(corrections.map((c) => c.field));
    return {
      learned: fields.filter((f) => fixed.has(f)),
      learnedConfirmed: fields.filter((f) => !fixed.has(f)),
      problem: null,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const fields = [...corrections, ...confirmed].map((c) => FIELD_NAMES[c.field] ?? c.field).join(', ');
    const problem =
      `Invoice ${document.number} was saved, but what you ${confirmed.length > 0 ? 'checked' : 'corrected'} on it (${fields}) could not be learned for ` +
      `${supplier?.name ?? 'its supplier'}: ${reason}. The next invoice from this supplier is read as before; ` +
      'correct the fields again there. If this keeps happening, send this log entry to support.';
    console.error(`[capture] ${problem}`);
    try {
      ctx.log({
        companyId: draft.companyId,
        connectionId: null,
        documentId: document.id,
        action: 'learn_capture',
        result: 'failure',
        message: problem,
        detail: error instanceof Error ? (error.stack ?? null) : null,
      });
    } catch (logError) {
      console.error('[capture] the integration log refused the entry as well:', logError);
    }
    return { learned: [], learnedConfirmed: [], problem };
  }
}
