// A Xero simulator on 127.0.0.1: the identity service (authorize with PKCE S256, token with rotating single-use
// refresh tokens and a grace period for a lost answer, /connections), and the Accounting API 2.0 for the records a
// procurement integration touches, kept per organisation: contacts (names unique among active contacts, IsSupplier
// once a bill or purchase order names them, paging 100 at a time, searchTerm), accounts, items, tax rates,
// tracking categories (at most two, option names), purchase orders and bills (ACCPAY) with their statuses and
// transitions, the lock date, If-Modified-Since, Idempotency-Key replay, 60 calls a minute, 5 in flight and a daily
// limit per organisation (429 with Retry-After and X-Rate-Limit-Problem), summarizeErrors, and faults on demand.
// Every request body it receives and every answer it sends is judged against Xero's OpenAPI description
// (oracle.ts); each mismatch is kept in `problems`, and a request that breaks the spec is refused with a 400.
import type { SeedVendor } from '../supplier-lists.js';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { XeroOracle, type Problem } from './oracle.js';

type Rec = Record<string, unknown>;

export interface OrgOptions {
  name?: string;
  countryCode?: string;
  baseCurrency?: string;
  periodLockDate?: string | null;
}

export interface Org {
  tenantId: string;
  connectionId: string;
  options: Required<OrgOptions>;
  contacts: Map<string, Rec>;
  accounts: Map<string, Rec>;
  items: Map<string, Rec>;
  taxRates: Map<string, Rec>;
  tracking: Map<string, Rec>;
  purchaseOrders: Map<string, Rec>;
  invoices: Map<string, Rec>;
  payments: Map<string, Rec>;
  /** Credit notes (ACCPAYCREDIT: supplier credits), with their allocations to bills. */
  creditNotes: Map<string, Rec>;
  /** Files attached to documents, by the document's id. */
  attachments: Map<
    string,
    { AttachmentID: string; FileName: string; bytes: Buffer; MimeType: string; sha256: string }[]
  >;
  replies: Map<string, { status: number; body: unknown }>;
  started: number[];
  inFlight: number;
  today: number;
}

export type Fault =
  | { kind: 'throttle'; problem?: 'minute' | 'day' | 'concurrent'; retryAfterSeconds?: number }
  | { kind: 'server_error' }
  | { kind: 'unauthorized' }
  /** Applies the write, then drops the connection without an answer (a crash between send and answer). */
  | { kind: 'drop_after_write' };

export interface XeroSimStats {
  requests: number;
  byRoute: Record<string, number>;
  peakPerMinute: number;
  peakConcurrency: number;
  throttled: number;
  tokenRefreshes: number;
  replays: number;
}

const MINUTE = 60_000;
const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;
const msDate = (iso: string) => `/Date(${Date.parse(iso)}+0000)/`;
const nowMs = () => `/Date(${Date.now()}+0000)/`;

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: Rec,
    readonly headers: Record<string, string> = {},
  ) {
    super(JSON.stringify(body));
  }
}

const validation = (message: string) =>
  new Refusal(400, {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: [{ ValidationErrors: [{ Message: message }] }],
  });

export class XeroSimulator {
  baseUrl = '';
  readonly orgs = new Map<string, Org>();
  readonly oracle = new XeroOracle();
  /** Every mismatch with Xero's spec, in requests or answers. Tests expect it empty. */
  readonly problems: Problem[] = [];
  readonly received: { method: string; path: string; body: unknown; idempotencyKey: string | null }[] = [];
  /** The If-Modified-Since headers received, by route. */
  readonly modifiedSince: { route: string; value: string }[] = [];
  readonly stats: XeroSimStats = {
    requests: 0,
    byRoute: {},
    peakPerMinute: 0,
    peakConcurrency: 0,
    throttled: 0,
    tokenRefreshes: 0,
    replays: 0,
  };
  limits = { perMinute: 60, concurrent: 5, perDay: 5000 };
  /** Refresh tokens stay usable this long after they were spent, for a lost answer (Xero: 30 minutes). */
  graceMs = 30 * MINUTE;
  latencyMs = 0;
  /** The organisations the next consent screen grants. */
  consentTenants: string[] = [];
  consentDecision: 'allow' | 'deny' = 'allow';
  /** The next token answer is computed (the token rotated) but never delivered. */
  dropNextTokenAnswer = false;
  private readonly faults: { match: (method: string, path: string) => boolean; fault: Fault }[] = [];
  private readonly clients = new Map<string, string[] | null>();
  private readonly codes = new Map<
    string,
    { clientId: string; redirectUri: string; challenge: string; tenants: string[]; scope: string }
  >();
  private readonly refreshTokens = new Map<
    string,
    { clientId: string; tenants: string[]; spentAt: number | null }
  >();
  private readonly accessTokens = new Map<string, { tenants: string[]; expires: number }>();
  private server: http.Server | null = null;
  /** The scopes the last sign-in asked for. */
  lastScopes: string[] = [];
  /** Lines of updated documents: kept by their LineItemID, added new, deleted by being left out. */
  readonly lineStats = { kept: 0, added: 0, deleted: 0 };

  /**
   * A PKCE app. With redirect URIs, a sign-in must name one of them exactly (scheme, host, port, path), as Xero
   * checks; without, any redirect URI is taken.
   */
  registerApp(clientId: string, redirectUris?: string[]): void {
    this.clients.set(clientId, redirectUris ?? null);
  }

  createOrg(options: OrgOptions = {}): Org {
    const org: Org = {
      tenantId: randomUUID(),
      connectionId: randomUUID(),
      options: {
        name: options.name ?? 'Northwind Facilities Ltd',
        countryCode: options.countryCode ?? 'NZ',
        baseCurrency: options.baseCurrency ?? 'NZD',
        periodLockDate: options.periodLockDate ?? null,
      },
      contacts: new Map(),
      accounts: new Map(),
      items: new Map(),
      taxRates: new Map(),
      tracking: new Map(),
      purchaseOrders: new Map(),
      invoices: new Map(),
      payments: new Map(),
      creditNotes: new Map(),
      attachments: new Map(),
      replies: new Map(),
      started: [],
      inFlight: 0,
      today: 0,
    };
    this.orgs.set(org.tenantId, org);
    this.addTaxRate(org, { Name: 'GST on Expenses', TaxType: 'INPUT2', EffectiveRate: 15 });
    this.addTaxRate(org, { Name: 'No GST', TaxType: 'NONE', EffectiveRate: 0 });
    return org;
  }

  addAccount(org: Org, fields: { Code: string; Name: string; Type?: string; Status?: string }): Rec {
    const account = {
      AccountID: randomUUID(),
      Type: 'EXPENSE',
      Status: 'ACTIVE',
      Class: 'EXPENSE',
      TaxType: 'INPUT2',
      UpdatedDateUTC: nowMs(),
      ...fields,
    };
    org.accounts.set(account.AccountID, account);
    return account;
  }

  /** An item; `IsPurchased: null` leaves the field out (Xero's spec: it defaults to true). */
  addItem(
    org: Org,
    fields: { Code: string; Name: string; AccountCode?: string; IsPurchased?: boolean | null },
  ): Rec {
    const purchased = fields.IsPurchased === undefined ? true : fields.IsPurchased;
    const item: Rec = {
      ItemID: randomUUID(),
      Code: fields.Code,
      Name: fields.Name,
      ...(purchased === null ? {} : { IsPurchased: purchased }),
      IsSold: purchased === false,
      UpdatedDateUTC: nowMs(),
      // Xero nulls PurchaseDetails on an item that is not purchased.
      ...(fields.AccountCode && purchased !== false
        ? { PurchaseDetails: { AccountCode: fields.AccountCode, UnitPrice: 0 } }
        : {}),
    };
    org.items.set(item.ItemID as string, item);
    return item;
  }

  addTaxRate(org: Org, fields: { Name: string; TaxType: string; EffectiveRate: number }): Rec {
    const rate = {
      Status: 'ACTIVE',
      CanApplyToExpenses: true,
      DisplayTaxRate: fields.EffectiveRate,
      ReportTaxType: 'INPUT',
      ...fields,
    };
    org.taxRates.set(fields.TaxType, rate);
    return rate;
  }

  addTracking(org: Org, name: string, options: string[]): Rec {
    const category = {
      TrackingCategoryID: randomUUID(),
      Name: name,
      Status: 'ACTIVE',
      Options: options.map((o) => ({ TrackingOptionID: randomUUID(), Name: o, Status: 'ACTIVE' })),
    };
    org.tracking.set(category.TrackingCategoryID, category);
    return category;
  }

  /**
   * A contact as the bookkeeper entered it in Xero; PurchasesDefaultAccountCode and PurchasesTrackingCategories
   * are the contact's own defaults for bills (left out of the answer when not given, as Xero does).
   */
  addContact(
    org: Org,
    fields: {
      Name: string;
      IsSupplier?: boolean;
      EmailAddress?: string;
      PurchasesDefaultAccountCode?: string;
      PurchasesTrackingCategories?: { TrackingCategoryName: string; TrackingOptionName: string }[];
      AccountsPayableTaxType?: string;
    },
  ): Rec {
    const contact: Rec = {
      ContactID: randomUUID(),
      ContactStatus: 'ACTIVE',
      IsSupplier: fields.IsSupplier ?? false,
      IsCustomer: false,
      UpdatedDateUTC: nowMs(),
      ...fields,
    };
    org.contacts.set(contact.ContactID as string, contact);
    return contact;
  }

  /** A large supplier list: contacts marked IsSupplier, archived where inactive, optional fields left out. */
  addSupplierContacts(org: Org, vendors: readonly SeedVendor[]): void {
    for (const v of vendors) {
      const contact: Rec = {
        ContactID: randomUUID(),
        ContactStatus: v.active ? 'ACTIVE' : 'ARCHIVED',
        Name: v.name,
        IsSupplier: true,
        IsCustomer: false,
        UpdatedDateUTC: nowMs(),
        ...(v.email ? { EmailAddress: v.email } : {}),
        ...(v.accountNumber ? { AccountNumber: v.accountNumber } : {}),
        ...(v.phone ? { Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: v.phone }] } : {}),
        ...(v.address || v.city
          ? {
              Addresses: [
                {
                  AddressType: 'POBOX',
                  ...(v.address ? { AddressLine1: v.address } : {}),
                  ...(v.city ? { City: v.city } : {}),
                  ...(v.state ? { Region: v.state } : {}),
                  ...(v.postalCode ? { PostalCode: v.postalCode } : {}),
                  ...(v.country ? { Country: v.country } : {}),
                },
              ],
            }
          : {}),
      };
      org.contacts.set(contact.ContactID as string, contact);
    }
  }

  /** A payment made in Xero against a bill: the bill becomes partly paid or PAID. */
  addPayment(org: Org, invoiceId: string, amount: number, date: string): Rec {
    const invoice = org.invoices.get(invoiceId);
    if (!invoice) throw new Error(`no invoice ${invoiceId}`);
    const payment: Rec = {
      PaymentID: randomUUID(),
      Invoice: { InvoiceID: invoiceId, InvoiceNumber: invoice.InvoiceNumber },
      Amount: amount,
      Date: msDate(date),
      Status: 'AUTHORISED',
      PaymentType: 'ACCPAYPAYMENT',
      UpdatedDateUTC: nowMs(),
    };
    org.payments.set(payment.PaymentID as string, payment);
    invoice.AmountPaid = round2(Number(invoice.AmountPaid ?? 0) + amount);
    invoice.AmountDue = round2(
      Number(invoice.Total) - Number(invoice.AmountPaid) - Number(invoice.AmountCredited ?? 0),
    );
    if (Number(invoice.AmountDue) <= 0) invoice.Status = 'PAID';
    invoice.UpdatedDateUTC = nowMs();
    return payment;
  }

  /** A supplier credit note in Xero (ACCPAYCREDIT, AUTHORISED), not yet allocated. */
  addSupplierCredit(org: Org, total: number, date: string, contactId?: string): Rec {
    const note: Rec = {
      CreditNoteID: randomUUID(),
      Type: 'ACCPAYCREDIT',
      Status: 'AUTHORISED',
      Date: msDate(date),
      Total: total,
      RemainingCredit: total,
      CurrencyCode: org.options.baseCurrency,
      ...(contactId ? { Contact: { ContactID: contactId } } : {}),
      Allocations: [],
      UpdatedDateUTC: nowMs(),
    };
    org.creditNotes.set(note.CreditNoteID as string, note);
    return note;
  }

  /**
   * Allocates part of a supplier credit to a bill, as Xero does: the bill owes that much less (PAID at nothing
   * due) and the credit has that much less left. `withoutId` leaves AllocationID out, as older answers do.
   */
  allocateCredit(
    org: Org,
    creditNoteId: string,
    invoiceId: string,
    amount: number,
    date: string,
    options: { withoutId?: boolean } = {},
  ): Rec {
    const note = org.creditNotes.get(creditNoteId);
    const invoice = org.invoices.get(invoiceId);
    if (!note || !invoice) throw new Error('no such credit note or bill');
    if (amount > Number(note.RemainingCredit) || amount > Number(invoice.AmountDue ?? invoice.Total))
      throw validation('The amount allocated is more than the credit left or the amount due.');
    const allocation: Rec = {
      ...(options.withoutId ? {} : { AllocationID: randomUUID() }),
      Amount: amount,
      Date: msDate(date),
      Invoice: { InvoiceID: invoiceId, InvoiceNumber: invoice.InvoiceNumber },
    };
    (note.Allocations as Rec[]).push(allocation);
    note.RemainingCredit = round2(Number(note.RemainingCredit) - amount);
    if (Number(note.RemainingCredit) <= 0) note.Status = 'PAID';
    note.UpdatedDateUTC = nowMs();
    this.credit(invoice, amount);
    return allocation;
  }

  /** Deletes an allocation in Xero: kept with IsDeleted, the bill owes it again and the credit has it back. */
  deleteAllocation(org: Org, creditNoteId: string, allocation: Rec): void {
    const note = org.creditNotes.get(creditNoteId)!;
    allocation.IsDeleted = true;
    note.RemainingCredit = round2(Number(note.RemainingCredit) + Number(allocation.Amount));
    note.Status = 'AUTHORISED';
    note.UpdatedDateUTC = `/Date(${Date.now() + 1}+0000)/`;
    this.credit(org.invoices.get(String((allocation.Invoice as Rec).InvoiceID))!, -Number(allocation.Amount));
  }

  /** Voids a supplier credit note: every live allocation is undone on its bill. */
  voidCreditNote(org: Org, creditNoteId: string): void {
    const note = org.creditNotes.get(creditNoteId)!;
    for (const a of note.Allocations as Rec[]) {
      if (a.IsDeleted) continue;
      this.credit(org.invoices.get(String((a.Invoice as Rec).InvoiceID))!, -Number(a.Amount));
    }
    note.Status = 'VOIDED';
    note.UpdatedDateUTC = `/Date(${Date.now() + 1}+0000)/`;
  }

  private credit(invoice: Rec, amount: number): void {
    invoice.AmountCredited = round2(Number(invoice.AmountCredited ?? 0) + amount);
    invoice.AmountDue = round2(
      Number(invoice.Total) - Number(invoice.AmountPaid ?? 0) - Number(invoice.AmountCredited),
    );
    if (Number(invoice.AmountDue) <= 0) invoice.Status = 'PAID';
    else if (invoice.Status === 'PAID') invoice.Status = 'AUTHORISED';
    invoice.UpdatedDateUTC = nowMs();
  }

  /** Deletes a payment in Xero (its bill is owed again). */
  deletePayment(org: Org, paymentId: string): void {
    const payment = org.payments.get(paymentId)!;
    payment.Status = 'DELETED';
    payment.UpdatedDateUTC = `/Date(${Date.now() + 1}+0000)/`;
    const invoice = org.invoices.get(String((payment.Invoice as Rec).InvoiceID))!;
    invoice.AmountPaid = round2(Number(invoice.AmountPaid) - Number(payment.Amount));
    invoice.AmountDue = round2(
      Number(invoice.Total) - Number(invoice.AmountPaid) - Number(invoice.AmountCredited ?? 0),
    );
    if (invoice.Status === 'PAID') invoice.Status = 'AUTHORISED';
  }

  /** Makes the next matching API request fail as given. */
  inject(fault: Fault, match: (method: string, path: string) => boolean = () => true): void {
    this.faults.push({ match, fault });
  }

  /** How many injected faults no request has met yet. */
  get pendingFaultCount(): number {
    return this.faults.length;
  }

  liveRefreshTokens(): string[] {
    return [...this.refreshTokens.entries()].filter(([, t]) => t.spentAt === null).map(([k]) => k);
  }

  /** Ends every access token now (as if 30 minutes had passed). */
  expireAccessTokens(): void {
    for (const t of this.accessTokens.values()) t.expires = 0;
  }

  revokeAll(): void {
    this.refreshTokens.clear();
    this.accessTokens.clear();
  }

  connectionSettings(): Rec {
    return {
      apiBaseUrl: `${this.baseUrl}/api.xro/2.0`,
      authorizeEndpoint: `${this.baseUrl}/identity/connect/authorize`,
      tokenEndpoint: `${this.baseUrl}/connect/token`,
      connectionsEndpoint: `${this.baseUrl}/connections`,
      // The simulator takes any loopback port unless an app registered its redirect URIs.
      redirectPort: 0,
    };
  }

  // ---------- server ----------

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void this.handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
          if (!res.headersSent) {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: String(error) }));
          }
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/identity/connect/authorize') return this.authorize(url, res);
    if (url.pathname === '/connect/token') return this.token(raw, send, res);
    if (url.pathname === '/connect/revocation') return this.revocation(raw, send);
    if (url.pathname === '/connections') {
      const access = this.access(req);
      if (!access) return send(401, { Title: 'Unauthorized', Status: 401, Detail: 'TokenExpired' });
      return send(
        200,
        access.tenants.map((id) => {
          const org = this.orgs.get(id)!;
          return {
            id: org.connectionId,
            authEventId: randomUUID(),
            tenantId: org.tenantId,
            tenantType: 'ORGANISATION',
            tenantName: org.options.name,
            createdDateUtc: new Date().toISOString(),
            updatedDateUtc: new Date().toISOString(),
          };
        }),
      );
    }
    if (url.pathname.startsWith('/api.xro/2.0/')) return this.api(req, res, url, raw);
    send(404, { error: 'not found' });
  }

  // ---------- identity ----------

  private authorize(url: URL, res: http.ServerResponse): void {
    const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
    redirect.searchParams.set('state', url.searchParams.get('state') ?? '');
    const clientId = url.searchParams.get('client_id') ?? '';
    const challenge = url.searchParams.get('code_challenge') ?? '';
    const registered = this.clients.get(clientId);
    if (registered && !registered.includes(url.searchParams.get('redirect_uri') ?? '')) {
      // Xero shows its own error page; it never sends the browser to a URI the app did not register.
      res
        .writeHead(500, { 'content-type': 'text/plain' })
        .end('Error: unauthorized_client : Invalid redirect_uri');
      return;
    }
    this.lastScopes = (url.searchParams.get('scope') ?? '').split(' ').filter(Boolean);
    if (this.consentDecision === 'deny' || !this.clients.has(clientId)) {
      redirect.searchParams.set('error', 'access_denied');
    } else if (url.searchParams.get('code_challenge_method') !== 'S256' || challenge.length < 43) {
      redirect.searchParams.set('error', 'invalid_request');
    } else {
      const code = randomBytes(20).toString('hex');
      this.codes.set(code, {
        clientId,
        redirectUri: url.searchParams.get('redirect_uri') ?? '',
        challenge,
        tenants: [...this.consentTenants],
        scope: url.searchParams.get('scope') ?? '',
      });
      redirect.searchParams.set('code', code);
      redirect.searchParams.set('scope', url.searchParams.get('scope') ?? '');
    }
    res.writeHead(302, { location: redirect.toString() }).end();
  }

  private issue(clientId: string, tenants: string[]): Rec {
    const access = `sim-at.${randomBytes(24).toString('base64url')}`;
    const refresh = `sim-rt.${randomBytes(24).toString('hex')}`;
    this.accessTokens.set(access, { tenants, expires: Date.now() + 30 * MINUTE });
    this.refreshTokens.set(refresh, { clientId, tenants, spentAt: null });
    return {
      id_token: 'sim',
      access_token: access,
      expires_in: 1800,
      token_type: 'Bearer',
      refresh_token: refresh,
      scope: '',
    };
  }

  /** RFC 7009: the refresh token ends (the sign-in's organisation connections with it); an unknown one is fine. */
  private revocation(raw: Buffer, send: (status: number, body: unknown) => void): void {
    const form = new URLSearchParams(raw.toString());
    if (!this.clients.has(form.get('client_id') ?? '')) return send(400, { error: 'invalid_client' });
    const token = form.get('token') ?? '';
    this.refreshTokens.delete(token);
    send(200, {});
  }

  private token(raw: Buffer, send: (status: number, body: unknown) => void, res: http.ServerResponse): void {
    const form = new URLSearchParams(raw.toString());
    const clientId = form.get('client_id') ?? '';
    if (!this.clients.has(clientId)) return send(400, { error: 'invalid_client' });
    const deliver = (body: Rec) => {
      if (this.dropNextTokenAnswer) {
        this.dropNextTokenAnswer = false;
        res.socket?.destroy();
        return;
      }
      send(200, body);
    };
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (
        !code ||
        code.clientId !== clientId ||
        code.redirectUri !== form.get('redirect_uri') ||
        code.challenge !== challenge
      ) {
        return send(400, { error: 'invalid_grant' });
      }
      this.codes.delete(form.get('code') ?? '');
      return deliver(this.issue(clientId, code.tenants));
    }
    if (grant === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const token = this.refreshTokens.get(presented);
      const usable =
        token &&
        token.clientId === clientId &&
        (token.spentAt === null || Date.now() - token.spentAt < this.graceMs);
      if (!token || !usable) return send(400, { error: 'invalid_grant' });
      token.spentAt ??= Date.now(); // rotated: spent now, usable again only within the grace period
      this.stats.tokenRefreshes++;
      return deliver(this.issue(clientId, token.tenants));
    }
    send(400, { error: 'unsupported_grant_type' });
  }

  private access(req: http.IncomingMessage): { tenants: string[] } | null {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ? this.accessTokens.get(bearer) : undefined;
    return token && token.expires > Date.now() ? token : null;
  }

  // ---------- API ----------

  private async api(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    raw: Buffer,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const apiPath = url.pathname.slice('/api.xro/2.0'.length);
    const route = `${method} ${apiPath.replace(/[0-9a-f-]{36}/g, '{id}')}`;
    this.stats.requests++;
    this.stats.byRoute[route] = (this.stats.byRoute[route] ?? 0) + 1;
    const since = req.headers['if-modified-since'];
    if (typeof since === 'string') this.modifiedSince.push({ route, value: since });
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (status !== 401 && status !== 403 && status !== 429 && status !== 404 && status < 500) {
        this.problems.push(...this.oracle.response(method, apiPath, status, body));
      }
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const access = this.access(req);
    if (!access)
      return reply(401, {
        Type: null,
        Title: 'Unauthorized',
        Status: 401,
        Detail: 'TokenExpired: token expired',
      });
    const org = this.orgs.get(String(req.headers['xero-tenant-id'] ?? ''));
    if (!org || !access.tenants.includes(org.tenantId)) {
      return reply(403, {
        Type: null,
        Title: 'Forbidden',
        Status: 403,
        Detail: 'AuthenticationUnsuccessful',
      });
    }
    // Limits per organisation: the day, the rolling minute, and requests in flight.
    const now = Date.now();
    org.started = org.started.filter((t) => now - t < MINUTE);
    const limited = (problem: string, retryAfter: number) => {
      this.stats.throttled++;
      reply(429, {}, { 'retry-after': String(retryAfter), 'x-rate-limit-problem': problem });
    };
    if (org.today >= this.limits.perDay) return limited('day', 3600);
    if (org.started.length >= this.limits.perMinute) {
      return limited('minute', Math.max(1, Math.ceil((MINUTE - (now - org.started[0]!)) / 1000)));
    }
    if (org.inFlight >= this.limits.concurrent) return limited('concurrent', 1);
    org.started.push(now);
    org.today++;
    this.stats.peakPerMinute = Math.max(this.stats.peakPerMinute, org.started.length);
    org.inFlight++;
    this.stats.peakConcurrency = Math.max(this.stats.peakConcurrency, org.inFlight);
    try {
      if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
      const faultIndex = this.faults.findIndex((f) => f.match(method, apiPath));
      const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0]!.fault : null;
      if (fault?.kind === 'throttle') {
        return limited(fault.problem ?? 'minute', fault.retryAfterSeconds ?? 1);
      }
      if (fault?.kind === 'server_error') return reply(500, { Message: 'An error occurred' });
      if (fault?.kind === 'unauthorized') {
        return reply(401, {
          Type: null,
          Title: 'Unauthorized',
          Status: 401,
          Detail: 'TokenExpired: token expired',
        });
      }
      const write = method === 'PUT' || method === 'POST';
      let body: unknown = undefined;
      // Files are bytes, whatever content type the client names (xero-node leaves it to axios).
      const binary = /\/Attachments\//.test(apiPath);
      if (write && binary) {
        this.received.push({
          method,
          path: apiPath,
          body: `${raw.length} bytes`,
          idempotencyKey: (req.headers['idempotency-key'] as string | undefined) ?? null,
        });
        if (!this.oracle.knows(method, apiPath)) {
          this.problems.push({ where: `${method} ${apiPath}`, message: 'not an operation of the spec' });
        }
        body = raw;
      } else if (write && raw.length > 0) {
        body = JSON.parse(raw.toString());
        this.received.push({
          method,
          path: apiPath,
          body,
          idempotencyKey: (req.headers['idempotency-key'] as string | undefined) ?? null,
        });
        const problems = this.oracle.request(method, apiPath, body);
        if (problems.length > 0) {
          this.problems.push(...problems);
          return reply(400, {
            ErrorNumber: 14,
            Type: 'PostDataInvalidException',
            Message: problems
              .map((p) => p.message)
              .join('; ')
              .slice(0, 1000),
          });
        }
      }
      const key = req.headers['idempotency-key'];
      const replayKey = write && typeof key === 'string' ? `${method} ${apiPath} ${key}` : null;
      if (replayKey && org.replies.has(replayKey)) {
        this.stats.replays++;
        const saved = org.replies.get(replayKey)!;
        return reply(saved.status, saved.body);
      }
      let status = 200;
      let answer: unknown;
      try {
        answer = this.route(org, method, apiPath, url.searchParams, body, req.headers['if-modified-since']);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        status = error.status;
        answer = error.body;
      }
      if (replayKey && status < 500) org.replies.set(replayKey, { status, body: answer });
      if (fault?.kind === 'drop_after_write') {
        res.socket?.destroy();
        return;
      }
      if (answer === null) return reply(404, { Message: 'Not found' });
      reply(status, answer);
    } finally {
      org.inFlight--;
    }
  }

  private route(
    org: Org,
    method: string,
    apiPath: string,
    query: URLSearchParams,
    body: unknown,
    ifModifiedSince: string | string[] | undefined,
  ): unknown {
    const since = typeof ifModifiedSince === 'string' ? Date.parse(ifModifiedSince) : NaN;
    const changed = (r: Rec) =>
      Number.isNaN(since) || Number(/\d+/.exec(String(r.UpdatedDateUTC))?.[0] ?? 0) > since;
    const where = query.get('where') ?? '';
    const [, collection, id, sub] = apiPath.split('/');
    if (sub === 'Attachments' && method === 'PUT' && Buffer.isBuffer(body)) {
      const store =
        collection === 'PurchaseOrders'
          ? org.purchaseOrders
          : collection === 'Invoices'
            ? org.invoices
            : null;
      const doc = store?.get(id!);
      if (!doc) return null;
      const fileName = decodeURIComponent(apiPath.split('/')[4] ?? '');
      const files = org.attachments.get(id!) ?? [];
      if (files.length >= 10) throw validation('A document can have at most 10 attachments.');
      // Xero names the type from the file name; the body is the raw bytes (application/octet-stream).
      const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
      const mimeType =
        { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' }[extension] ??
        'application/octet-stream';
      const file = {
        AttachmentID: randomUUID(),
        FileName: fileName,
        bytes: body,
        MimeType: mimeType,
        sha256: createHash('sha256').update(body).digest('hex'),
      };
      org.attachments.set(id!, [...files, file]);
      doc.HasAttachments = true;
      return {
        Attachments: [
          {
            AttachmentID: file.AttachmentID,
            FileName: fileName,
            Url: `https://api.xero.com/api.xro/2.0/${collection}/${id}/Attachments/${encodeURIComponent(fileName)}`,
            MimeType: file.MimeType,
            ContentLength: body.length,
          },
        ],
      };
    }
    const summarize = query.get('summarizeErrors') !== 'false';
    switch (`${method} ${collection}${id ? '/:id' : ''}`) {
      case 'GET Organisation':
        return {
          Organisations: [
            {
              OrganisationID: org.tenantId,
              Name: org.options.name,
              CountryCode: org.options.countryCode,
              BaseCurrency: org.options.baseCurrency,
              ...(org.options.periodLockDate ? { PeriodLockDate: msDate(org.options.periodLockDate) } : {}),
            },
          ],
        };
      case 'GET Accounts':
        return { Accounts: filter([...org.accounts.values()].filter(changed), where) };
      case 'GET Items':
        return { Items: filter([...org.items.values()].filter(changed), where) };
      case 'GET TaxRates':
        return { TaxRates: filter([...org.taxRates.values()], where) };
      case 'GET TrackingCategories':
        return { TrackingCategories: [...org.tracking.values()] };
      case 'GET Contacts': {
        let rows = filter([...org.contacts.values()].filter(changed), where);
        const term = query.get('searchTerm')?.toLowerCase();
        if (term) rows = rows.filter((c) => String(c.Name).toLowerCase().includes(term));
        if (query.get('includeArchived') !== 'true')
          rows = rows.filter((c) => c.ContactStatus !== 'ARCHIVED');
        return { Contacts: page(rows, query), ...pagination(rows, query) };
      }
      case 'POST Contacts/:id':
        return this.updateContact(org, id!, (body as { Contacts: Rec[] }).Contacts[0] ?? {});
      case 'GET Payments':
        return { Payments: page(filter([...org.payments.values()].filter(changed), where), query) };
      case 'GET CreditNotes':
        return { CreditNotes: page(filter([...org.creditNotes.values()].filter(changed), where), query) };
      case 'PUT Contacts':
        return this.createContacts(org, body as { Contacts: Rec[] }, summarize);
      case 'GET PurchaseOrders': {
        const day = (r: Rec) =>
          new Date(Number(/\d+/.exec(String(r.Date))?.[0] ?? 0)).toISOString().slice(0, 10);
        const [from, to, status] = [query.get('DateFrom'), query.get('DateTo'), query.get('Status')];
        const rows = [...org.purchaseOrders.values()]
          .filter(changed)
          .filter(
            (r) => (!from || day(r) >= from) && (!to || day(r) <= to) && (!status || r.Status === status),
          );
        return { PurchaseOrders: page(rows, query) };
      }
      case 'GET PurchaseOrders/:id': {
        const po = org.purchaseOrders.get(id!);
        return po ? { PurchaseOrders: [po] } : null;
      }
      case 'PUT PurchaseOrders':
        return this.createDocuments(
          org,
          'PurchaseOrders',
          (body as { PurchaseOrders: Rec[] }).PurchaseOrders,
          summarize,
        );
      case 'POST PurchaseOrders/:id':
        return this.updateDocument(
          org,
          'PurchaseOrders',
          id!,
          (body as { PurchaseOrders: Rec[] }).PurchaseOrders[0] ?? {},
        );
      case 'GET Invoices': {
        const list = (name: string) => (query.get(name) ? query.get(name)!.split(',') : null);
        const [numbers, contacts, statuses] = [list('InvoiceNumbers'), list('ContactIDs'), list('Statuses')];
        const rows = filter([...org.invoices.values()].filter(changed), where).filter(
          (r) =>
            (!numbers ||
              numbers.some((n) => n.toLowerCase() === String(r.InvoiceNumber ?? '').toLowerCase())) &&
            (!contacts || contacts.includes(String((r.Contact as Rec).ContactID))) &&
            (!statuses || statuses.includes(String(r.Status))),
        );
        return { Invoices: page(rows, query) };
      }
      case 'GET Invoices/:id': {
        const invoice = org.invoices.get(id!);
        return invoice ? { Invoices: [invoice] } : null;
      }
      case 'PUT Invoices':
        return this.createDocuments(org, 'Invoices', (body as { Invoices: Rec[] }).Invoices, summarize);
      case 'POST Invoices/:id':
        return this.updateDocument(org, 'Invoices', id!, (body as { Invoices: Rec[] }).Invoices[0] ?? {});
      default:
        throw new Refusal(404, { Message: `The simulator does not offer ${method} ${apiPath}` });
    }
  }

  private createContacts(org: Org, body: { Contacts: Rec[] }, summarize: boolean): Rec {
    const out = body.Contacts.map((c) => {
      const name = String(c.Name ?? '').trim();
      const taken = [...org.contacts.values()].some(
        (o) => o.ContactStatus === 'ACTIVE' && String(o.Name).toLowerCase() === name.toLowerCase(),
      );
      const error = !name
        ? 'The contact name must be specified.'
        : taken
          ? `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`
          : null;
      if (error)
        return {
          ...c,
          HasValidationErrors: true,
          StatusAttributeString: 'ERROR',
          ValidationErrors: [{ Message: error }],
        };
      const contact: Rec = {
        ...c,
        ContactID: randomUUID(),
        ContactStatus: 'ACTIVE',
        IsSupplier: false,
        IsCustomer: false,
        UpdatedDateUTC: nowMs(),
      };
      org.contacts.set(contact.ContactID as string, contact);
      return contact;
    });
    if (summarize && out.some((c) => c.HasValidationErrors))
      throw validation(
        String((out.find((c) => c.HasValidationErrors)!.ValidationErrors as Rec[])[0]!.Message),
      );
    return { Contacts: out };
  }

  private updateContact(org: Org, id: string, change: Rec): Rec | null {
    const current = org.contacts.get(id);
    if (!current) return null;
    const name = change.Name !== undefined ? String(change.Name).trim() : String(current.Name);
    const taken = [...org.contacts.values()].some(
      (o) =>
        o.ContactID !== id &&
        o.ContactStatus === 'ACTIVE' &&
        String(o.Name).toLowerCase() === name.toLowerCase(),
    );
    if (taken)
      throw validation(
        `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`,
      );
    const next = { ...current, ...structuredClone(change), ContactID: id, UpdatedDateUTC: nowMs() };
    org.contacts.set(id, next);
    return { Contacts: [next] };
  }

  /** The document's line amounts, tax and totals as Xero computes them, or the first problem. */
  private compute(org: Org, kind: 'PurchaseOrders' | 'Invoices', doc: Rec): string | null {
    const contactId = (doc.Contact as Rec | undefined)?.ContactID;
    const contact = contactId ? org.contacts.get(String(contactId)) : undefined;
    if (!contact) return 'A Contact must be specified for this type of transaction';
    if (kind === 'Invoices' && doc.Type !== 'ACCPAY' && doc.Type !== 'ACCREC')
      return 'Invoice not of valid status for creation';
    const status = String(doc.Status ?? 'DRAFT');
    if (!['DRAFT', 'SUBMITTED', 'AUTHORISED'].includes(status))
      return `Cannot create a document with status ${status}.`;
    const date = String(doc.Date ?? new Date().toISOString().slice(0, 10)).slice(0, 10);
    const lock = org.options.periodLockDate;
    if (lock && date <= lock) {
      return `The document date cannot be before the period lock date, ${lock}. Please change the document date.`;
    }
    const types = String(doc.LineAmountTypes ?? 'Exclusive');
    const lines = (doc.LineItems as Rec[] | undefined) ?? [];
    const active = [...org.tracking.values()].filter((c) => c.Status === 'ACTIVE');
    let sub = 0;
    let tax = 0;
    for (const line of lines) {
      if (line.DiscountRate !== undefined || line.DiscountAmount !== undefined) {
        if (kind === 'PurchaseOrders' || doc.Type === 'ACCPAY')
          return 'Discounts are not supported on this type of document.';
      }
      if (line.AccountCode !== undefined) {
        const account = [...org.accounts.values()].find(
          (a) => a.Code === line.AccountCode && a.Status === 'ACTIVE',
        );
        if (!account)
          return `Account code '${String(line.AccountCode)}' is not a valid code for this document.`;
      }
      if (line.ItemCode !== undefined && ![...org.items.values()].some((i) => i.Code === line.ItemCode)) {
        return `Item code '${String(line.ItemCode)}' is not valid.`;
      }
      const rate =
        line.TaxType !== undefined ? org.taxRates.get(String(line.TaxType)) : org.taxRates.get('INPUT2');
      if (!rate || rate.Status !== 'ACTIVE')
        return `The TaxType code '${String(line.TaxType)}' does not exist or cannot be used for this type of transaction.`;
      const tracking = (line.Tracking as Rec[] | undefined) ?? [];
      if (tracking.length > 2) return 'A maximum of 2 tracking categories can be used on a line.';
      for (const t of tracking) {
        const category = active.find((c) => c.Name === t.Name);
        const option = (category?.Options as Rec[] | undefined)?.find(
          (o) => o.Name === t.Option && o.Status === 'ACTIVE',
        );
        if (!category || !option)
          return 'Unknown tracking details. A Tracking Category did not match a known Active TrackingCategory.';
      }
      const amount = round2(Number(line.Quantity ?? 1) * Number(line.UnitAmount ?? 0));
      const r = types === 'NoTax' ? 0 : Number(rate.EffectiveRate) / 100;
      const lineTax = types === 'Inclusive' ? round2(amount - amount / (1 + r)) : round2(amount * r);
      line.LineAmount = amount;
      line.TaxAmount = lineTax;
      line.TaxType ??= rate.TaxType;
      line.LineItemID ??= randomUUID();
      sub += types === 'Inclusive' ? amount - lineTax : amount;
      tax += lineTax;
    }
    doc.SubTotal = round2(sub);
    doc.TotalTax = round2(tax);
    doc.Total = round2(sub + tax);
    doc.Status = status;
    doc.Date = msDate(date);
    if (typeof doc.DueDate === 'string' && !doc.DueDate.startsWith('/Date'))
      doc.DueDate = msDate(doc.DueDate);
    if (typeof doc.DeliveryDate === 'string' && !doc.DeliveryDate.startsWith('/Date'))
      doc.DeliveryDate = msDate(doc.DeliveryDate);
    doc.UpdatedDateUTC = nowMs();
    if (kind === 'Invoices') {
      doc.AmountDue = doc.Total;
      doc.AmountPaid = 0;
    }
    contact.IsSupplier = true; // Xero marks a contact a supplier once a bill or purchase order names it
    return null;
  }

  private createDocuments(
    org: Org,
    kind: 'PurchaseOrders' | 'Invoices',
    docs: Rec[],
    summarize: boolean,
  ): Rec {
    const store = kind === 'PurchaseOrders' ? org.purchaseOrders : org.invoices;
    const idField = kind === 'PurchaseOrders' ? 'PurchaseOrderID' : 'InvoiceID';
    const out = docs.map((d) => {
      const doc: Rec = structuredClone(d);
      const error = this.compute(org, kind, doc);
      if (error) {
        return {
          ...d,
          ...(kind === 'Invoices' ? { HasErrors: true } : {}),
          StatusAttributeString: 'ERROR',
          ValidationErrors: [{ Message: error }],
        };
      }
      doc[idField] = randomUUID();
      if (kind === 'PurchaseOrders')
        doc.PurchaseOrderNumber ??= `PO-${String(store.size + 1).padStart(4, '0')}`;
      doc.StatusAttributeString = 'OK';
      store.set(doc[idField] as string, doc);
      return doc;
    });
    const failed = out.find((o) => o.StatusAttributeString === 'ERROR');
    if (summarize && failed) throw validation(String((failed.ValidationErrors as Rec[])[0]!.Message));
    return { [kind]: out };
  }

  private updateDocument(org: Org, kind: 'PurchaseOrders' | 'Invoices', id: string, change: Rec): Rec | null {
    const store = kind === 'PurchaseOrders' ? org.purchaseOrders : org.invoices;
    const current = store.get(id);
    if (!current) return null;
    const from = String(current.Status);
    const to = change.Status !== undefined ? String(change.Status) : from;
    if (from === 'DELETED' || from === 'VOIDED')
      throw validation(`This document has been ${from.toLowerCase()} and cannot be edited.`);
    if (kind === 'PurchaseOrders') {
      if (from === 'BILLED' && to === 'DELETED')
        throw validation(
          'This purchase order has been billed and cannot be deleted. Remove the bill link first.',
        );
      if (to === 'VOIDED') throw validation('Purchase orders cannot be voided. Delete it instead.');
    } else {
      if (Number(current.AmountPaid ?? 0) > 0 && to !== from)
        throw validation(
          'This invoice has payments applied and cannot be changed. Remove the payments first.',
        );
      if (to === 'DELETED' && !['DRAFT', 'SUBMITTED'].includes(from))
        throw validation('Only draft or awaiting approval invoices can be deleted. Void it instead.');
      if (to === 'VOIDED' && from !== 'AUTHORISED')
        throw validation('Only approved invoices can be voided. Delete it instead.');
    }
    if (to === 'DELETED' || to === 'VOIDED') {
      current.Status = to;
      current.UpdatedDateUTC = nowMs();
      return { [kind]: [current] };
    }
    const next: Rec = { ...structuredClone(current), ...structuredClone(change) };
    const before = (current.LineItems as Rec[] | undefined) ?? [];
    if (Array.isArray(change.LineItems)) {
      // Lines with a LineItemID update that line (fields left out keep their values, as Xero does); lines without
      // one are new; lines of the document that the update leaves out are deleted. An id the document does not
      // have is refused.
      const lines: Rec[] = [];
      for (const incoming of change.LineItems as Rec[]) {
        const { LineAmount: _a, TaxAmount: _t, ...given } = structuredClone(incoming);
        if (given.LineItemID === undefined) {
          lines.push(given);
          continue;
        }
        const kept = before.find((l) => l.LineItemID === given.LineItemID);
        if (!kept)
          throw validation(`The LineItemID ${String(given.LineItemID)} does not exist on this document.`);
        const { LineAmount: _la, TaxAmount: _ta, ...rest } = structuredClone(kept);
        lines.push({ ...rest, ...given });
      }
      const ids = lines.map((l) => l.LineItemID).filter(Boolean);
      if (new Set(ids).size !== ids.length) throw validation('A LineItemID can be used once in a document.');
      next.LineItems = lines;
      this.lineStats.kept += lines.filter((l) => l.LineItemID !== undefined).length;
      this.lineStats.added += lines.filter((l) => l.LineItemID === undefined).length;
      this.lineStats.deleted += before.filter((b) => !ids.includes(b.LineItemID)).length;
    } else {
      // Reported of Xero: an update without LineItems deletes and recreates the lines (new LineItemIDs).
      next.LineItems = before.map((l) => ({ ...structuredClone(l), LineItemID: randomUUID() }));
    }
    if (typeof current.Date === 'string' && change.Date === undefined) {
      next.Date = new Date(Number(/\d+/.exec(current.Date)![0])).toISOString().slice(0, 10);
    }
    const error = this.compute(org, kind, next);
    if (error) throw validation(error);
    store.set(id, next);
    return { [kind]: [next] };
  }
}

/**
 * Xero's where filter, the forms integrations use: Name=="x", IsSupplier==true, Status=="ACTIVE", joined by AND
 * (&&) and OR (||), AND binding tighter. Quoted values may contain anything, the joining words included.
 */
function filter(rows: Rec[], where: string): Rec[] {
  if (!where.trim()) return rows;
  const clause = /\s*(\w+)\s*==\s*(?:"((?:[^"\\]|\\.)*)"|(true|false))\s*/y;
  const joiner = /(AND|&&|OR|\|\|)/iy;
  const alternatives: { field: string; value: string | boolean }[][] = [[]];
  let at = 0;
  for (;;) {
    clause.lastIndex = at;
    const m = clause.exec(where);
    if (!m) throw validation(`The simulator cannot read the where clause ${where.slice(at)}`);
    alternatives[alternatives.length - 1]!.push({
      field: m[1]!,
      value: m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3] === 'true',
    });
    at = clause.lastIndex;
    if (at >= where.length) break;
    joiner.lastIndex = at;
    const j = joiner.exec(where);
    if (!j) throw validation(`The simulator cannot read the where clause ${where.slice(at)}`);
    if (/^(OR|\|\|)$/i.test(j[1]!)) alternatives.push([]);
    at = joiner.lastIndex;
  }
  return rows.filter((r) =>
    alternatives.some((clauses) =>
      clauses.every((c) =>
        typeof c.value === 'string'
          ? String(r[c.field] ?? '').toLowerCase() === c.value.toLowerCase()
          : r[c.field] === c.value,
      ),
    ),
  );
}

/** With page=n, Xero says where the page stands: {page, pageSize, pageCount, itemCount} (the Pagination schema). */
function pagination(rows: Rec[], query: URLSearchParams): Rec {
  const p = Number(query.get('page') ?? '0');
  if (!p) return {};
  const size = Math.min(1000, Number(query.get('pageSize') ?? '100'));
  return {
    pagination: { page: p, pageSize: size, pageCount: Math.ceil(rows.length / size), itemCount: rows.length },
  };
}

/** page=n: 100 records a page (pageSize up to 1000); no page: every record. */
function page(rows: Rec[], query: URLSearchParams): Rec[] {
  const p = Number(query.get('page') ?? '0');
  if (!p) return rows;
  const size = Math.min(1000, Number(query.get('pageSize') ?? '100'));
  return rows.slice((p - 1) * size, p * size);
}
