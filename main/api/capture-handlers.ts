// The handlers of preload/contracts/capture.ts.
import type { captureContract } from '../../preload/contracts/capture.js';
import { getDocumentRow } from '../db/repos/documents.js';
import { getAttachment, listAttachments, readAttachmentFile } from '../capture/attachments.js';
import { matchDocument } from '../capture/document-match.js';
import { exportLearned } from '../capture/learning.js';
import { loadCaptureReaders } from '../capture/load.js';
import { getTolerances, setTolerances } from '../capture/tolerances.js';
import type { AreaHandlers } from './context.js';

export const captureHandlers: AreaHandlers<typeof captureContract> = {
  'documents.capture': async (input, ctx) => {
    const { proposeFromFile } = await loadCaptureReaders();
    return { proposal: await proposeFromFile(ctx.db, input) };
  },
  'documents.createFromCapture': async (input, ctx) => {
    const { createFromCapture } = await loadCaptureReaders();
    return createFromCapture(ctx, input);
  },
  'attachments.list': ({ documentId }, ctx) => {
    getDocumentRow(ctx.db, documentId);
    return listAttachments(ctx.db, documentId);
  },
  'attachments.get': ({ id }, ctx) => {
    const record = getAttachment(ctx.db, id);
    return { ...record, contentBase64: readAttachmentFile(ctx.dataDir, record).toString('base64') };
  },
  'attachments.pages': async ({ id }, ctx) => {
    const record = getAttachment(ctx.db, id);
    const { renderPreviews } = await loadCaptureReaders();
    const images = await renderPreviews(readAttachmentFile(ctx.dataDir, record), record.fileName);
    return { pages: images.map((png, i) => ({ number: i + 1, imageBase64: png.toString('base64') })) };
  },
  'documents.match': ({ id }, ctx) => matchDocument(ctx.db, id),
  'matching.tolerances.get': ({ companyId }, ctx) => getTolerances(ctx.db, companyId),
  'matching.tolerances.set': (input, ctx) => setTolerances(ctx.db, input),
  'capture.learned.export': ({ companyId }, ctx) => exportLearned(ctx.db, companyId),
};
