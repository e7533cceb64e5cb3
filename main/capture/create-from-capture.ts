// documents.createFromCapture: the reviewed draft invoice and its file, both or neither. The file goes into place
// first (temporary name, then rename); the document and the attachment row are written in one transaction; if that
// transaction fails, a file that nothing else refers to is taken back. The duplicate guard is enforced here, not
// only shown in the proposal.
import type { ParsedInput, DocumentT } from '../../preload/contract.js';
import type { ApiContext } from '../api/context.js';
import { createDocument } from '../api/documents.js';
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
import { decodeFile, duplicatesOf } from './propose.js';
import { MIME_TYPES, verifyReadable } from './read-file.js';

export async function createFromCapture(
  ctx: ApiContext,
  input: ParsedInput<'documents.createFromCapture'>,
): Promise<{ document: DocumentT; attachment: AttachmentRecord }> {
  const { fileName, contentBase64, confirmDuplicate, ...draft } = input;
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
      const document = createDocument(ctx, { ...draft, type: 'invoice' }, { quiet: true });
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
  return { document: loadDocument(ctx.db, result.id), attachment: result.attachment };
}
