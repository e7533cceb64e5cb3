// The schemas the API contract is built from: primitives, records and events. preload/contract.ts assembles the
// method map; each area's methods live in preload/contracts/<area>.ts, built from these schemas.
import { z } from 'zod';

// ---------- primitives ----------

/** A decimal number as text ("12", "-3.5", "0.125"). Never a binary float. */
export const DecimalString = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a number written with digits and an optional decimal point, e.g. 12.50');
/** An amount of money as text in the document's currency ("1234.50"). */
export const MoneyString = DecimalString;
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written as YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'is not a real calendar date',
    },
  );
export const Timestamp = z.string(); // ISO 8601 with time, UTC
export const Id = z.string().min(1, 'is required').max(64);
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code such as USD');

export const DocumentType = z.enum(['purchase_order', 'service_order', 'invoice', 'receipt']);
export const DocumentStatus = z.enum(['draft', 'pending_approval', 'approved', 'in_revision', 'canceled']);
/**
 * A document's state in an accounting system. waiting: its send needs the bookkeeper first (a reference to pair, a
 * reconnect, the company to confirm), and goes on by itself once that is done; failed: the system refused it, or
 * the retries gave up, and it goes again only when sent again.
 */
export const SyncStatus = z.enum([
  'not_sent',
  'queued',
  'sending',
  'waiting',
  'sent',
  'failed',
  'historical',
]);
export const PaymentStatus = z.enum(['unpaid', 'partly_paid', 'paid']);
export const PaymentKind = z.enum([
  'bill_payment',
  'bill_payment_check',
  'bill_payment_credit_card',
  'check',
  'supplier_credit',
]);
export const ListKind = z.enum([
  'account',
  'class',
  'department',
  'location',
  'customer',
  'item',
  'tax_code',
  'tax_rate',
  'tax_agency',
  'tracking_category',
  'tracking_option',
  'term',
  'subsidiary',
]);
export const ConnectionStatus = z.enum([
  'not_connected',
  'connecting',
  'connected',
  'needs_reconnect',
  'error',
]);
export const DocumentAction = z.enum(['submit', 'approve', 'reject', 'revise', 'cancel']);
export const LogResult = z.enum(['success', 'failure', 'waiting', 'retry', 'info']);

/** A discount given as a percentage ("5" = 5 %) or as an amount of money. */
export const Discount = z.union([
  z.object({ percent: DecimalString }).strict(),
  z.object({ amount: MoneyString }).strict(),
]);

export const Paging = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};

// ---------- companies ----------

export const Company = z.object({
  id: Id,
  name: z.string(),
  baseCurrency: CurrencyCode,
  createdAt: Timestamp,
});
export const CompanyInput = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  baseCurrency: CurrencyCode.default('USD'),
});

// ---------- suppliers ----------

const SupplierFields = {
  name: z.string().trim().min(1, 'is required').max(200),
  email: z.string().trim().max(200).nullish(),
  phone: z.string().trim().max(50).nullish(),
  address: z.string().trim().max(500).nullish(),
  city: z.string().trim().max(100).nullish(),
  state: z.string().trim().max(100).nullish(),
  postalCode: z.string().trim().max(30).nullish(),
  country: z.string().trim().max(100).nullish(),
  accountNumber: z.string().trim().max(100).nullish(),
  taxId: z.string().trim().max(50).nullish(),
  currency: CurrencyCode.nullish(),
};
export const SupplierInput = z.object({ companyId: Id, ...SupplierFields });
export const SupplierUpdate = z.object({
  id: Id,
  ...Object.fromEntries(Object.entries(SupplierFields).map(([k, v]) => [k, v.optional()])),
} as { id: typeof Id } & { [K in keyof typeof SupplierFields]: z.ZodOptional<(typeof SupplierFields)[K]> });
export const Supplier = z.object({
  id: Id,
  companyId: Id,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
  accountNumber: z.string().nullable(),
  taxId: z.string().nullable(),
  currency: CurrencyCode.nullable(),
  active: z.boolean(),
  links: z.array(z.object({ connectionId: Id, externalId: z.string() })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

// ---------- tax rates and lists ----------

export const TaxRate = z.object({ id: Id, companyId: Id, name: z.string(), percent: DecimalString });
const TaxRateName = z.string().trim().min(1, 'is required').max(100);
const TaxRatePercent = DecimalString.refine(
  (p) => Number(p) >= 0 && Number(p) <= 100,
  'must be between 0 and 100',
);
export const TaxRateInput = z.object({ companyId: Id, name: TaxRateName, percent: TaxRatePercent });
/** A rate renamed or given another percent: checked as a new one is. */
export const TaxRateUpdate = z.object({ id: Id, name: TaxRateName, percent: TaxRatePercent });
export const ListEntry = z.object({
  id: Id,
  companyId: Id,
  connectionId: Id.nullable(),
  kind: ListKind,
  externalId: z.string().nullable(),
  name: z.string(),
  code: z.string().nullable(),
  parentId: Id.nullable(),
  active: z.boolean(),
  /**
   * The system's own type of an account or item as mirrored ("Expense", "Cost of Goods Sold", "EXPENSE",
   * "Inventory", "ItemService", ...): the pickers offer expense accounts and purchasable items by it.
   */
  type: z.string().nullish(),
  /**
   * False for an item the accounting system says is not bought (Xero IsPurchased false): the line Item picker does
   * not offer it. Absent when the system says nothing, which Xero's spec reads as purchased.
   */
  purchasable: z.boolean().optional(),
  /** An item's purchase cost in the accounting system, when it has one: a new line coded to it starts with it. */
  purchaseCost: DecimalString.nullish(),
  /** Hidden from the pickers on the Lists page (only listed with includeHidden). */
  hidden: z.boolean().optional(),
  /**
   * An entry of ours (not mirrored) that a send or the bookkeeper paired with a record of the accounting system:
   * that record as the connection's lists mirror it (its entry here and its name there). Absent otherwise.
   */
  pairedWith: z.object({ connectionId: Id, entryId: Id, name: z.string() }).optional(),
});
export const ListEntryInput = z.object({
  companyId: Id,
  kind: ListKind,
  name: z.string().trim().min(1, 'is required').max(200),
  code: z.string().trim().max(100).nullish(),
  parentId: Id.nullish(),
});

// ---------- documents ----------

export const LineInput = z
  .object({
    description: z.string().trim().max(4000).default(''),
    quantity: DecimalString,
    unitPrice: DecimalString,
    discount: Discount.nullish(),
    itemId: Id.nullish(),
    accountId: Id.nullish(),
    taxRateId: Id.nullish(),
    customerId: Id.nullish(),
    classId: Id.nullish(),
    /** Where the system takes them per line (NetSuite); else the document header carries them in `fields`. */
    locationId: Id.nullish(),
    departmentId: Id.nullish(),
  })
  // An item line and an account (category, expense) line are one or the other in every accounting system: a line
  // with both would go out as whichever the connector happens to check first.
  .refine((l) => !(l.itemId && l.accountId), {
    message:
      'has both an item and an account: a line goes as an item or to an account, never both; clear one of them',
    path: ['accountId'],
  });
export const Line = z.object({
  id: Id,
  position: z.number().int(),
  description: z.string(),
  quantity: DecimalString,
  unitPrice: DecimalString,
  discount: Discount.nullable(),
  itemId: Id.nullable(),
  accountId: Id.nullable(),
  taxRateId: Id.nullable(),
  customerId: Id.nullable(),
  classId: Id.nullable(),
  locationId: Id.nullable(),
  departmentId: Id.nullable(),
  /** quantity × unit price, rounded half away from zero to the currency's minor unit */
  amount: MoneyString,
  /** the line's own discount */
  lineDiscount: MoneyString,
  /** the line's share of the document discount (largest remainder) */
  documentDiscount: MoneyString,
  /** amount after the line's own discount and its share of the document discount */
  netAmount: MoneyString,
  tax: MoneyString,
});
export const Totals = z.object({
  subtotal: MoneyString,
  discount: MoneyString,
  net: MoneyString,
  tax: MoneyString,
  gross: MoneyString,
});
/** Values picked from mirrored lists at document level, by field name (class, location, department, ...). */
export const DocumentFields = z.record(z.string().min(1).max(50), Id.nullable());

const DocumentHeaderFields = {
  number: z.string().trim().min(1).max(50).nullish(),
  supplierId: Id,
  date: IsoDate,
  dueDate: IsoDate.nullish(),
  currency: CurrencyCode.nullish(),
  supplierInvoiceNumber: z.string().trim().max(50).nullish(),
  memo: z.string().max(4000).nullish(),
  discount: Discount.nullish(),
  fields: DocumentFields.optional(),
  linkedDocumentId: Id.nullish(),
  lines: z.array(LineInput).max(1000),
};
export const DocumentInput = z.object({ companyId: Id, type: DocumentType, ...DocumentHeaderFields });
export const DocumentUpdate = z.object({
  id: Id,
  ...Object.fromEntries(Object.entries(DocumentHeaderFields).map(([k, v]) => [k, v.optional()])),
} as { id: typeof Id } & {
  [K in keyof typeof DocumentHeaderFields]: z.ZodOptional<(typeof DocumentHeaderFields)[K]>;
});

export const DocumentSync = z.object({
  connectionId: Id,
  status: SyncStatus,
  externalId: z.string().nullable(),
  lastMessage: z.string().nullable(),
  updatedAt: Timestamp,
});
export const Payment = z.object({
  id: Id,
  connectionId: Id,
  externalId: z.string(),
  kind: PaymentKind,
  date: IsoDate,
  amount: MoneyString,
  status: z.enum(['active', 'canceled']),
});
export const Transition = z.object({
  at: Timestamp,
  actor: z.string(),
  action: z.string(),
  from: DocumentStatus.nullable(),
  to: DocumentStatus,
  comment: z.string().nullable(),
});
export const Document = z.object({
  id: Id,
  companyId: Id,
  type: DocumentType,
  number: z.string(),
  status: DocumentStatus,
  revision: z.number().int(),
  supplierId: Id,
  supplierName: z.string(),
  date: IsoDate,
  dueDate: IsoDate.nullable(),
  currency: CurrencyCode,
  supplierInvoiceNumber: z.string().nullable(),
  memo: z.string().nullable(),
  discount: Discount.nullable(),
  fields: DocumentFields,
  linkedDocumentId: Id.nullable(),
  lines: z.array(Line),
  totals: Totals,
  sync: z.array(DocumentSync),
  paymentStatus: PaymentStatus.nullable(),
  payments: z.array(Payment),
  history: z.array(Transition),
  /** The lifecycle actions possible from the current status (the UI shows these buttons). */
  availableActions: z.array(DocumentAction),
  /** Whether fields and lines may be changed now (draft or in revision). */
  editable: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const DocumentSummary = z.object({
  id: Id,
  type: DocumentType,
  number: z.string(),
  status: DocumentStatus,
  supplierId: Id,
  supplierName: z.string(),
  date: IsoDate,
  currency: CurrencyCode,
  gross: MoneyString,
  syncStatus: SyncStatus,
  paymentStatus: PaymentStatus.nullable(),
  updatedAt: Timestamp,
});
export const DocumentListInput = z.object({
  companyId: Id,
  type: DocumentType.optional(),
  status: DocumentStatus.optional(),
  syncStatus: SyncStatus.optional(),
  /** Approved supplier invoices by what has been paid on them (payments brought back from the accounting system). */
  paymentStatus: PaymentStatus.optional(),
  supplierId: Id.optional(),
  dateFrom: IsoDate.optional(),
  dateTo: IsoDate.optional(),
  /** Matches the document number, the supplier's invoice number or the supplier's name. */
  search: z.string().trim().max(100).optional(),
  sort: z.enum(['date_desc', 'date_asc', 'number_asc', 'number_desc']).default('date_desc'),
  ...Paging,
});

export const ActionInput = z.object({
  id: Id,
  /** Who acts; defaults to the signed-in operating-system user. */
  actor: z.string().trim().min(1).max(100).optional(),
  comment: z.string().max(2000).optional(),
});

// ---------- import ----------

export const ImportInput = z
  .object({
    companyId: Id,
    kind: z.enum(['documents', 'suppliers']),
    format: z.enum(['csv', 'json']),
    /** The file's text, or its raw bytes as base64 (checked to be UTF-8). One of the two. */
    content: z.string().max(50_000_000).optional(),
    contentBase64: z.string().max(70_000_000).optional(),
    fileName: z.string().max(260).optional(),
    dryRun: z.boolean().default(true),
    /** Import the valid records and skip the invalid ones instead of refusing the whole file. */
    onlyValid: z.boolean().default(false),
  })
  .refine((v) => (v.content === undefined) !== (v.contentBase64 === undefined), {
    message: 'give the file either as content or as contentBase64',
  });
export const ImportProblem = z.object({
  /** 1-based row of the file (the header is row 1); for JSON, the 1-based index of the record. */
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});
export const ImportPreviewRecord = z.object({
  key: z.string(),
  label: z.string(),
  rows: z.array(z.number().int()),
  valid: z.boolean(),
  summary: z.string(),
  problems: z.array(ImportProblem),
});
export const ImportResult = z.object({
  dryRun: z.boolean(),
  records: z.array(ImportPreviewRecord),
  /** Problems with the file as a whole (encoding, missing columns). */
  fileProblems: z.array(ImportProblem),
  validCount: z.number().int(),
  invalidCount: z.number().int(),
  createdIds: z.array(Id),
});

// ---------- connections ----------

export const SystemName = z
  .string()
  .regex(/^[a-z_]+$/)
  .describe('quickbooks_online | quickbooks_desktop | xero | netsuite | servicetrade');

/** What a document refers to that the accounting system must have: its supplier, or a line's item, account, … */
export const ReferenceKindSchema = z.enum(['supplier', 'item', 'account', 'class', 'customer', 'tax_rate']);

/**
 * A system as the registry describes it (main/connectors/registry.ts): an accounting system documents go to, or a
 * source (ServiceTrade); delivered by the sync worker (push), by the other side calling us (session: QuickBooks
 * Desktop's Web Connector), or not at all (a source); and the optional capabilities its connector offers.
 */
export const SystemInfo = z.object({
  system: SystemName,
  label: z.string(),
  role: z.enum(['accounting', 'source']),
  delivery: z.enum(['push', 'session', 'none']),
  capabilities: z.array(z.string()),
  /** The document types the system has a record for: no Send button for the others (QuickBooks Online receipts). */
  documentTypes: z.array(DocumentType),
  /** Whether a document's files go there with it (QuickBooks Online Attachable, Xero attachments). */
  takesFiles: z.boolean(),
  /**
   * The kinds of reference Needs pairing can create there from here ('Create in <system>'): those its connector
   * makes; for a system that calls us (QuickBooks Desktop's Web Connector), those its next run adds (vendors, while
   * its 'Create missing records' setting is on); none for a source.
   */
  createsReferenceKinds: z.array(ReferenceKindSchema),
});
export type SystemInfoT = z.infer<typeof SystemInfo>;

/** Hosts that never leave this computer: the only ones an endpoint may reach over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
}

/**
 * An address tokens, credentials or documents are sent to (token, API, sign-in endpoints): https, or http on this
 * computer only (simulators, a local proxy). Anything else would carry bearer tokens and client secrets in clear.
 * The field name comes first in the API's message (fromZodError), e.g. "tokenEndpoint must start with https://".
 */
export const EndpointUrl = z
  .string()
  .url('must be a full address, like https://example.com/path')
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
      } catch {
        return false;
      }
    },
    {
      message:
        'must start with https:// (plain http:// is allowed only for 127.0.0.1, localhost and [::1], on this computer)',
    },
  );

/**
 * Settings every connection understands. Each connector's settings schema extends these and is strict, so a key
 * no one reads (say, a client secret pasted under a mistyped name) is refused with its name instead of stored.
 */
export const CommonConnectionSettings = z.object({
  documentsToSend: z.array(DocumentType).optional(),
  importPayments: z.boolean().optional(),
  /** Create missing suppliers and other references in the target system (else wait for pairing). */
  createMissing: z.boolean().optional(),
});
/**
 * The company a connection is confirmed to send to (QuickBooks Online's confirmedCompany, Xero's
 * confirmedOrganisation, NetSuite's confirmedAccount) is written only by connections.confirmCompany, which checks it
 * against the company the connection reaches and retires the old one's links. Set through the settings it would
 * release held sends to a company no one confirmed, so connections.create/update refuse it by name.
 */
const CONFIRMED_COMPANY_KEY = /^confirmed[A-Z]/;

export const ConnectionSettings = CommonConnectionSettings.extend({
  apiBaseUrl: EndpointUrl.optional(),
  authBaseUrl: EndpointUrl.optional(),
})
  .catchall(z.unknown())
  .superRefine((settings, ctx) => {
    for (const key of Object.keys(settings)) {
      if (!CONFIRMED_COMPANY_KEY.test(key)) continue;
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message:
          'is set only by Confirm company on the connection in Connections, not with the settings; leave it out',
      });
    }
  });
export const Credentials = z.record(z.string().min(1).max(100), z.string().max(10_000));
/**
 * What the bookkeeper calls a connection ("Northwind – 2026 file"): it tells two QuickBooks Desktop company files or
 * two Xero organisations apart in every message. Unique within a company (the API checks it).
 */
export const ConnectionName = z
  .string()
  .trim()
  .min(1, 'is empty: type a name, say the company file or organisation the connection reaches')
  .max(100, 'is longer than 100 characters: shorten it');
export const ConnectionInput = z.object({
  companyId: Id,
  system: SystemName,
  name: ConnectionName.optional(),
  settings: ConnectionSettings.default({}),
  /** Goes straight to the OS keychain; never stored elsewhere and never returned. */
  credentials: Credentials.optional(),
});
export const ConnectionUpdate = z.object({
  id: Id,
  name: ConnectionName.optional(),
  settings: ConnectionSettings.optional(),
  credentials: Credentials.optional(),
});
export const Connection = z.object({
  id: Id,
  companyId: Id,
  system: SystemName,
  name: z.string(),
  status: ConnectionStatus,
  statusMessage: z.string().nullable(),
  settings: z.record(z.string(), z.unknown()),
  /** Names of the credentials kept in the keychain (never their values). */
  credentialNames: z.array(z.string()),
  connectedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});

// ---------- log ----------

export const LogEntry = z.object({
  id: Id,
  at: Timestamp,
  companyId: Id.nullable(),
  documentId: Id.nullable(),
  documentNumber: z.string().nullable(),
  connectionId: Id.nullable(),
  /** What the entry concerns besides a document: a ServiceTrade job ('job') or invoice ('st_invoice'). */
  entityType: z.enum(['job', 'st_invoice']).nullable(),
  entityId: Id.nullable(),
  action: z.string(),
  result: LogResult,
  message: z.string(),
  detail: z.string().nullable(),
});
export const LogListInput = z.object({
  companyId: Id.optional(),
  documentId: Id.optional(),
  connectionId: Id.optional(),
  result: LogResult.optional(),
  ...Paging,
});

// ---------- events (Electron: 'ledgerbridge:event'; headless: GET /api/events) ----------

export const AppEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sync'),
    documentId: Id,
    connectionId: Id,
    status: SyncStatus,
    message: z.string().nullable(),
  }),
  z.object({ type: z.literal('log'), entry: LogEntry }),
  z.object({ type: z.literal('document'), documentId: Id }),
  z.object({ type: z.literal('connection'), connectionId: Id }),
  z.object({
    type: z.literal('progress'),
    task: z.string(),
    done: z.number().int(),
    total: z.number().int().nullable(),
    message: z.string(),
  }),
]);
export type AppEvent = z.infer<typeof AppEvent>;

// ---------- shapes shared by method declarations ----------

export const ById = z.object({ id: Id });
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), items: z.array(item) });

/** What every method declaration is: an input schema and an output schema. */
export type MethodShape = { input: z.ZodType; output: z.ZodType };
