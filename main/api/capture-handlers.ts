// The handlers of preload/contracts/capture.ts.
import type { captureContract } from '../../preload/contracts/capture.js';
import { getAttachment, readAttachmentFile } from '../capture/attachments.js';
import { matchDocument } from '../capture/document-match.js';
import { loadCaptureReaders } from '../capture/load.js';
import { firstPageThumbnail } from '../capture/thumbnails.js';
import { getTolerances, setTolerances } from '../capture/tolerances.js';
import type { AreaHandlers } from './context.js';
import { listDocumentFiles } from './document-files.js';

export const captureHandlers: AreaHandlers<typeof captureContract> = {
  'documents.capture': async (input, ctx) => {
    const { proposeFromFile } = await loadCaptureReaders();
    return { proposal: await proposeFromFile(ctx.db, input) };
  },
  'documents.createFromCapture': async (input, ctx) => {
    const { createFromCapture } = await loadCaptureReaders();
    return createFromCapture(ctx, input);
  },
  'attachments.list': ({ documentId }, ctx) => listDocumentFiles(ctx.db, documentId),
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
  'attachments.thumbnail': async ({ id }, ctx) => {
    const record = getAttachment(ctx.db, id);
    const png = await firstPageThumbnail(ctx.dataDir, record, () => readAttachmentFile(ctx.dataDir, record));
    return { mimeType: 'image/png' as const, imageBase64: png.toString('base64') };
  },
  'documents.match': ({ id }, ctx) => matchDocument(ctx.db, id),
  'matching.tolerances.get': ({ companyId }, ctx) => getTolerances(ctx.db, companyId),
  'matching.tolerances.set': (input, ctx) => setTolerances(ctx.db, input),
  // Loaded on first use: learning.ts brings the label vocabulary of capture, compiled when its module loads (tens
  // of milliseconds of a start that reads no invoice).
  'capture.learned.export': async ({ companyId }, ctx) =>
    (await import('../capture/learning.js')).exportLearned(ctx.db, companyId),
};
