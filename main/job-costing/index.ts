// Job costing with ServiceTrade across QuickBooks Desktop: ServiceTrade's jobs and invoices are units of the Web
// Connector session, registered here so that the QuickBooks Desktop folder knows nothing of ServiceTrade
// (app.ts passes them to createQbdEngine); and the schedule that refreshes ServiceTrade connections.
import type { QbdUnitFactory } from '../connectors/quickbooks-desktop/unit.js';
import { ServiceTradeInvoicesUnit } from './qbd-invoices.js';
import { ServiceTradeJobsUnit } from './qbd-jobs.js';

export { RefreshSchedule } from './refresh-schedule.js';
export { refreshConnection, type RefreshDeps } from './refresh.js';
export { getJob, listJobs, previewJobs, sendJobs } from './jobs.js';
export { autoQueueInvoices, queueInvoices } from './invoice-queue.js';

/** The QuickBooks Desktop session's units for ServiceTrade's jobs and invoices. */
export const jobCostingQbdUnits: readonly QbdUnitFactory[] = [
  (parts) => new ServiceTradeJobsUnit(parts),
  (parts) => new ServiceTradeInvoicesUnit(parts),
];
