// The contract between the core and each system it talks to. A system states who it is and how to reach it
// (SystemConnector: label, role, settings, connect/test/disconnect, optional capabilities), and delivers documents
// in one of two shapes: PushDelivery, where the sync worker (main/sync/worker.ts) calls the system (QuickBooks
// Online, Xero, NetSuite), or SessionDelivery, where the other side calls us and the session takes the jobs from
// the same ledger (main/sync/jobs.ts) — QuickBooks Desktop's Web Connector. A source (ServiceTrade) delivers
// nothing. main/connectors/registry.ts holds one per system and answers the API's questions about them.
// The worker owns ordering, retries, rate limits, idempotency keys, reference matching and the integration log; a
// connector only knows how to talk to its system, and throws ConnectorError so the worker can tell a retry from a
// question for the user. docs/adding-a-system.md walks through adding one.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { ConnectionT, DocumentT, ListKind, MethodOutput, SupplierT } from '../../preload/contract.js';

export type ReferenceKind = 'supplier' | 'item' | 'account' | 'class' | 'customer' | 'tax_rate';

/** How hard the engine may push one connection. */
export interface SyncPolicy {
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests started per rolling minute. */
  requestsPerMinute: number;
  /** Documents per sendDocuments call (1 where the system has no batch endpoint). */
  batchSize: number;
}

/** The secrets of one connection. Values never leave the connector except to the system they belong to. */
export interface ConnectionSecrets {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export interface ConnectorContext {
  connection: ConnectionT;
  secrets: ConnectionSecrets;
  /** Aborted when the app shuts down or the job is abandoned. */
  signal: AbortSignal;
  /** Counts one request against the connection's rate limit; connectors await it before each HTTP call. */
  acquireRequestSlot(): Promise<void>;
}

/** A reference (supplier, item, account, ...) as the engine asks a connector to find or create it. */
export interface ReferenceRecord {
  kind: ReferenceKind;
  /** Our id of the record (supplier id, list entry id, tax rate id). */
  id: string;
  name: string;
  /** The whole record for creation: a SupplierT for suppliers, a list entry otherwise. */
  data: SupplierT | { name: string; code: string | null; percent?: string };
}

export interface ExternalMatch {
  externalId: string;
  name: string;
}

export type ReferenceOutcome = { ok: true; match: ExternalMatch } | { ok: false; error: ConnectorError };

/** A document ready to send: our document plus the external ids of everything it refers to. */
export interface OutgoingDocument {
  document: DocumentT;
  supplier: SupplierT;
  /** Our id (supplier, item, account, class, customer, tax rate) → the system's id. */
  references: Record<string, string>;
  /** Set when the document was sent before: update instead of create. */
  existing: { externalId: string; syncToken: string | null } | null;
  /** Stable across retries and restarts for the same document revision and action. */
  idempotencyKey: string;
  /**
   * Whether an earlier attempt may already have created it (it was handed to the connector before and the answer
   * may have been lost). False only when this is certainly the first try: a connector may then skip looking for
   * it before creating. Undefined: unknown — assume it may exist.
   */
  mayExist?: boolean;
  /**
   * Optional: for an invoice or receipt that came from an order already sent on this connection, that order's
   * external id (so a bill can link to its purchase order line by line). Engines that do not fill it in leave the
   * connector to send the document unlinked.
   */
  linkedDocument?: { documentId: string; externalId: string } | null;
  /**
   * Optional: the document's files that have not reached this connection yet (sync/file-deliveries.ts): every file
   * on the first send, on a revision's update only those added since. A system that takes files uploads them once
   * the document exists there; one that does not says so. Either way `SendOutcome.files` tells what became of each.
   */
  attachments?: OutgoingAttachment[];
  /**
   * Optional: the names of the locations and departments the document's lines carry (our id → name), so a system
   * that takes them only on the document can name each line's it leaves out.
   */
  lineCodingNames?: Record<string, string>;
}

export interface OutgoingAttachment {
  id: string;
  fileName: string;
  mimeType: string;
  sha256: string;
  read(): Promise<Uint8Array>;
}

/**
 * What became of one of OutgoingDocument.attachments: sent (on the document there, under `externalId`), not_taken
 * (the system takes no files; the outcome's message said so), or failed (the message names it; the next send of the
 * document tries it again). A file the outcome does not mention is offered again on the next send.
 */
export interface FileOutcome {
  id: string;
  status: 'sent' | 'not_taken' | 'failed';
  externalId?: string | null;
}

export type SendOutcome =
  | {
      ok: true;
      externalId: string;
      syncToken: string | null;
      message?: string;
      detail?: string;
      files?: FileOutcome[];
    }
  | { ok: false; error: ConnectorError };

/** What a browser sign-in needs: where the browser must come back to, and the PKCE and state values. */
export interface SignInRequest {
  redirectUri: string;
  state: string;
  codeChallenge: string;
  codeVerifier: string;
}

/** What a finished sign-in learned about the other system. */
export interface SignInResult {
  /** The connection's status sentence (say, what the subscription does not offer); null/absent clears it. */
  statusMessage?: string | null;
  /** Facts read from the system, merged into the connection's settings (say, the company's country). */
  settings?: Record<string, unknown>;
}

export interface ConnectResult {
  /** For systems that sign in through a browser: the URL to open. The loopback redirect finishes the job. */
  authorizeUrl: string | null;
}

/** What a system is to the bookkeeper: an accounting system documents go to, or a source data comes from. */
export type SystemRole = 'accounting' | 'source';

/**
 * How documents reach the system. push: the sync worker calls PushDelivery. session: the other system calls us
 * (QuickBooks Desktop's Web Connector) and its session takes the connection's jobs from the ledger itself; the
 * worker leaves them alone. none: a source, to which nothing is sent.
 */
export type DeliveryShape = 'push' | 'session' | 'none';

/** What every system offers, whatever its role and delivery. */
export interface SystemConnector {
  readonly system: string;
  readonly label: string;
  /** Connector-specific settings, validated on connections.create/update (the common ones are validated already). */
  readonly settingsSchema: z.ZodType;
  /**
   * Settings a new connection starts with: at least the vendor's `apiBaseUrl` and `authBaseUrl`, which a sandbox
   * or a simulator replaces through connections.create/update.
   */
  readonly defaultSettings?: Readonly<Record<string, unknown>>;
  /** How hard we may push one connection (requests of a source's pulls count against it too). */
  policy(connection: ConnectionT): SyncPolicy;
  /**
   * The document types the system has a record for (absent: all four). A type not listed is never sent there: no
   * Send button, documents.send refuses it with what to do instead, and approval does not queue it. QuickBooks
   * Online and Xero have no receipts; a receipt is never sent to them as anything else.
   */
  readonly documentTypes?: readonly DocumentT['type'][];
  /**
   * Whether the system takes a document's files (QuickBooks Online Attachable, Xero attachments). Absent: it does
   * not, and the document's log says so once for each file (sync/file-deliveries.ts).
   */
  readonly takesFiles?: boolean;
  /**
   * The lists the system has, as its list import mirrors them (the Lists page offers these and no other). Absent:
   * not stated, and the page shows only the lists already imported.
   */
  readonly listKinds?: readonly ListKindName[];
  /**
   * The kinds of reference createReference makes in the system when 'Create missing records' is on (a supplier as a
   * vendor, a class, ...). The engine's message for a reference with no counterpart suggests that setting only for
   * these: turning it on cannot help an account Xero never creates from here. Absent: not stated, every kind.
   */
  readonly createsReferenceKinds?: readonly ReferenceKind[];
  /**
   * Why connections.connect must not start for this connection — a setting the sign-in needs is missing — naming
   * that setting; null (or no method) when it can. Checked before anything changes, so the status stays as it was.
   */
  refuseConnect?(connection: ConnectionT): { field: string; message: string } | null;
  /**
   * Starts connecting. Systems that sign in through a browser return the URL to open, built from `signIn`;
   * the others check their credentials and return authorizeUrl null when connected.
   */
  connect(ctx: ConnectorContext, signIn: SignInRequest): Promise<ConnectResult>;
  /**
   * Finishes a browser sign-in with the code the loopback redirect received (token exchange, tenant choice).
   * May say what it learned: kept on the connection once it is marked connected.
   */
  finishSignIn?(
    ctx: ConnectorContext,
    answer: { code: string; params: Record<string, string>; redirectUri: string; codeVerifier: string },
  ): Promise<void | SignInResult>;
  test(ctx: ConnectorContext): Promise<{ ok: boolean; message: string }>;
  /**
   * The connection is being removed: give back what the sign-in was granted (revoke the refresh token, end the
   * tenant connection). Best effort: connections.remove logs a failure and goes on, since the user asked to
   * remove the connection and the keychain entries go regardless.
   */
  disconnect?(ctx: ConnectorContext): Promise<void>;

  // ---- Optional capabilities (accounting.* methods dispatch to them; a connector without one answers with a
  // plain AppError saying the system does not offer it here) ----

  /**
   * One page of a reference list (active and inactive entries) from `cursor` (null: the first page), as the system
   * pages it. The cursor is plain JSON the caller keeps between restarts, so an import resumes at the page after the
   * last one it wrote. A list whose entries name a parent of another kind brings the parents too (a Xero tracking
   * option, its category). A kind the system does not have is one empty page. pageSize overrides the system's
   * largest page (tests use small pages).
   */
  readListPage?(
    ctx: ConnectorContext,
    kind: ListKindName,
    cursor: ListCursor | null,
    options?: { pageSize?: number },
  ): Promise<ListPage>;
  /** Every supplier (vendor) of the other system, active and inactive. */
  listSuppliers?(ctx: ConnectorContext): Promise<ExternalSupplier[]>;
  /**
   * Optional: one page of the supplier list (vendors, supplier contacts), active and inactive, from `cursor` (null:
   * the first page). The cursor is plain JSON the caller keeps between restarts, so an import resumes at the page
   * after the last one it wrote. pageSize overrides the system's largest page (tests use small pages).
   */
  readSupplierPage?(
    ctx: ConnectorContext,
    cursor: SupplierCursor | null,
    options?: { pageSize?: number },
  ): Promise<SupplierPage>;
  /** Creates the supplier there (existing null) or brings theirs in step with ours. */
  upsertSupplier?(
    ctx: ConnectorContext,
    supplier: SupplierT,
    existing: { externalId: string } | null,
  ): Promise<ExternalSupplier>;
  /**
   * Payments made there against documents sent from here: changed since the checkpoint (the automatic poll;
   * null = the system's own look-back limit), or dated inside a range (on demand).
   */
  importPayments?(
    ctx: ConnectorContext,
    request: { since: string | null } | { from: string; to: string },
  ): Promise<PaymentImport>;
  /**
   * Creates tax codes there for our tax rates that map to none, on the bookkeeper's request (never while sending:
   * a tax code is accounting configuration). Returns each rate's outcome and the connection's taxCodeMap with the
   * new pairings, which the caller saves.
   */
  createTaxCodes?(ctx: ConnectorContext, rates: readonly TaxRateToCreate[]): Promise<TaxCodeSetup>;

  // ---- Extensions: what only some systems have, reached through the registry's `capable` once the connector is
  // loaded (the API never names a connector class) ----

  /** The organisations one sign-in reaches, where the bookkeeper picks one after signing in (Xero). */
  tenants?(ctx: ConnectorContext): Promise<{ tenantId: string; tenantName?: string | null }[]>;
  /** The organisation chosen; throws ConnectorError('auth') while none is. */
  tenantId?(ctx: ConnectorContext): Promise<string>;
  /** The subsidiaries the sign-in's role can see, for choosing one in the settings (NetSuite). */
  subsidiaries?(
    ctx: ConnectorContext,
  ): Promise<{ id: string; name: string; parentId: string | null; active: boolean }[]>;
  /** One page of suppliers, optionally searched by name, for browsing before importing (Xero). */
  supplierPage?(
    ctx: ConnectorContext,
    page: number,
    search?: string,
  ): Promise<{ suppliers: ExternalSupplier[]; more: boolean }>;
  /** Hears, for one connection, how many suppliers a full read (listSuppliers) has reached; returns stop. */
  watchSupplierReads?(connectionId: string, listener: (done: number) => void): () => void;
  /**
   * The company a connection reaches (a QuickBooks Online realm, a Xero organisation, a NetSuite account), and the
   * bookkeeper's confirmation of it: before the first send (QuickBooks Online), or of a switch to another one. Read
   * synchronously from the settings, so a lazy connector states it in its descriptor.
   */
  readonly companyConfirmation?: CompanyConfirmation;
  /**
   * What the system itself decides of the settings (QuickBooks Online: the company's Preferences, such as class
   * tracking), read again: `fresh` asks the system now, else an answer of the last few minutes will do. Returns the
   * settings to merge over the connection's.
   */
  companySettings?(ctx: ConnectorContext, fresh: boolean): Promise<Record<string, unknown>>;
}

/**
 * The company a connection reaches, and confirming it (SystemConnector.companyConfirmation). Ids of one company mean
 * other records, or none, in another: until the bookkeeper confirms a company other than the one confirmed before,
 * the connector holds its sends (holdSends) and the imports wait; the confirmation retires the old company's links
 * (sync/company-switch.ts, api/company-confirmation.ts).
 */
export interface CompanyConfirmation {
  /** One company of the system as a person names it after "the": "QuickBooks company", "Xero organisation". */
  readonly noun: string;
  /**
   * The first company a connection reaches counts as confirmed without asking: the bookkeeper chose it by name
   * (Xero's organisation, NetSuite's account id), so only a switch to another waits. False: the first one waits
   * for confirmCompany too (QuickBooks Online: a relay page or a consent could have picked another company).
   */
  readonly firstWithoutAsking: boolean;
  /** The keychain entry holding the id the connector uses, where that is not in the settings (QuickBooks Online). */
  readonly keychainId?: string;
  /** The company the connection's settings say it signed in to; null before a sign-in reached one. */
  company(connection: ConnectionT): { id: string; name: string } | null;
  /** The company the bookkeeper confirmed last; null before the first confirmation. */
  confirmed(connection: ConnectionT): { id: string; name: string } | null;
  /**
   * The settings without what names records of one company (mapped tax codes, default accounts): on a confirmed
   * switch to another company they would point at other records, or none, there.
   */
  forgetCompanyIds(settings: Record<string, unknown>): Record<string, unknown>;
  /** The connection's settings with that company confirmed by `by` at `at` (ISO time). */
  confirm(
    connection: ConnectionT,
    confirmed: { id: string; name: string; by: string; at: string },
  ): Record<string, unknown>;
}

// While a connection reaches another company than the one the bookkeeper confirmed (a Xero organisation chosen or
// signed in to, a NetSuite account id typed in), nothing goes to it and nothing read from it joins what the
// connection knows: the old company's ids stay in place until the switch is confirmed, which retires them. The
// connectors' holdSends say so with switchHold.

/** The switch waiting for the bookkeeper: the connection reaches `to`, `from` was confirmed before; else null. */
export function switchAwaiting(
  confirmation: CompanyConfirmation,
  connection: ConnectionT,
): { from: { id: string; name: string }; to: { id: string; name: string } } | null {
  const to = confirmation.company(connection);
  const from = confirmation.confirmed(connection);
  if (!to || !from || to.id === from.id) return null;
  return { from, to };
}

/** The message sends and imports wait with during a switch (holdSends); null when there is none. */
export function switchHold(confirmation: CompanyConfirmation, connection: ConnectionT): string | null {
  const waiting = switchAwaiting(confirmation, connection);
  if (!waiting) return null;
  const { noun } = confirmation;
  return (
    `Waiting for you to confirm the switch to the ${noun} ${waiting.to.name}. This connection sent to the ${noun} ` +
    `${waiting.from.name} before. On the Connections page, check that ${waiting.to.name} is the one these ` +
    `documents belong to and choose Confirm company, or go back to ${waiting.from.name}. Nothing is sent until then.`
  );
}

/** Delivery by push: the sync worker finds references and sends or cancels documents, under the policy. */
export interface PushDelivery {
  /**
   * While this returns a message, the worker sends nothing to this connection: its jobs wait with that message on
   * their documents (it says where to act), and go when the cause is gone and resumeWaiting runs.
   */
  holdSends?(connection: ConnectionT): string | null;
  /**
   * Optional: what the connection's own mapping pairs one of our records with — the bookkeeper's choice in the
   * settings (a tax rate mapped to a tax code), the system's matching rule for that kind (Xero: its tax rate of the
   * same name in any case, else the only one at the same percentage), or a placeholder where the system needs none
   * (no tax on the lines). The engine asks it for every reference not linked yet, before it looks the name up and
   * whatever 'Create missing records' says: that setting governs only creating records in the system. Null: the
   * mapping has nothing for it. The answer serves this send and is not kept as a link, since a mapping may change
   * and several of ours may map to one of theirs.
   */
  mapReference?(ctx: ConnectorContext, record: ReferenceRecord): Promise<ExternalMatch | null>;
  /**
   * The settings mapReference reads (a tax rate's mapping to the system's tax code). With 'Create missing records'
   * and what holdSends says, they are all a settings save can change about a document waiting for a pairing: a save
   * changing none of them leaves the waiting documents waiting, in Needs pairing, instead of queueing them only for
   * the worker to put them back (connections.update).
   */
  readonly mappingSettings?: readonly string[];
  /** Reference records of this kind whose name equals `name` exactly (case as the system compares it). */
  findReferences(ctx: ConnectorContext, kind: ReferenceKind, name: string): Promise<ExternalMatch[]>;
  createReference(ctx: ConnectorContext, record: ReferenceRecord): Promise<ExternalMatch>;
  /**
   * Optional: findReferences for many names of one kind in as few requests as the system allows (the engine asks
   * for every reference a unit of documents needs at once). Answers, for every name asked, exactly what
   * findReferences(kind, name) would: the records of that exact name, none, or several.
   */
  findReferencesBulk?(
    ctx: ConnectorContext,
    kind: ReferenceKind,
    names: readonly string[],
  ): Promise<Map<string, ExternalMatch[]>>;
  /**
   * Optional: createReference for many suppliers at once, where the system takes many in one call (QuickBooks
   * Online's batch, Xero's PUT Contacts). One outcome per record, in the same order: a record the system refused
   * carries the error createReference would have thrown for it.
   */
  createReferences?(ctx: ConnectorContext, records: readonly ReferenceRecord[]): Promise<ReferenceOutcome[]>;
  /** Sends up to policy.batchSize documents; one outcome per document, in the same order. */
  sendDocuments(ctx: ConnectorContext, documents: OutgoingDocument[]): Promise<SendOutcome[]>;
  /** Deletes or voids a sent document, as the system keeps it. */
  cancelDocument(ctx: ConnectorContext, document: OutgoingDocument): Promise<SendOutcome>;
}

/**
 * Delivery by session: the other system calls us on its own schedule and the session (for QuickBooks Desktop,
 * main/connectors/quickbooks-desktop/engine.ts behind the Web Connector endpoint) claims and settles the
 * connection's jobs through the ledger. Nothing here is called by the worker; policy.batchSize sizes a message.
 */
export interface SessionDelivery {
  /** Where the bookkeeper makes the session happen now ("click Update Selected in the Web Connector"). */
  readonly sessionHint: string;
  /** How the bookkeeper sets the other side up to call us (the API's qbd.* methods ask the registry for it). */
  readonly setup?: SessionSetup;
}

/**
 * What setting up a session system takes, as the API shows it (QuickBooks Desktop's Web Connector page): the
 * password the other side signs in with, the file that registers the connection there, and its sessions.
 */
export interface SessionSetup {
  /** The keychain name (per connection) of the password the other system signs in with. */
  readonly passwordName: string;
  /** The user name the other system signs in with, from the connection's settings. */
  userName(connection: ConnectionT): string | null;
  /** The address the other system calls; null until one is known. */
  endpointUrl(db: Database): string | null;
  /** The file that registers the connection with the other system (the Web Connector's .qwc). */
  setupFile(db: Database, connection: ConnectionT): MethodOutput<'qbd.qwc'>;
  /** The connection's latest sessions, newest first. */
  sessions(db: Database, connectionId: string, limit: number): MethodOutput<'qbd.sessions'>['sessions'];
  /** How many of the connection's sessions are running now (sending: the connection is not removed meanwhile). */
  runningSessions(db: Database, connectionId: string): number;
  /** A running session silent this long is lost: the other side will not come back to it. */
  readonly lostAfterMs: number;
}

/** An accounting system the worker sends to. `delivery` may be left out: push is the default. */
export interface PushConnector extends SystemConnector, PushDelivery {
  readonly role?: 'accounting';
  readonly delivery?: 'push';
}

/** An accounting system that calls us (QuickBooks Desktop). */
export interface SessionConnector extends SystemConnector, SessionDelivery {
  readonly role?: 'accounting';
  readonly delivery: 'session';
}

/** A source: connected and tested like any system, but nothing is ever sent to it (ServiceTrade). */
export interface SourceConnector extends SystemConnector {
  readonly role: 'source';
  readonly delivery: 'none';
}

export type Connector = PushConnector | SessionConnector | SourceConnector;

/** A connector without a role is an accounting system; without a delivery, it is pushed to. */
export function roleOf(connector: Connector): SystemRole {
  return connector.role ?? 'accounting';
}

export function deliveryOf(connector: Connector): DeliveryShape {
  return connector.delivery ?? 'push';
}

export function isPush(connector: Connector): connector is PushConnector {
  return deliveryOf(connector) === 'push';
}

export function isSession(connector: Connector): connector is SessionConnector {
  return deliveryOf(connector) === 'session';
}

/** One of our tax rates, as createTaxCodes takes it (percent as a decimal string). */
export interface TaxRateToCreate {
  id: string;
  name: string;
  percent: string;
}

export interface TaxCodeResult {
  taxRateId: string;
  name: string;
  /**
   * created: made there now; matched: the system already had a tax code of that name (now mapped); mapped: already
   * mapped in the settings (nothing done); failed: see message.
   */
  outcome: 'created' | 'matched' | 'mapped' | 'failed';
  taxCodeId: string | null;
  message: string;
}

export interface TaxCodeSetup {
  results: TaxCodeResult[];
  /** The connection's taxCodeMap with the created and matched codes added: to be saved in its settings. */
  taxCodeMap: Record<string, string>;
}

/** The reference lists a connector may import (preload/schemas.ts ListKind). */
export type ListKindName = z.infer<typeof ListKind>;

/** Where the next page of a reference list starts, as the system pages it (start position, offset and limit). */
export type ListCursor = Record<string, string | number>;

export interface ListPage {
  entries: ExternalListEntry[];
  /** Where the next page starts; null after the last page. */
  next: ListCursor | null;
  /** How many entries of the kind asked for the list holds, where the system tells it; null otherwise. */
  total: number | null;
}

export interface ExternalListEntry {
  kind: ListKindName;
  externalId: string;
  name: string;
  code: string | null;
  parentExternalId: string | null;
  active: boolean;
  /** System-specific facts worth keeping (account type, item type, tax rate value, ...). */
  data: Record<string, unknown>;
}

export interface ExternalSupplier {
  externalId: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  accountNumber: string | null;
  active: boolean;
  /** When it last changed there (ISO 8601), for "last change wins". */
  updatedAt: string;
  /**
   * Optional: what the system itself codes this supplier's lines to, where it keeps that (QuickBooks Online's
   * vendor PrefillAccountRef, Xero's contact PurchasesDefaultAccountCode, PurchasesTrackingCategories and
   * AccountsPayableTaxType). The account by the external id its mirrored account list carries; tracking options by
   * category and option name; the tax as the system identifies it (the id mapReference answers for a tax rate).
   * Absent where the system or the record has none.
   */
  codingDefaults?: ExternalCodingDefaults;
}

export interface ExternalCodingDefaults {
  accountExternalId: string | null;
  tracking: { category: string; option: string }[];
  /** The supplier's default tax on purchases (Xero: a TaxType); absent or null where it has none. */
  taxExternalId?: string | null;
}

/** Where the next page of a supplier list starts, as the system pages it (start position, page number, offset). */
export type SupplierCursor = Record<string, string | number>;

export interface SupplierPage {
  suppliers: ExternalSupplier[];
  /** Where the next page starts; null after the last page. */
  next: SupplierCursor | null;
  /** How many the whole list holds, where the system tells it on this page; null otherwise. */
  total: number | null;
}

export interface ExternalPayment {
  externalId: string;
  kind: 'bill_payment' | 'bill_payment_check' | 'bill_payment_credit_card' | 'check' | 'supplier_credit';
  date: string;
  /** canceled: voided or deleted there. */
  status: 'active' | 'canceled';
  /** Amounts applied to documents sent from here, by the document's external id (decimal strings). */
  applications: { documentExternalId: string; amount: string }[];
}

export interface PaymentImport {
  payments: ExternalPayment[];
  /** Where the next automatic poll resumes (the system's own change time, not ours); null = unchanged. */
  checkpoint: string | null;
}

/**
 * What went wrong talking to another system.
 * - transient: network, 429, 5xx, busy or locked — retried with backoff (retryAfterMs honoured).
 * - needs_user: validation, closed period, missing mapping, duplicate number — the user must act.
 * - auth: the authorization expired or was revoked — the connection shows "reconnect".
 * userMessage says how to fix it; detail carries status code and the system's own error code and text.
 */
export class ConnectorError extends Error {
  readonly kind: 'transient' | 'needs_user' | 'auth';
  readonly userMessage: string;
  readonly detail: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: 'transient' | 'needs_user' | 'auth',
    userMessage: string,
    options: { detail?: string; retryAfterMs?: number } = {},
  ) {
    super(userMessage);
    this.name = 'ConnectorError';
    this.kind = kind;
    this.userMessage = userMessage;
    this.detail = options.detail;
    this.retryAfterMs = options.retryAfterMs;
  }
}
