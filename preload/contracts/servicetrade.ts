// ServiceTrade: the connection's refresh, jobs and invoices, and sending jobs to QuickBooks Desktop for job costing.
import { z } from 'zod';
import { Id, IsoDate, listOf, LogEntry, Paging, Timestamp, type MethodShape } from '../schemas.js';

/** Every job status ServiceTrade knows (the job list asks for each one: without `status` it answers scheduled only). */
export const SERVICETRADE_JOB_STATUSES = [
  'new',
  'bidding',
  'scheduled',
  'completed',
  'pending_invoice',
  'sending_invoice',
  'invoiced',
  'closed',
  'canceled',
] as const;

/** A job's state in QuickBooks: not sent yet, waiting for the next Web Connector session, there, or refused. */
export const JobQbState = z.enum(['not_sent', 'invalid', 'queued', 'sent', 'failed']);

export const PullCount = z.object({ fetched: z.number().int(), changed: z.number().int() });
export const RefreshSummary = z.object({
  companies: PullCount,
  locations: PullCount,
  jobs: PullCount,
  invoices: PullCount,
  /** Jobs this refresh found deleted in ServiceTrade (the job lists are read whole once a day). */
  deletedJobs: z.number().int(),
});

export const ServiceTradeJob = z.object({
  id: Id,
  connectionId: Id,
  /** ServiceTrade's id of the job. */
  externalId: z.string(),
  number: z.string(),
  name: z.string().nullable(),
  type: z.string().nullable(),
  status: z.string(),
  description: z.string().nullable(),
  customer: z.object({ id: z.string().nullable(), name: z.string() }),
  location: z.object({ id: z.string(), name: z.string() }).nullable(),
  scheduledDate: Timestamp.nullable(),
  /** When a whole read of ServiceTrade's job lists first found the job gone (deleted there); null while it is there. */
  missingSince: Timestamp.nullable(),
  quickbooks: z.object({
    state: JobQbState,
    connectionId: Id.nullable(),
    fullName: z.string().nullable(),
    message: z.string().nullable(),
    updatedAt: Timestamp.nullable(),
  }),
});

export const JobListInput = z.object({
  companyId: Id,
  /** ServiceTrade job status (scheduled, completed, ...). */
  status: z.string().trim().max(40).optional(),
  /** ServiceTrade customer (company) id. */
  customerId: z.string().trim().max(64).optional(),
  scheduledFrom: IsoDate.optional(),
  scheduledTo: IsoDate.optional(),
  quickbooksState: JobQbState.optional(),
  /** Matches the job number or name, the customer or the location. */
  search: z.string().trim().max(100).optional(),
  ...Paging,
});

const JobBatch = z.object({
  jobIds: z.array(Id).min(1, 'choose at least one job').max(500),
  /** The QuickBooks Desktop connection the jobs go to. */
  connectionId: Id,
});

export const JobPreview = z.object({
  jobId: Id,
  number: z.string(),
  ok: z.boolean(),
  fullName: z.string().nullable(),
  levels: z.array(
    z.object({ level: z.enum(['customer', 'location', 'job']), name: z.string(), fullName: z.string() }),
  ),
  errors: z.array(z.string()),
  notes: z.array(z.string()),
});

export const ServiceTradeInvoice = z.object({
  id: Id,
  connectionId: Id,
  externalId: z.string(),
  invoiceNumber: z.string().nullable(),
  name: z.string().nullable(),
  type: z.string().nullable(),
  status: z.string(),
  /** Our id of the job the invoice is for, when that job has been pulled. */
  jobId: Id.nullable(),
  jobNumber: z.string().nullable(),
  customerName: z.string().nullable(),
  totalPrice: z.string().nullable(),
  transactionDate: Timestamp.nullable(),
  /** The invoice in QuickBooks Desktop (latest connection it was queued for), null when never sent. */
  quickbooks: z
    .object({
      connectionId: Id,
      state: z.enum(['queued', 'sent', 'failed']),
      /** QuickBooks' invoice number once it accepted the invoice. */
      refNumber: z.string().nullable(),
      message: z.string().nullable(),
      /** Writing the number back to ServiceTrade: pending until the next refresh, then done or failed. */
      writeBack: z.enum(['pending', 'done', 'failed']).nullable(),
    })
    .nullable(),
});

export const servicetradeContract = {
  'servicetrade.refresh': {
    input: z.object({ connectionId: Id }),
    output: RefreshSummary,
  },
  'servicetrade.customers.list': {
    input: z.object({ companyId: Id }),
    output: z.array(z.object({ id: z.string(), name: z.string() })),
  },
  'servicetrade.invoices.list': {
    input: z.object({
      companyId: Id,
      status: z.string().trim().max(40).optional(),
      ...Paging,
    }),
    output: listOf(ServiceTradeInvoice),
  },
  'servicetrade.invoices.send': {
    input: z.object({ invoiceIds: z.array(Id).min(1).max(500), connectionId: Id }),
    output: z.object({
      /** Invoices queued now for the next Web Connector session (their jobs first when not in QuickBooks yet). */
      queued: z.array(Id),
      alreadyQueued: z.array(Id),
      invalid: z.array(z.object({ invoiceId: Id, errors: z.array(z.string()) })),
    }),
  },
  /** The invoice's integration log, newest first: queued, created in QuickBooks (or why not), written back. */
  'servicetrade.invoices.log': {
    input: z.object({ invoiceId: Id, ...Paging }),
    output: listOf(LogEntry),
  },
  'jobs.list': { input: JobListInput, output: listOf(ServiceTradeJob) },
  /**
   * The job's integration log, newest first: changes pulled from ServiceTrade, queueing, its customer and job in
   * QuickBooks Desktop (or why not), and the same for the job's invoices.
   */
  'jobs.log': {
    input: z.object({ jobId: Id, ...Paging }),
    output: listOf(LogEntry),
  },
  'jobs.get': { input: z.object({ id: Id }), output: ServiceTradeJob },
  'jobs.preview': {
    input: JobBatch.extend({
      /**
       * Naming settings not saved yet, over the connection's own (the settings panel's live preview): a problem in
       * them is answered with the field it is on.
       */
      naming: z
        .object({
          customerMapping: z.string().optional(),
          nameTemplates: z.record(z.string(), z.string()).optional(),
          nameOverflow: z.string().optional(),
        })
        .optional(),
    }),
    output: z.object({
      customerMapping: z.enum(['customer', 'customer:job', 'customer:location:job']),
      items: z.array(JobPreview),
    }),
  },
  'jobs.send': {
    input: JobBatch,
    output: z.object({
      /** Jobs queued now for the next Web Connector session. */
      queued: z.array(Id),
      /** Jobs already queued or sent to this connection: nothing new was queued for them. */
      alreadyQueued: z.array(Id),
      /** Jobs whose QuickBooks name cannot be made, with the reasons; nothing was queued for them. */
      invalid: z.array(z.object({ jobId: Id, number: z.string(), errors: z.array(z.string()) })),
    }),
  },
} as const satisfies Record<string, MethodShape>;
