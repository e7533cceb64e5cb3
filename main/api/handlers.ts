// The single typed handler map (Actual Budget's pattern): one entry per contract method. TypeScript checks that
// every method of preload/contract.ts has exactly one handler with the right input and output types.
import { loadDocument } from '../db/repos/documents.js';
import { listLog } from '../sync/log.js';
import { recordHandlers } from './companies.js';
import { connectionHandlers } from './connections.js';
import type { Handlers } from './context.js';
import { createDocument, sendDocument, transitionDocument, updateDocument } from './documents.js';
import { listDocuments } from '../db/repos/documents.js';
import { importFile } from './import.js';
import { accountingHandlers } from './accounting-handlers.js';
import { captureHandlers } from './capture-handlers.js';
import { filesHandlers } from './document-files.js';
import { qbdHandlers } from './qbd-handlers.js';
import { servicetradeHandlers } from './servicetrade-handlers.js';
import { xeroHandlers } from './xero-handlers.js';
import { quickbooksOnlineHandlers } from './quickbooks-online-handlers.js';
import { netsuiteHandlers } from './netsuite-handlers.js';
import { supplierImportHandlers } from './supplier-import-handlers.js';
import { codingHandlers } from './coding-handlers.js';
import { listsHandlers } from './lists-handlers.js';
import { bulkHandlers } from './bulk-handlers.js';
import { paymentsHandlers } from './payments-handlers.js';
import { companyHandlers } from './company-handlers.js';

export const handlers: Handlers = {
  'app.info': (_input, ctx) => ({ version: ctx.version, dataDir: ctx.dataDir, userName: ctx.userName }),
  ...recordHandlers,
  ...companyHandlers,
  'documents.create': (input, ctx) => createDocument(ctx, input),
  'documents.update': (input, ctx) => updateDocument(ctx, input),
  'documents.get': ({ id }, ctx) => loadDocument(ctx.db, id),
  'documents.list': (input, ctx) => listDocuments(ctx.db, input),
  'documents.submit': (input, ctx) => transitionDocument(ctx, 'submit', input),
  'documents.approve': (input, ctx) => transitionDocument(ctx, 'approve', input),
  'documents.reject': (input, ctx) => transitionDocument(ctx, 'reject', input),
  'documents.revise': (input, ctx) => transitionDocument(ctx, 'revise', input),
  'documents.cancel': (input, ctx) => transitionDocument(ctx, 'cancel', input),
  'documents.send': (input, ctx) => sendDocument(ctx, input),
  'documents.import': (input, ctx) => importFile(ctx, input),
  ...connectionHandlers,
  'log.list': (input, ctx) => listLog(ctx.db, input),
  ...qbdHandlers,
  ...accountingHandlers,
  ...captureHandlers,
  ...filesHandlers,
  ...servicetradeHandlers,
  ...xeroHandlers,
  ...quickbooksOnlineHandlers,
  ...netsuiteHandlers,
  ...supplierImportHandlers,
  ...codingHandlers,
  ...listsHandlers,
  ...bulkHandlers,
  ...paymentsHandlers,
};
