// The one API contract. Every method is declared once, with a zod schema for its input and its output;
// Electron IPC, the headless HTTP server and direct calls in tests all validate against these schemas.
// Method names are stable: automation depends on them. The core methods are here; each further area
// (a connector's own methods, capture, jobs, payments) declares its methods in preload/contracts/<area>.ts and
// is spread into the map below, so areas are added without touching each other's files.
import { z } from 'zod';
import type { AppEvent } from './schemas.js';
import {
  ActionInput,
  Company,
  CompanyInput,
  Connection,
  ConnectionInput,
  ConnectionUpdate,
  Document,
  DocumentInput,
  DocumentListInput,
  DocumentSummary,
  DocumentUpdate,
  ById,
  Id,
  ImportInput,
  ImportResult,
  ListEntry,
  ListEntryInput,
  ListKind,
  listOf,
  LogEntry,
  LogListInput,
  Paging,
  Supplier,
  SupplierInput,
  SupplierUpdate,
  SystemInfo,
  TaxRate,
  TaxRateInput,
  TaxRateUpdate,
} from './schemas.js';
import { accountingContract } from './contracts/accounting.js';
import { captureContract } from './contracts/capture.js';
import { filesContract } from './contracts/files.js';
import { qbdContract } from './contracts/qbd.js';
import { servicetradeContract } from './contracts/servicetrade.js';
import { xeroContract } from './contracts/xero.js';
import { quickbooksOnlineContract } from './contracts/quickbooks-online.js';
import { netsuiteContract } from './contracts/netsuite.js';
import { supplierImportContract } from './contracts/supplier-import.js';
import { codingContract } from './contracts/coding.js';
import { listsContract } from './contracts/lists.js';
import { bulkContract } from './contracts/bulk.js';
import { paymentsContract } from './contracts/payments.js';
import { companyContract, type CompanyDetails } from './contracts/company.js';

export * from './schemas.js';
// ---------- the method map ----------

const byId = ById;
const list = listOf;

export const contract = {
  'app.info': {
    input: z.object({}).default({}),
    output: z.object({ version: z.string(), dataDir: z.string(), userName: z.string() }),
  },
  'companies.create': { input: CompanyInput, output: Company },
  'companies.list': { input: z.object({}).default({}), output: z.array(Company) },
  ...companyContract,
  'suppliers.create': { input: SupplierInput, output: Supplier },
  'suppliers.update': { input: SupplierUpdate, output: Supplier },
  'suppliers.get': { input: byId, output: Supplier },
  /** Pairs our supplier with a record of the connection's system by hand (when names do not match). */
  'suppliers.pair': {
    input: z.object({
      id: Id,
      connectionId: Id,
      externalId: z.string().trim().min(1, 'is required').max(100),
    }),
    output: Supplier,
  },
  'suppliers.list': {
    input: z.object({ companyId: Id, search: z.string().trim().max(100).optional(), ...Paging }),
    output: list(Supplier),
  },
  'taxRates.create': { input: TaxRateInput, output: TaxRate },
  'taxRates.list': { input: z.object({ companyId: Id }), output: z.array(TaxRate) },
  /** Renames a rate or changes its percent; lines already saved keep the percent they were saved with. */
  'taxRates.update': { input: TaxRateUpdate, output: TaxRate },
  /** Removes a rate that no document line uses (supplier defaults that name it are cleared). */
  'taxRates.delete': { input: byId, output: z.object({ id: Id }) },
  'lists.create': { input: ListEntryInput, output: ListEntry },
  /** What the pickers offer: entries hidden on the Lists page are left out unless includeHidden (names of coded lines). */
  'lists.list': {
    input: z.object({
      companyId: Id,
      kind: ListKind.optional(),
      connectionId: Id.optional(),
      includeHidden: z.boolean().default(false),
    }),
    output: z.array(ListEntry),
  },
  'documents.create': { input: DocumentInput, output: Document },
  'documents.update': { input: DocumentUpdate, output: Document },
  'documents.get': { input: byId, output: Document },
  'documents.list': { input: DocumentListInput, output: list(DocumentSummary) },
  'documents.submit': { input: ActionInput, output: Document },
  'documents.approve': { input: ActionInput, output: Document },
  'documents.reject': { input: ActionInput, output: Document },
  'documents.revise': { input: ActionInput, output: Document },
  'documents.cancel': { input: ActionInput, output: Document },
  'documents.send': {
    input: z.object({
      id: Id,
      connectionId: Id.optional(),
      actor: z.string().trim().min(1).max(100).optional(),
    }),
    /**
     * The document, and what the send did: queued, or nothing because this version is being sent to that
     * connection right now (one job does it; `message` says so, starting "Already sending").
     */
    output: Document.extend({
      sendResult: z.object({ outcome: z.enum(['queued', 'already_sending']), message: z.string() }),
    }),
  },
  'documents.import': { input: ImportInput, output: ImportResult },
  'connections.create': { input: ConnectionInput, output: Connection },
  'connections.update': { input: ConnectionUpdate, output: Connection },
  'connections.list': {
    input: z.object({ companyId: Id.optional() }).default({}),
    output: z.array(Connection),
  },
  'connections.connect': {
    input: byId,
    output: z.object({ connection: Connection, authorizeUrl: z.string().url().nullable() }),
  },
  /** Removes the connection (its sign-in revoked where the system allows, its secrets deleted); refused while sending. */
  'connections.remove': {
    input: byId,
    output: z.object({ id: Id, documentsForgotten: z.number().int() }),
  },
  'connections.test': {
    input: byId,
    output: z.object({ ok: z.boolean(), message: z.string() }),
  },
  /**
   * The bookkeeper confirms the company the connection reaches now — a Xero organisation, a NetSuite account, a
   * QuickBooks Online realm — by the id shown on the Connections page (`id`). Confirming another than the one
   * confirmed before switches the connection: the old one's pairings, list ids, mapped settings and document links
   * are retired, and documents sent there stay there. A change of company meanwhile makes it fail instead of apply.
   */
  'connections.confirmCompany': {
    input: z.object({ connectionId: Id, id: z.string().trim().min(1).max(100) }),
    output: Connection,
  },
  'connections.systems': {
    input: z.object({}).default({}),
    output: z.array(SystemInfo),
  },
  'log.list': { input: LogListInput, output: list(LogEntry) },
  ...qbdContract,
  ...accountingContract,
  ...captureContract,
  ...filesContract,
  ...servicetradeContract,
  ...xeroContract,
  ...quickbooksOnlineContract,
  ...netsuiteContract,
  ...supplierImportContract,
  ...codingContract,
  ...listsContract,
  ...bulkContract,
  ...paymentsContract,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller may pass (defaults not yet applied). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** The error shape every transport returns. */
export const ApiError = z.object({
  code: z.string(),
  message: z.string(),
  problems: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** What preload exposes as window.ledgerbridge and what the renderer's HTTP client implements too. */
export interface LedgerbridgeApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Subscribes to push events; returns an unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
}

export type DocumentT = z.infer<typeof Document>;
export type DocumentSummaryT = z.infer<typeof DocumentSummary>;
export type SupplierT = z.infer<typeof Supplier>;
export type ConnectionT = z.infer<typeof Connection>;
export type LogEntryT = z.infer<typeof LogEntry>;
export type CompanyT = z.infer<typeof Company>;
export type CompanyDetailsT = z.infer<typeof CompanyDetails>;
export type ImportResultT = z.infer<typeof ImportResult>;
