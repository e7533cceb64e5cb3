// ServiceTrade's answers, checked at the boundary. Every response is `{ data: ... }`; lists carry their records
// under a plural key with `totalPages` and `page` beside them. Records are parsed loosely (passthrough of what
// we do not use, nullable where ServiceTrade leaves a field out) because the API adds fields over time.
import { z } from 'zod';
import { EndpointUrl } from '../../../preload/schemas.js';
import { SERVICETRADE_JOB_STATUSES } from '../../../preload/contracts/servicetrade.js';

export const DEFAULT_BASE_URL = 'https://api.servicetrade.com/api';

/** Every job status ServiceTrade knows (peers.md §1.3). The job list must ask for each one explicitly. */
export const JOB_STATUSES = SERVICETRADE_JOB_STATUSES;

/** The ServiceTrade connection's settings (connection.settings), on top of the common ones. */
export const ServiceTradeSettings = z.object({
  baseUrl: EndpointUrl.default(DEFAULT_BASE_URL),
  /** How often the schedule pulls, in minutes (0 = only "Refresh now"). */
  refreshMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  /** One request's time limit. */
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  /** First retry delay for a transient failure; doubled per attempt. */
  retryBaseMs: z.number().int().min(0).max(60_000).default(500),
  /**
   * The QuickBooks Desktop connection each pull queues new pending_accounting invoices for (with their jobs when
   * not in QuickBooks yet); unset or '' (how the settings panel clears it): invoices are sent only with "Send to
   * QuickBooks".
   */
  autoSendInvoicesTo: z.string().trim().max(64).optional(),
  /** A source sends nothing: no document type is ever sent to ServiceTrade. */
  documentsToSend: z.unknown().transform((): never[] => []),
  importPayments: z.unknown().transform(() => false),
});
export type ServiceTradeSettings = z.infer<typeof ServiceTradeSettings>;

/** What connections.create/update accept: these settings (and the common createMissing), and no other key. */
export const ServiceTradeSettingsInput = ServiceTradeSettings.extend({
  createMissing: z.boolean().optional(),
}).strict();

const Id = z.union([z.number(), z.string()]).transform((v) => String(v));
const Text = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const Unix = z
  .number()
  .nullish()
  .transform((v) => v ?? null);

export const envelope = <T extends z.ZodType>(data: T) => z.object({ data });

export const TokenAnswer = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
});

export const SessionAnswer = envelope(
  z.object({
    authenticated: z.boolean().optional(),
    authToken: z.string().min(1).optional(),
  }),
);

const Ref = z.object({ id: Id, name: Text }).passthrough();

export const StCompany = z.object({ id: Id, name: z.string(), status: Text, updated: Unix }).passthrough();
export type StCompany = z.infer<typeof StCompany>;

export const StLocation = z
  .object({
    id: Id,
    name: z.string(),
    refNumber: Text,
    storeNumber: Text,
    status: Text,
    updated: Unix,
    address: z.object({ street: Text, city: Text, state: Text, postalCode: Text }).partial().nullish(),
    company: Ref.nullish(),
  })
  .passthrough();
export type StLocation = z.infer<typeof StLocation>;

export const StJob = z
  .object({
    id: Id,
    number: z.union([z.number(), z.string()]).transform((v) => String(v)),
    name: Text,
    type: Text,
    status: z.string(),
    description: Text,
    scheduledDate: Unix,
    updated: Unix,
    customer: Ref.nullish(),
    location: Ref.nullish(),
  })
  .passthrough();
export type StJob = z.infer<typeof StJob>;

export const StInvoice = z
  .object({
    id: Id,
    invoiceNumber: Text,
    name: Text,
    type: Text,
    status: z.string(),
    totalPrice: z.union([z.number(), z.string()]).nullish(),
    transactionDate: Unix,
    updated: Unix,
    job: z.object({ id: Id }).passthrough().nullish(),
    customer: Ref.nullish(),
    location: Ref.nullish(),
    items: z.array(z.record(z.string(), z.unknown())).nullish(),
  })
  .passthrough();
export type StInvoice = z.infer<typeof StInvoice>;

/** One page of a list: `{ data: { totalPages, page, <key>: [...] } }`. */
export const pageOf = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  envelope(
    z
      .object({
        totalPages: z.number().int().min(0).default(1),
        page: z.number().int().min(0).optional(),
      })
      .extend({ [key]: z.array(item).default([]) } as Record<K, z.ZodDefault<z.ZodArray<T>>>),
  );
