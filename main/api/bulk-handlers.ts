// The handlers of preload/contracts/bulk.ts: the ids matching the list's filters, bulk submit, approve and send, and
// a bulk send's progress.
import type { bulkContract } from '../../preload/contracts/bulk.js';
import { listDocumentIds } from '../db/repos/documents.js';
import { sendMany, sendProgress, transitionMany } from './bulk.js';
import type { AreaHandlers } from './context.js';

export const bulkHandlers: AreaHandlers<typeof bulkContract> = {
  'documents.ids': (input, ctx) => listDocumentIds(ctx.db, input),
  'documents.submitMany': (input, ctx) => transitionMany(ctx, 'submit', input),
  'documents.approveMany': (input, ctx) => transitionMany(ctx, 'approve', input),
  'documents.sendMany': (input, ctx) => sendMany(ctx, input),
  'documents.sendProgress': (input, ctx) => sendProgress(ctx, input),
};
