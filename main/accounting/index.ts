// The public surface of main/accounting: what every accounting system shares above the connectors.
export type { AccountingContext, AccountingLogEntry, SessionRequests } from './context.js';
export { importLists, DEFAULT_LIST_KINDS } from './lists.js';
export { writeListPage } from '../db/repos/list-page-writer.js';
export { syncSuppliers, createExternalSupplier } from './suppliers.js';
export { createExternalTaxCodes } from './tax-codes.js';
export { applyPayments, importPayments } from './payments.js';
export { startPaymentsPoll } from './payments-poll.js';
export { importSuppliers, supplierImportStatus } from './supplier-import.js';
export { createSchedules, type Schedules } from './schedules.js';
export { importListKind, type ListImportMode } from './list-page.js';
export { listKindPlural, listProgressSentence, stoppedListImports } from './list-import.js';
export { createForPairing, mirroredVendors, needsPairing, pairWithEntry, pairWithVendor } from './pairing.js';
export { refreshCompanySettings } from './company-settings.js';
