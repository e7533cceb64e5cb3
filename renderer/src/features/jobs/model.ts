// What the Jobs pages share: the job types, the QuickBooks states by their screen names, and the texts built
// from the answers of refresh and send.
import type { z } from 'zod';
import type { MethodOutput } from '../../../../preload/contract';
import type {
  JobPreview,
  JobQbState,
  RefreshSummary,
  ServiceTradeJob,
} from '../../../../preload/contracts/servicetrade';

export type Job = z.infer<typeof ServiceTradeJob>;
export type Preview = z.infer<typeof JobPreview>;
export type QbState = z.infer<typeof JobQbState>;
export type Invoice = MethodOutput<'servicetrade.invoices.list'>['items'][number];

export const QB_LABELS: Record<QbState, string> = {
  not_sent: 'Not sent',
  invalid: 'Name problem',
  queued: 'Queued',
  sent: 'In QuickBooks',
  failed: 'Failed',
};

/** The states from which a job can be sent (again). */
export const SENDABLE: QbState[] = ['not_sent', 'invalid', 'failed'];

export const MAPPING_LABELS: Record<string, string> = {
  customer: 'Customer',
  'customer:job': 'Customer:Job',
  'customer:location:job': 'Customer:Location:Job',
};

export interface JobFilters {
  status: string;
  customerId: string;
  scheduledFrom: string;
  scheduledTo: string;
  quickbooksState: QbState | '';
}

export const EMPTY_FILTERS: JobFilters = {
  status: '',
  customerId: '',
  scheduledFrom: '',
  scheduledTo: '',
  quickbooksState: '',
};

export function scheduled(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '—';
}

export function summaryText(summary: z.infer<typeof RefreshSummary>): string {
  const n = summary.jobs.changed;
  const gone = summary.deletedJobs;
  return (
    `Refreshed from ServiceTrade: ${n} new or changed job${n === 1 ? '' : 's'}.` +
    (gone > 0 ? ` ${gone} job${gone === 1 ? ' was' : 's were'} deleted there (marked, kept here).` : '')
  );
}

/** What happened to the jobs sent to `connectionName` in one click. */
export function sendText(result: MethodOutput<'jobs.send'>, connectionName: string): string {
  const parts: string[] = [];
  if (result.queued.length > 0) {
    parts.push(
      `${result.queued.length} job${result.queued.length === 1 ? '' : 's'} queued for ${connectionName}; they are created at the next Web Connector session.`,
    );
  }
  if (result.alreadyQueued.length > 0) {
    parts.push(`${result.alreadyQueued.length} already queued or in QuickBooks.`);
  }
  for (const bad of result.invalid) parts.push(`Job ${bad.number} was not sent: ${bad.errors.join(' ')}`);
  return parts.join(' ');
}

/** Where a ServiceTrade invoice is in QuickBooks, and whether ServiceTrade was told. */
export function invoiceState(invoice: Invoice): string {
  const qb = invoice.quickbooks;
  if (!qb) return 'Not sent';
  if (qb.state === 'queued') return 'Queued';
  if (qb.state === 'failed') return 'Failed';
  if (qb.writeBack === 'done') return `In QuickBooks as ${qb.refNumber ?? ''}; ServiceTrade updated`;
  if (qb.writeBack === 'failed') return `In QuickBooks as ${qb.refNumber ?? ''}; ServiceTrade not updated`;
  return `In QuickBooks as ${qb.refNumber ?? ''}; ServiceTrade updated at the next refresh`;
}
