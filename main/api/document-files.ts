// Files on any document (preload/contracts/files.ts): a bookkeeper adds a PDF or an image to a draft or a revision,
// and removes one added to the draft or the revision under way. A revision keeps the files of the versions before
// it, and a file that already went to an accounting system stays (both sides show the same files); the sync engine
// sends each file once per connection (sync/file-deliveries.ts).
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import {
  refuseFile,
  FILE_KINDS,
  fileKindOf,
  type DocumentFile,
  type filesContract,
} from '../../preload/contracts/files.js';
import {
  getAttachment,
  insertAttachment,
  listAttachments,
  removeFileIfUnused,
  sha256Of,
  storeFile,
  type AttachmentRecord,
} from '../capture/attachments.js';
import { listConnections } from '../db/repos/connections.js';
import { getDocumentRow, type DocumentRow } from '../db/repos/documents.js';
import { AppError } from '../domain/errors.js';
import { documentTypeLabel } from '../domain/lifecycle.js';
import { deliveriesOfDocument, type FileDelivery } from '../sync/file-deliveries.js';
import type { AreaHandlers } from './context.js';

type DocumentFileT = z.infer<typeof DocumentFile>;

const editable = (row: DocumentRow) => row.status === 'draft' || row.status === 'in_revision';

/** Why the file cannot be removed now, or null when it can. */
function keptBecause(row: DocumentRow, file: AttachmentRecord, sentTo: readonly string[]): string | null {
  const noun = documentTypeLabel(row.type);
  if (!editable(row)) {
    return `Files change only on a draft or a revision. To change the files of this ${noun}, choose Revise.`;
  }
  if (sentTo.length > 0) {
    return `It went to ${sentTo.join(' and ')} with this ${noun}, so it stays here as it is there. To take it off there, remove it in ${sentTo.length === 1 ? 'that system' : 'those systems'} by hand.`;
  }
  if (file.addedInRevision < row.revision) {
    return `It came with ${file.addedInRevision === 0 ? 'the approved original' : `revision ${file.addedInRevision}`}, and a revision keeps the files of the versions before it. Add a corrected file instead.`;
  }
  return null;
}

/** The document's files, with what became of each on each connection. */
export function listDocumentFiles(db: Database, documentId: string): DocumentFileT[] {
  const row = getDocumentRow(db, documentId);
  const deliveries = deliveriesOfDocument(db, documentId);
  const names = new Map(listConnections(db, row.company_id).map((c) => [c.id, c.name]));
  const byFile = new Map<string, FileDelivery[]>();
  for (const d of deliveries) byFile.set(d.attachmentId, [...(byFile.get(d.attachmentId) ?? []), d]);
  return listAttachments(db, documentId).map((file) => {
    const mine = byFile.get(file.id) ?? [];
    const sentTo = mine
      .filter((d) => d.status === 'sent')
      .map((d) => names.get(d.connectionId) ?? 'the accounting system');
    return {
      ...file,
      isNew: row.revision > 0 && file.addedInRevision === row.revision,
      keptBecause: keptBecause(row, file, sentTo),
      deliveries: mine.map((d) => ({
        connectionId: d.connectionId,
        status: d.status,
        externalId: d.externalId,
        at: d.at,
      })),
    };
  });
}

export const filesHandlers: AreaHandlers<typeof filesContract> = {
  'attachments.add': ({ documentId, fileName, contentBase64 }, ctx) => {
    const row = getDocumentRow(ctx.db, documentId);
    const noun = documentTypeLabel(row.type);
    if (!editable(row)) {
      throw new AppError(
        'document_locked',
        row.status === 'approved'
          ? `Files are added to a draft or a revision. This ${noun} is approved: choose Revise, add the file, then approve the revision (the file goes with the update).`
          : `Files are added to a draft or a revision. This ${noun} is ${row.status.replace('_', ' ')}.`,
      );
    }
    const bytes = Buffer.from(contentBase64, 'base64');
    const existing = listAttachments(ctx.db, documentId);
    const refusal = refuseFile({
      fileName,
      size: bytes.length,
      head: bytes.subarray(0, 16),
      filesOnDocument: existing.length,
    });
    if (refusal) {
      throw new AppError('invalid_input', refusal, {
        problems: [{ field: 'contentBase64', message: refusal }],
      });
    }
    const sha256 = sha256Of(bytes);
    const same = existing.find((a) => a.sha256 === sha256);
    if (same) {
      throw new AppError(
        'conflict',
        `This very file is already on this ${noun}, as ${same.fileName}. Nothing was added.`,
      );
    }
    const kind = fileKindOf(bytes.subarray(0, 16));
    if (!kind) throw new Error('unreachable: refuseFile checks the kind');
    const { created } = storeFile(ctx.dataDir, sha256, bytes);
    let record: AttachmentRecord;
    try {
      record = ctx.db.transaction(() => {
        // Read again inside the transaction: a revision approved meanwhile must not take a file it did not show.
        const now = getDocumentRow(ctx.db, documentId);
        if (!editable(now)) {
          throw new AppError(
            'document_locked',
            `This ${noun} was submitted or approved meanwhile, and files are added to a draft or a revision. Choose Revise, then add the file again.`,
          );
        }
        return insertAttachment(ctx.db, {
          documentId,
          fileName,
          sha256,
          size: bytes.length,
          mimeType: FILE_KINDS[kind].mimeType,
          addedInRevision: now.revision,
        });
      })();
    } catch (error) {
      if (created) removeFileIfUnused(ctx.db, ctx.dataDir, sha256);
      throw error;
    }
    ctx.emit({ type: 'document', documentId });
    const added = listDocumentFiles(ctx.db, documentId).find((f) => f.id === record.id);
    if (!added) throw new Error('unreachable: the file was just added');
    return added;
  },
  'attachments.remove': ({ id }, ctx) => {
    const file = getAttachment(ctx.db, id);
    ctx.db.transaction(() => {
      const listed = listDocumentFiles(ctx.db, file.documentId).find((f) => f.id === id);
      if (listed?.keptBecause) {
        throw new AppError('document_locked', `${file.fileName} stays. ${listed.keptBecause}`);
      }
      ctx.db.prepare('DELETE FROM attachments WHERE id = ?').run(id);
    })();
    removeFileIfUnused(ctx.db, ctx.dataDir, file.sha256);
    ctx.emit({ type: 'document', documentId: file.documentId });
    return { id, documentId: file.documentId };
  },
};
