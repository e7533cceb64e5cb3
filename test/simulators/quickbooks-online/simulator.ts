// A QuickBooks Online simulator: Intuit's OAuth endpoints and the Accounting API v3 on 127.0.0.1, keeping state per
// realm and enforcing the rules integrations trip over: unique DisplayName across vendors, customers and employees
// (6240), duplicate bill numbers per vendor (6140), stale SyncToken (5010), the closing date ("Account Period
// Closed"), purchase orders on a subscription without them, non-US tax codes on every line, a transaction in its
// vendor's currency (foreign ones only with multicurrency on), tax codes created through the TaxService, inactive
// or missing references (610), requestid replay, 500 requests per minute and 10 in flight per realm (429
// ThrottleExceeded), batch (at most 30 items), CDC, and faults on demand (throttling as JSON 429 or XML 403, 500,
// an answer dropped after the write was applied). Every body it receives is judged against Intuit's schema
// (oracle.ts) first.
import type { SeedVendor } from '../supplier-lists.js';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateEntity } from './oracle.js';
import { fieldValue, matches, parseQuery, QueryError } from './query.js';

type Rec = Record<string, unknown>;

export interface RealmOptions {
  companyName?: string;
  country?: string;
  homeCurrency?: string;
  multiCurrency?: boolean;
  classTracking?: 'none' | 'txn' | 'line';
  trackDepartments?: boolean;
  purchaseOrders?: boolean;
  bookCloseDate?: string | null;
  warnDuplicateBillNumber?: boolean;
}

export interface Realm {
  id: string;
  options: Required<RealmOptions>;
  entities: Map<string, Map<string, Rec>>;
  nextId: number;
  replies: Map<string, { status: number; body: string }>;
  /** Requests started in the current minute windows, for the rate limit. */
  started: number[];
  inFlight: number;
}

export type Fault =
  | { kind: 'throttle'; retryAfterSeconds?: number }
  | { kind: 'throttle_xml_403' }
  | { kind: 'server_error' }
  /** Applies the write, then drops the connection without an answer (a crash between send and answer). */
  | { kind: 'drop_after_write' }
  /** Keeps the request waiting (in flight, not applied yet) until `until` settles: see hold(). */
  | { kind: 'hold'; reached: () => void; until: Promise<void> };

export interface QboUpload {
  realmId: string;
  attachableId: string;
  fileName: string;
  /** The filename of the file part's Content-Disposition. */
  partFileName: string;
  contentType: string;
  size: number;
  sha256: string;
  entityRefs: { type: string; value: string }[];
}

export interface QboSimStats {
  requests: number;
  byPath: Record<string, number>;
  /**
   * What the requests were for, by operation and entity ('query Vendor', 'create Bill'): a request counts once
   * under each kind of item it carries (a batch of 30 vendor creates is one 'create Vendor').
   */
  byContent: Record<string, number>;
  peakPerMinute: number;
  peakConcurrency: number;
  throttled: number;
  tokenRefreshes: number;
}

const NAME_LISTS = new Set([
  'Vendor',
  'Customer',
  'Employee',
  'Account',
  'Item',
  'Class',
  'Department',
  'TaxCode',
  'TaxRate',
  'TaxAgency',
  'Term',
]);
const ENTITY_BY_PATH: Record<string, string> = Object.fromEntries(
  [
    'Vendor',
    'Customer',
    'Employee',
    'Account',
    'Item',
    'Class',
    'Department',
    'TaxCode',
    'TaxRate',
    'TaxAgency',
    'Term',
    'PurchaseOrder',
    'Bill',
    'BillPayment',
    'Purchase',
    'VendorCredit',
    'Attachable',
  ].map((e) => [e.toLowerCase(), e]),
);
const TXN_NEEDS_VENDOR = new Set(['PurchaseOrder', 'Bill', 'VendorCredit', 'BillPayment']);
const MINUTE = 60_000;

class FaultError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly faultMessage: string,
    readonly detail: string,
    readonly type = 'ValidationFault',
    readonly element = '',
  ) {
    super(`${code} ${faultMessage}`);
  }
}

const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;
const nowIso = () => new Date().toISOString();

function faultBody(errors: FaultError[], type = errors[0]?.type ?? 'ValidationFault'): Rec {
  return {
    Fault: {
      Error: errors.map((e) => ({
        Message: e.faultMessage,
        Detail: e.detail,
        code: e.code,
        element: e.element,
      })),
      type,
    },
    time: nowIso(),
  };
}

export class QboSimulator {
  baseUrl = '';
  readonly realms = new Map<string, Realm>();
  readonly stats: QboSimStats = {
    requests: 0,
    byPath: {},
    byContent: {},
    peakPerMinute: 0,
    peakConcurrency: 0,
    throttled: 0,
    tokenRefreshes: 0,
  };
  /** Every body received, with the problems the schema found, for tests to inspect. */
  readonly received: { method: string; path: string; body: unknown }[] = [];
  /** Every file uploaded (POST /upload), in order: what it was attached to and its bytes' sha256. */
  readonly uploads: QboUpload[] = [];
  /** Limits per realm: Intuit's are 500/min and 10 concurrent. */
  limits = { perMinute: 500, concurrent: 10, batchItems: 30 };
  /** Milliseconds each API request takes, so concurrency is observable. */
  latencyMs = 0;
  /** The realm the next consent screen grants. */
  consentRealm = '';
  consentDecision: 'allow' | 'deny' = 'allow';
  private readonly faults: {
    match: (path: string, method: string, body: string) => boolean;
    fault: Fault;
  }[] = [];
  private readonly clients = new Map<string, string>();
  private readonly codes = new Map<string, { realmId: string; redirectUri: string; clientId: string }>();
  /**
   * How long a rotated refresh token stays usable. Intuit: "Your previous refresh tokens expire 24 hours after you
   * receive a new one" (intuit-oauth README). 0 (the default) spends it at once, which is stricter than Intuit;
   * bench/chaos sets 24 hours, because a process killed between the rotation and storing the new token can only
   * go on with the previous one.
   */
  refreshGraceMs = 0;
  private readonly refreshTokens = new Map<
    string,
    { realmId: string; clientId: string; live: boolean; spentAt?: number }
  >();
  private readonly accessTokens = new Map<string, { realmId: string; expires: number }>();
  private server: http.Server | null = null;
  private perMinuteWindow: number[] = [];
  private concurrentNow = 0;

  // ---------- set-up and inspection (tests) ----------

  registerApp(clientId: string, clientSecret: string): void {
    this.clients.set(clientId, clientSecret);
  }

  createRealm(options: RealmOptions = {}): Realm {
    const id = String(9130000000000000 + this.realms.size * 7919 + Math.floor(Math.random() * 1000));
    const realm: Realm = {
      id,
      options: {
        companyName: 'Northwind Facilities',
        country: 'US',
        homeCurrency: 'USD',
        multiCurrency: false,
        classTracking: 'line',
        trackDepartments: true,
        purchaseOrders: true,
        bookCloseDate: null,
        warnDuplicateBillNumber: true,
        ...options,
      },
      entities: new Map(),
      nextId: 1,
      replies: new Map(),
      started: [],
      inFlight: 0,
    };
    this.realms.set(id, realm);
    this.consentRealm ||= id;
    // What every QuickBooks company has: an accounts-payable account and a purchase-order account.
    this.seed(realm, 'Account', {
      Name: 'Accounts Payable (A/P)',
      AccountType: 'Accounts Payable',
      Classification: 'Liability',
    });
    if (realm.options.country !== 'US') {
      const agency = this.seed(realm, 'TaxAgency', { DisplayName: 'Revenue Agency' });
      const rate = this.seed(realm, 'TaxRate', {
        Name: 'VAT 20% (purchases)',
        RateValue: 20,
        AgencyRef: { value: agency.Id },
      });
      this.seed(realm, 'TaxCode', {
        Name: '20.0% S',
        Taxable: true,
        PurchaseTaxRateList: {
          TaxRateDetail: [{ TaxRateRef: { value: rate.Id }, TaxTypeApplicable: 'TaxOnAmount' }],
        },
      });
      const zero = this.seed(realm, 'TaxRate', {
        Name: 'Zero rate',
        RateValue: 0,
        AgencyRef: { value: agency.Id },
      });
      this.seed(realm, 'TaxCode', {
        Name: 'Z',
        Taxable: false,
        PurchaseTaxRateList: {
          TaxRateDetail: [{ TaxRateRef: { value: zero.Id }, TaxTypeApplicable: 'TaxOnAmount' }],
        },
      });
    }
    return realm;
  }

  /** Adds a record as if the bookkeeper had entered it in QuickBooks. */
  seed(realm: Realm, entity: string, fields: Rec): Rec {
    const record: Rec = {
      ...(NAME_LISTS.has(entity) ? { Active: true } : {}),
      ...fields,
      Id: String(realm.nextId++),
      SyncToken: '0',
      domain: 'QBO',
      MetaData: { CreateTime: nowIso(), LastUpdatedTime: nowIso() },
    };
    if (entity === 'Account' && !record.FullyQualifiedName) record.FullyQualifiedName = record.Name;
    this.table(realm, entity).set(String(record.Id), record);
    if (entity === 'BillPayment' || entity === 'Purchase') this.applyBillPayment(realm, record, 1, entity);
    return record;
  }

  /** A large vendor list as QuickBooks keeps it: optional fields left out where the vendor has none. */
  seedVendors(realm: Realm, vendors: readonly SeedVendor[]): void {
    for (const v of vendors) {
      const address = {
        ...(v.address ? { Line1: v.address } : {}),
        ...(v.city ? { City: v.city } : {}),
        ...(v.state ? { CountrySubDivisionCode: v.state } : {}),
        ...(v.postalCode ? { PostalCode: v.postalCode } : {}),
        ...(v.country ? { Country: v.country } : {}),
      };
      this.seed(realm, 'Vendor', {
        DisplayName: v.name,
        Active: v.active,
        ...(v.email ? { PrimaryEmailAddr: { Address: v.email } } : {}),
        ...(v.phone ? { PrimaryPhone: { FreeFormNumber: v.phone } } : {}),
        ...(Object.keys(address).length ? { BillAddr: { Id: String(realm.nextId++), ...address } } : {}),
        ...(v.accountNumber ? { AcctNum: v.accountNumber } : {}),
      });
    }
  }

  records(realm: Realm, entity: string): Rec[] {
    return [...this.table(realm, entity).values()].filter((r) => r.status !== 'Deleted');
  }

  get(realm: Realm, entity: string, id: string): Rec | undefined {
    const r = this.table(realm, entity).get(id);
    return r && r.status !== 'Deleted' ? r : undefined;
  }

  /** Changes a record as the bookkeeper would in QuickBooks (SyncToken and LastUpdatedTime move). */
  edit(realm: Realm, entity: string, id: string, change: Rec): Rec {
    const current = this.table(realm, entity).get(id);
    if (!current) throw new Error(`${entity} ${id} not found`);
    const next = { ...current, ...change };
    this.touch(next);
    this.table(realm, entity).set(id, next);
    return next;
  }

  /** Voids a bill payment as QuickBooks does: kept, amounts zeroed, the bills' balances restored. */
  voidBillPayment(realm: Realm, id: string): void {
    const payment = this.get(realm, 'BillPayment', id);
    if (!payment) throw new Error(`BillPayment ${id} not found`);
    this.applyBillPayment(realm, payment, -1);
    const lines = (payment.Line as Rec[]).map((l) => ({ ...l, Amount: 0 }));
    this.edit(realm, 'BillPayment', id, { TotalAmt: 0, Line: lines, PrivateNote: 'Voided' });
  }

  /** Voids a cheque (a Purchase) as QuickBooks does: kept, its total and lines zeroed, the bills' balances restored. */
  voidPurchase(realm: Realm, id: string): void {
    const purchase = this.get(realm, 'Purchase', id);
    if (!purchase) throw new Error(`Purchase ${id} not found`);
    this.applyBillPayment(realm, purchase, -1, 'Purchase');
    const lines = ((purchase.Line as Rec[] | undefined) ?? []).map((l) => ({ ...l, Amount: 0 }));
    this.edit(realm, 'Purchase', id, { TotalAmt: 0, Line: lines, PrivateNote: 'Voided' });
  }

  deleteRecord(realm: Realm, entity: string, id: string): void {
    const record = this.get(realm, entity, id);
    if (!record) throw new Error(`${entity} ${id} not found`);
    if (entity === 'BillPayment' || entity === 'Purchase') this.applyBillPayment(realm, record, -1, entity);
    const stub: Rec = { Id: id, status: 'Deleted', domain: 'QBO', MetaData: { LastUpdatedTime: nowIso() } };
    this.table(realm, entity).set(id, stub);
  }

  /** The next request whose path contains `pathPart` (and method, and body text, if given) meets `fault`. */
  injectFault(
    pathPart: string,
    fault: Fault,
    options: { method?: string; bodyIncludes?: string } = {},
  ): void {
    this.faults.push({
      match: (p, m, body) =>
        p.includes(pathPart) &&
        (!options.method || m === options.method) &&
        (!options.bodyIncludes || body.includes(options.bodyIncludes)),
      fault,
    });
  }

  /**
   * Holds the next request whose path contains `pathPart` (and method, and body text) before it is applied, so a
   * test can act while a send is in flight: `reached` resolves when the request arrives, `release` lets it go on.
   */
  hold(
    pathPart: string,
    options: { method?: string; bodyIncludes?: string } = {},
  ): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    const until = new Promise<void>((resolve) => (release = resolve));
    this.injectFault(pathPart, { kind: 'hold', reached, until }, options);
    return { reached: arrived, release };
  }

  /** How many injected faults no request has met yet. */
  get pendingFaultCount(): number {
    return this.faults.length;
  }

  /** Revokes every refresh token (the user disconnected the app in QuickBooks, or 100 days passed). */
  revokeAllRefreshTokens(): void {
    for (const token of this.refreshTokens.values()) {
      token.live = false;
      token.spentAt = undefined;
    }
  }

  /** Makes every access token of the realm expire now (as an hour passing would). */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expires = 0;
  }

  liveRefreshTokens(): string[] {
    return [...this.refreshTokens.entries()].filter(([, v]) => v.live).map(([k]) => k);
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

  /** Settings that point a connection at this simulator. */
  connectionSettings(): Rec {
    return {
      apiBaseUrl: this.baseUrl,
      authorizeEndpoint: `${this.baseUrl}/connect/oauth2`,
      tokenEndpoint: `${this.baseUrl}/oauth2/v1/tokens/bearer`,
      revokeEndpoint: `${this.baseUrl}/oauth2/v1/tokens/revoke`,
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (url.pathname === '/connect/oauth2') return this.authorize(url, res);
    if (url.pathname === '/oauth2/v1/tokens/bearer') return this.token(req, raw, send);
    if (url.pathname === '/oauth2/v1/tokens/revoke') return this.revoke(req, raw, send);
    const m = /^\/v3\/company\/(\d+)\/(.+)$/.exec(url.pathname);
    if (!m) return send(404, { error: 'not found' });
    const realm = this.realms.get(m[1]!);
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const access = auth ? this.accessTokens.get(auth) : undefined;
    if (!realm || !access || access.realmId !== realm.id || access.expires < Date.now()) {
      return send(
        401,
        faultBody(
          [
            new FaultError(
              401,
              '3200',
              'message=AuthenticationFailed; errorCode=003200; statusCode=401',
              'Token expired or invalid',
              'AUTHENTICATION',
            ),
          ],
          'AUTHENTICATION',
        ),
      );
    }
    this.count(m[2]!.split('/')[0]!);
    const fault = this.takeFault(url.pathname, req.method ?? 'GET', raw.toString('utf8'));
    if (fault?.kind === 'throttle' || !this.admit(realm)) {
      this.stats.throttled++;
      return send(
        429,
        faultBody(
          [
            new FaultError(
              429,
              '003001',
              'message=ThrottleExceeded; errorCode=003001; statusCode=429',
              'Too many requests',
              'SERVICE',
            ),
          ],
          'SERVICE',
        ),
        fault?.kind === 'throttle' && fault.retryAfterSeconds !== undefined
          ? { 'retry-after': String(fault.retryAfterSeconds) }
          : {},
      );
    }
    if (fault?.kind === 'throttle_xml_403') {
      this.stats.throttled++;
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="' +
          nowIso() +
          '"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=403</Message></Error></Fault></IntuitResponse>',
      );
      return;
    }
    if (fault?.kind === 'server_error') {
      return send(
        500,
        faultBody(
          [
            new FaultError(
              500,
              '10000',
              'An application error has occurred while processing your request',
              'System Failure Error',
              'SystemFault',
            ),
          ],
          'SystemFault',
        ),
      );
    }
    realm.inFlight++;
    this.concurrentNow++;
    this.stats.peakConcurrency = Math.max(this.stats.peakConcurrency, this.concurrentNow);
    try {
      if (realm.inFlight > this.limits.concurrent) {
        this.stats.throttled++;
        return send(
          429,
          faultBody(
            [
              new FaultError(
                429,
                '003001',
                'message=ThrottleExceeded; errorCode=003001; statusCode=429',
                'Too many concurrent requests',
                'SERVICE',
              ),
            ],
            'SERVICE',
          ),
        );
      }
      if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
      if (fault?.kind === 'hold') {
        fault.reached();
        await fault.until;
      }
      const requestId = url.searchParams.get('requestid');
      const replayKey = requestId ? `${req.method} ${m[2]} ${requestId}` : null;
      const earlier = replayKey ? realm.replies.get(replayKey) : undefined;
      let reply: { status: number; body: string };
      if (earlier) reply = earlier;
      else {
        reply = this.api(realm, req.method ?? 'GET', m[2]!, url, raw, req.headers['content-type'] ?? '');
        if (replayKey && req.method === 'POST') realm.replies.set(replayKey, reply);
      }
      if (fault?.kind === 'drop_after_write') {
        req.socket.destroy();
        return;
      }
      send(reply.status, reply.body);
    } finally {
      realm.inFlight--;
      this.concurrentNow--;
    }
  }

  private count(kind: string): void {
    this.stats.requests++;
    this.stats.byPath[kind] = (this.stats.byPath[kind] ?? 0) + 1;
    const now = Date.now();
    this.perMinuteWindow.push(now);
    while (this.perMinuteWindow.length > 0 && this.perMinuteWindow[0]! <= now - MINUTE)
      this.perMinuteWindow.shift();
    this.stats.peakPerMinute = Math.max(this.stats.peakPerMinute, this.perMinuteWindow.length);
  }

  private admit(realm: Realm): boolean {
    const now = Date.now();
    while (realm.started.length > 0 && realm.started[0]! <= now - MINUTE) realm.started.shift();
    if (realm.started.length >= this.limits.perMinute) return false;
    realm.started.push(now);
    return true;
  }

  private takeFault(pathname: string, method: string, body: string): Fault | undefined {
    const i = this.faults.findIndex((f) => f.match(pathname, method, body));
    if (i < 0) return undefined;
    return this.faults.splice(i, 1)[0]!.fault;
  }

  // ---------- OAuth ----------

  private authorize(url: URL, res: http.ServerResponse): void {
    const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
    redirect.searchParams.set('state', url.searchParams.get('state') ?? '');
    const clientId = url.searchParams.get('client_id') ?? '';
    if (this.consentDecision === 'deny' || !this.clients.has(clientId)) {
      redirect.searchParams.set('error', 'access_denied');
    } else {
      const code = `AB11${randomBytes(20).toString('hex')}`;
      this.codes.set(code, {
        realmId: this.consentRealm,
        redirectUri: redirect.origin + redirect.pathname,
        clientId,
      });
      redirect.searchParams.set('code', code);
      redirect.searchParams.set('realmId', this.consentRealm);
    }
    res.writeHead(302, { location: redirect.toString() }).end();
  }

  private clientOf(req: http.IncomingMessage): string | null {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!basic) return null;
    const [id, secret] = Buffer.from(basic, 'base64').toString().split(':');
    return id && this.clients.get(id) === secret ? id : null;
  }

  private issue(realmId: string, clientId: string): Rec {
    const access = `eyJsim.${randomBytes(24).toString('base64url')}`;
    const refresh = `RT1-${randomBytes(24).toString('hex')}`;
    this.accessTokens.set(access, { realmId, expires: Date.now() + 3600_000 });
    this.refreshTokens.set(refresh, { realmId, clientId, live: true });
    return {
      token_type: 'bearer',
      access_token: access,
      expires_in: 3600,
      refresh_token: refresh,
      x_refresh_token_expires_in: 8726400,
    };
  }

  private token(req: http.IncomingMessage, raw: Buffer, send: (status: number, body: unknown) => void): void {
    const clientId = this.clientOf(req);
    if (!clientId) return send(401, { error: 'invalid_client' });
    const form = new URLSearchParams(raw.toString());
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      // A code is good once; a second exchange (a double callback) is refused, as Intuit does.
      if (!code || code.clientId !== clientId || code.redirectUri !== form.get('redirect_uri')) {
        return send(400, { error: 'invalid_grant' });
      }
      this.codes.delete(form.get('code') ?? '');
      return send(200, this.issue(code.realmId, clientId));
    }
    if (grant === 'refresh_token') {
      const token = this.refreshTokens.get(form.get('refresh_token') ?? '');
      const usable =
        token &&
        (token.live || (token.spentAt !== undefined && Date.now() - token.spentAt < this.refreshGraceMs));
      if (!token || !usable || token.clientId !== clientId) {
        return send(400, { error: 'invalid_grant', error_description: 'Incorrect or invalid refresh token' });
      }
      // Rotated: the old token is spent, usable again only within the grace period.
      if (token.live) token.spentAt = Date.now();
      token.live = false;
      this.stats.tokenRefreshes++;
      return send(200, this.issue(token.realmId, clientId));
    }
    send(400, { error: 'unsupported_grant_type' });
  }

  private revoke(
    req: http.IncomingMessage,
    raw: Buffer,
    send: (status: number, body: unknown) => void,
  ): void {
    if (!this.clientOf(req)) return send(401, { error: 'invalid_client' });
    const { token } = JSON.parse(raw.toString() || '{}') as { token?: string };
    const refresh = token ? this.refreshTokens.get(token) : undefined;
    if (refresh) {
      refresh.live = false;
      refresh.spentAt = undefined;
    }
    if (token) this.accessTokens.delete(token);
    send(200, {});
  }

  // ---------- the Accounting API ----------

  private api(
    realm: Realm,
    method: string,
    rest: string,
    url: URL,
    raw: Buffer,
    contentType: string,
  ): { status: number; body: string } {
    const reply = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });
    try {
      const minor = url.searchParams.get('minorversion');
      if (!minor || Number(minor) < 75) {
        throw new FaultError(
          400,
          '2010',
          'Invalid minorversion',
          'This simulator expects minorversion 75 or higher.',
        );
      }
      const [first, second] = rest.split('/');
      if (first === 'companyinfo' && method === 'GET')
        return reply(200, { CompanyInfo: this.companyInfo(realm), time: nowIso() });
      if (first === 'preferences' && method === 'GET')
        return reply(200, { Preferences: this.preferences(realm), time: nowIso() });
      if (first === 'query') {
        const text = method === 'GET' ? (url.searchParams.get('query') ?? '') : raw.toString();
        return reply(200, { QueryResponse: this.query(realm, text), time: nowIso() });
      }
      if (first === 'cdc' && method === 'GET') return reply(200, this.cdc(realm, url));
      if (first === 'batch' && method === 'POST') return reply(200, this.batch(realm, this.json(raw)));
      if (first === 'upload' && method === 'POST') return reply(200, this.upload(realm, raw, contentType));
      if (first === 'taxservice' && second === 'taxcode' && method === 'POST')
        return reply(200, this.taxService(realm, this.json(raw)));
      const entity = ENTITY_BY_PATH[first ?? ''];
      if (!entity)
        throw new FaultError(400, '2010', 'Unsupported Operation', `Operation ${rest} is not supported.`);
      if (method === 'GET' && second) {
        const record = this.get(realm, entity, second);
        if (!record) throw this.notFound(entity, second);
        return reply(200, { [entity]: record, time: nowIso() });
      }
      if (method === 'POST') {
        const input = this.json(raw) as Rec;
        const op = url.searchParams.get('operation') ?? (input.Id !== undefined ? 'update' : 'create');
        const include = url.searchParams.get('include') ?? '';
        this.countContent([`${op} ${entity}`]);
        const record = this.write(
          realm,
          entity,
          op,
          this.json(raw),
          include.includes('allowduplicatedocnum'),
        );
        return reply(200, { [entity]: record, time: nowIso() });
      }
      throw new FaultError(400, '2010', 'Unsupported Operation', `${method} ${rest}`);
    } catch (error) {
      if (error instanceof FaultError) return reply(error.status, faultBody([error]));
      if (error instanceof QueryError) {
        return reply(
          400,
          faultBody([
            new FaultError(400, '4000', 'Error parsing query', `QueryParserError: ${error.message}`),
          ]),
        );
      }
      throw error;
    }
  }

  private json(raw: Buffer): unknown {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      throw new FaultError(
        400,
        '2010',
        'Request has invalid or unsupported property',
        'The request body is not JSON.',
      );
    }
  }

  private table(realm: Realm, entity: string): Map<string, Rec> {
    let table = realm.entities.get(entity);
    if (!table) realm.entities.set(entity, (table = new Map()));
    return table;
  }

  private touch(record: Rec): void {
    record.SyncToken = String(Number(record.SyncToken ?? 0) + 1);
    const meta = (record.MetaData as Rec | undefined) ?? {};
    record.MetaData = { ...meta, LastUpdatedTime: nowIso() };
  }

  private notFound(entity: string, id: string): FaultError {
    return new FaultError(
      400,
      '610',
      'Object Not Found',
      `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (${entity} ${id})`,
    );
  }

  companyInfo(realm: Realm): Rec {
    return {
      Id: '1',
      SyncToken: '1',
      CompanyName: realm.options.companyName,
      LegalName: realm.options.companyName,
      Country: realm.options.country,
      CompanyAddr: { Line1: '1 Main St', City: 'Springfield', Country: realm.options.country },
      SupportedLanguages: 'en',
      NameValue: [
        {
          Name: 'OfferingSku',
          Value: realm.options.purchaseOrders ? 'QuickBooks Online Plus' : 'QuickBooks Online Essentials',
        },
        { Name: 'SubscriptionStatus', Value: 'SUBSCRIBED' },
      ],
      domain: 'QBO',
    };
  }

  preferences(realm: Realm): Rec {
    const o = realm.options;
    return {
      Id: '1',
      SyncToken: '3',
      domain: 'QBO',
      AccountingInfoPrefs: {
        TrackDepartments: o.trackDepartments,
        DepartmentTerminology: 'Location',
        ClassTrackingPerTxn: o.classTracking === 'txn',
        ClassTrackingPerTxnLine: o.classTracking === 'line',
        CustomerTerminology: 'Customers',
        ...(o.bookCloseDate ? { BookCloseDate: o.bookCloseDate } : {}),
      },
      ProductAndServicesPrefs: { ForPurchase: true, ForSales: true, QuantityOnHand: true },
      VendorAndPurchasesPrefs: { TrackingByCustomer: true, BillableExpenseTracking: true },
      CurrencyPrefs: { MultiCurrencyEnabled: o.multiCurrency, HomeCurrency: { value: o.homeCurrency } },
      TaxPrefs: { UsingSalesTax: o.country === 'US' },
      OtherPrefs: {
        NameValue: [
          { Name: 'WarnDuplicateBillNumber', Value: String(o.warnDuplicateBillNumber) },
          { Name: 'ProjectsEnabled', Value: 'true' },
        ],
      },
    };
  }

  private countContent(kinds: Iterable<string>): void {
    for (const kind of new Set(kinds)) this.stats.byContent[kind] = (this.stats.byContent[kind] ?? 0) + 1;
  }

  private query(realm: Realm, text: string, counted = false): Rec {
    const q = parseQuery(text);
    if (!counted) this.countContent([`query ${q.entity}`]);
    const entity = Object.values(ENTITY_BY_PATH).find((e) => e.toLowerCase() === q.entity.toLowerCase());
    if (!entity) throw new QueryError(`Invalid table name ${q.entity}`);
    let rows = this.records(realm, entity);
    const filtersActive = q.where.some((c) => c.field.toLowerCase() === 'active');
    if (NAME_LISTS.has(entity) && !filtersActive) rows = rows.filter((r) => r.Active !== false);
    rows = rows.filter((r) => q.where.every((c) => matches(r, c)));
    if (q.count) return { totalCount: rows.length };
    if (q.orderBy) {
      const { field, desc } = q.orderBy;
      rows = [...rows].sort((a, b) => {
        const x = String(fieldValue(a, field) ?? '');
        const y = String(fieldValue(b, field) ?? '');
        return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
      });
    } else rows = [...rows].sort((a, b) => Number(a.Id) - Number(b.Id));
    const page = rows.slice(q.startPosition - 1, q.startPosition - 1 + q.maxResults);
    return page.length === 0
      ? { startPosition: q.startPosition, maxResults: 0 }
      : { [entity]: page, startPosition: q.startPosition, maxResults: page.length };
  }

  private cdc(realm: Realm, url: URL): Rec {
    const entities = (url.searchParams.get('entities') ?? '').split(',').filter(Boolean);
    const since = url.searchParams.get('changedSince') ?? '';
    if (!since || Number.isNaN(Date.parse(since))) {
      throw new FaultError(400, '2010', 'Invalid changedSince', 'changedSince must be a date-time.');
    }
    if (Date.now() - Date.parse(since) > 30 * 24 * 3600_000) {
      throw new FaultError(
        400,
        '2010',
        'Invalid changedSince',
        'changedSince may look back at most 30 days.',
      );
    }
    const sinceMs = Date.parse(since);
    const changedAt = (r: Rec) => Date.parse(String((r.MetaData as Rec).LastUpdatedTime));
    // At most 1000 objects per answer, oldest changes first, as Intuit documents.
    const all = entities
      .flatMap((name) => {
        const entity = ENTITY_BY_PATH[name.toLowerCase()];
        if (!entity) throw new FaultError(400, '2010', 'Invalid entity', name);
        return [...this.table(realm, entity).values()]
          .filter((r) => changedAt(r) > sinceMs)
          .map((r) => ({ entity, r }));
      })
      .sort((a, b) => changedAt(a.r) - changedAt(b.r))
      .slice(0, 1000);
    const parts = entities.map((name) => {
      const entity = ENTITY_BY_PATH[name.toLowerCase()]!;
      const rows = all.filter((x) => x.entity === entity).map((x) => x.r);
      return { [entity]: rows, startPosition: 1, maxResults: rows.length };
    });
    return { CDCResponse: [{ QueryResponse: parts }], time: nowIso() };
  }

  private batch(realm: Realm, body: unknown): Rec {
    const items = (body as Rec).BatchItemRequest;
    if (!Array.isArray(items))
      throw new FaultError(400, '2010', 'Invalid batch', 'BatchItemRequest is required.');
    if (items.length > this.limits.batchItems) {
      throw new FaultError(
        400,
        '2010',
        'Batch too large',
        `A batch holds at most ${this.limits.batchItems} items.`,
      );
    }
    this.countContent(
      (items as Rec[]).map((item) => {
        if (typeof item.Query === 'string') return `query ${/\bFROM\s+(\w+)/i.exec(item.Query)?.[1] ?? '?'}`;
        const entity = Object.keys(item).find((k) => ENTITY_BY_PATH[k.toLowerCase()] === k) ?? '?';
        return `${String(item.operation ?? 'create')} ${entity}`;
      }),
    );
    const responses = (items as Rec[]).map((item) => {
      const bId = String(item.bId ?? '');
      try {
        if (typeof item.Query === 'string')
          return { bId, QueryResponse: this.query(realm, item.Query, true) };
        const entityKey = Object.keys(item).find((k) => ENTITY_BY_PATH[k.toLowerCase()] === k);
        if (!entityKey)
          throw new FaultError(400, '2010', 'Invalid batch item', 'No entity in the batch item.');
        const op = String(item.operation ?? 'create');
        const record = this.write(
          realm,
          entityKey,
          op,
          item[entityKey],
          String(item.optionsData ?? '').includes('allowduplicatedocnum'),
        );
        return { bId, [entityKey]: record };
      } catch (error) {
        if (error instanceof FaultError) return { bId, Fault: (faultBody([error]) as { Fault: Rec }).Fault };
        if (error instanceof QueryError)
          return {
            bId,
            Fault: {
              Error: [{ Message: 'Error parsing query', Detail: error.message, code: '4000' }],
              type: 'ValidationFault',
            },
          };
        throw error;
      }
    });
    return { BatchItemResponse: responses, time: nowIso() };
  }

  private schemaFault(problems: { path: string; message: string }[]): FaultError {
    const first = problems[0]!;
    return new FaultError(
      400,
      '2010',
      'Request has invalid or unsupported property',
      `Property Name:${first.path} specified is unsupported or invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      'ValidationFault',
      first.path,
    );
  }

  private write(realm: Realm, entity: string, op: string, body: unknown, allowDuplicate: boolean): Rec {
    this.received.push({ method: op, path: entity, body });
    const problems = validateEntity(entity, body);
    if (problems.length > 0) throw this.schemaFault(problems);
    const input = body as Rec;
    const table = this.table(realm, entity);
    if (op === 'delete') {
      const current = this.get(realm, entity, String(input.Id ?? ''));
      if (!current) throw this.notFound(entity, String(input.Id));
      if (NAME_LISTS.has(entity))
        throw new FaultError(
          400,
          '6000',
          'A business validation error has occurred',
          'Name list entities cannot be deleted; make them inactive.',
        );
      this.checkSyncToken(current, input);
      if (current.TxnDate) this.checkClosed(realm, String(current.TxnDate));
      if (entity === 'BillPayment' || entity === 'Purchase')
        this.applyBillPayment(realm, current, -1, entity);
      if (entity === 'Bill' || entity === 'PurchaseOrder') this.unlinkFromPo(realm, current);
      table.set(String(current.Id), {
        Id: current.Id,
        status: 'Deleted',
        domain: 'QBO',
        MetaData: { LastUpdatedTime: nowIso() },
      });
      return { Id: current.Id, status: 'Deleted', domain: 'QBO' };
    }
    let next: Rec;
    if (op === 'update') {
      const current = this.get(realm, entity, String(input.Id ?? ''));
      if (!current) throw this.notFound(entity, String(input.Id));
      this.checkSyncToken(current, input);
      const { sparse, ...changes } = input;
      next =
        sparse === true
          ? { ...current, ...changes }
          : { Id: current.Id, SyncToken: current.SyncToken, MetaData: current.MetaData, ...changes };
      this.touch(next);
    } else if (op === 'create') {
      if (input.Id !== undefined)
        throw new FaultError(400, '2010', 'Invalid Id', 'Id must not be given on create.');
      next = {
        ...(NAME_LISTS.has(entity) ? { Active: true } : {}),
        ...input,
        Id: String(realm.nextId++),
        SyncToken: '0',
        domain: 'QBO',
        MetaData: { CreateTime: nowIso(), LastUpdatedTime: nowIso() },
      };
    } else throw new FaultError(400, '2010', 'Unsupported operation', op);
    this.checkRules(realm, entity, next, allowDuplicate);
    if (entity === 'Bill' && op === 'update') {
      const before = this.get(realm, 'Bill', String(next.Id))!;
      this.unlinkFromPo(realm, before);
    }
    if (['PurchaseOrder', 'Bill', 'VendorCredit', 'Purchase'].includes(entity))
      this.computeTotals(realm, entity, next);
    if (entity === 'Bill') this.linkToPo(realm, next);
    table.set(String(next.Id), next);
    return next;
  }

  /**
   * Foreign currencies need multicurrency on, and a vendor's transactions are in the vendor's own currency (a
   * vendor without CurrencyRef is in the home currency), as QuickBooks enforces.
   */
  private checkCurrency(realm: Realm, record: Rec, vendor: Rec | null): void {
    const home = realm.options.homeCurrency;
    const currency = String((record.CurrencyRef as Rec | undefined)?.value ?? home);
    if (currency !== home && !realm.options.multiCurrency) {
      throw new FaultError(
        400,
        '6000',
        'A business validation error has occurred while processing your request',
        `Business Validation Error: Multicurrency is not turned on for this company; transactions must be in ${home}.`,
      );
    }
    if (!vendor) return;
    const vendorCurrency = String((vendor.CurrencyRef as Rec | undefined)?.value ?? home);
    if (vendorCurrency !== currency) {
      throw new FaultError(
        400,
        '6000',
        'A business validation error has occurred while processing your request',
        `Business Validation Error: The currency of the transaction (${currency}) must match the vendor's currency (${vendorCurrency}).`,
      );
    }
  }

  private checkSyncToken(current: Rec, input: Rec): void {
    if (input.SyncToken !== current.SyncToken) {
      throw new FaultError(
        400,
        '5010',
        'Stale Object Error',
        `Stale Object Error : You and ${'another user'} were working on this at the same time. ${String(input.SyncToken)} != ${String(current.SyncToken)}`,
      );
    }
  }

  private checkClosed(realm: Realm, txnDate: string): void {
    const close = realm.options.bookCloseDate;
    if (close && txnDate <= close) {
      throw new FaultError(400, '5010', 'Account Period Closed', 'The account period has closed.');
    }
  }

  private ref(realm: Realm, entity: string, value: unknown, element: string): Rec {
    const id = typeof value === 'object' && value !== null ? (value as Rec).value : undefined;
    if (typeof id !== 'string')
      throw new FaultError(
        400,
        '2020',
        'Required param missing, need to supply the required value for the API',
        `Required parameter ${element} is missing in the request`,
        'ValidationFault',
        element,
      );
    const record = this.get(realm, entity, id);
    if (!record || record.Active === false) throw this.notFound(entity, id);
    return record;
  }

  private checkRules(realm: Realm, entity: string, record: Rec, allowDuplicate: boolean): void {
    const o = realm.options;
    if (['Vendor', 'Customer', 'Employee'].includes(entity)) {
      const name = record.DisplayName;
      if (typeof name !== 'string' || name.trim() === '') {
        throw new FaultError(
          400,
          '2020',
          'Required param missing, need to supply the required value for the API',
          'Required parameter DisplayName is missing in the request',
        );
      }
      if (name.includes(':'))
        throw new FaultError(400, '2050', 'Invalid String', 'DisplayName cannot contain a colon (:).');
      for (const other of ['Vendor', 'Customer', 'Employee']) {
        const clash = this.records(realm, other).find(
          (r) => r.Id !== record.Id && String(r.DisplayName).toLowerCase() === name.toLowerCase(),
        );
        if (clash) {
          throw new FaultError(
            400,
            '6240',
            'Duplicate Name Exists Error',
            `The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name. Id=${String(clash.Id)}`,
          );
        }
      }
      return;
    }
    if (entity === 'PurchaseOrder' && !o.purchaseOrders) {
      throw new FaultError(
        400,
        '6000',
        'A business validation error has occurred while processing your request',
        'Business Validation Error: Purchase orders are not available with your QuickBooks Online subscription. Upgrade to Plus or Advanced.',
      );
    }
    if (!TXN_NEEDS_VENDOR.has(entity) && entity !== 'Purchase') return;
    const vendor = TXN_NEEDS_VENDOR.has(entity)
      ? this.ref(realm, 'Vendor', record.VendorRef, 'VendorRef')
      : null;
    this.checkCurrency(realm, record, vendor);
    if (record.TxnDate) this.checkClosed(realm, String(record.TxnDate));
    if (record.APAccountRef) {
      const ap = this.ref(realm, 'Account', record.APAccountRef, 'APAccountRef');
      if (ap.AccountType !== 'Accounts Payable')
        throw new FaultError(
          400,
          '6000',
          'A business validation error has occurred',
          'APAccountRef must be an Accounts Payable account.',
        );
    }
    if (record.DepartmentRef) {
      if (!o.trackDepartments)
        throw new FaultError(
          400,
          '6000',
          'A business validation error has occurred',
          'Location tracking is off in this company.',
        );
      this.ref(realm, 'Department', record.DepartmentRef, 'DepartmentRef');
    }
    if (record.ClassRef) {
      if (o.classTracking !== 'txn')
        throw new FaultError(
          400,
          '6000',
          'A business validation error has occurred',
          'Class tracking per transaction is off in this company.',
        );
      this.ref(realm, 'Class', record.ClassRef, 'ClassRef');
    }
    if (entity === 'BillPayment') return;
    const lines = record.Line;
    if (!Array.isArray(lines) || lines.length === 0) {
      throw new FaultError(
        400,
        '2020',
        'Required param missing, need to supply the required value for the API',
        'Required parameter Line is missing in the request',
      );
    }
    const nonUs = o.country !== 'US';
    if (nonUs && record.GlobalTaxCalculation === undefined && entity !== 'PurchaseOrder') {
      // QuickBooks defaults it; nothing to reject, but the simulator records what it assumed.
      record.GlobalTaxCalculation = 'TaxExcluded';
    }
    (lines as Rec[]).forEach((line, i) => {
      const at = `Line[${i}]`;
      if (typeof line.Amount !== 'number')
        throw new FaultError(
          400,
          '2020',
          'Required param missing',
          `Required parameter Line.Amount is missing (${at})`,
        );
      const kind = line.DetailType;
      const detail = line[String(kind)] as Rec | undefined;
      if (kind !== 'ItemBasedExpenseLineDetail' && kind !== 'AccountBasedExpenseLineDetail') {
        throw new FaultError(
          400,
          '6000',
          'A business validation error has occurred',
          `${at}: ${String(kind)} lines are not allowed on a ${entity}.`,
        );
      }
      if (!detail) throw new FaultError(400, '2020', 'Required param missing', `${at}: ${kind} is missing`);
      if (kind === 'ItemBasedExpenseLineDetail') {
        this.ref(realm, 'Item', detail.ItemRef, `${at}.ItemRef`);
        if (typeof detail.Qty === 'number' && typeof detail.UnitPrice === 'number') {
          if (Math.abs(round2(detail.Qty * detail.UnitPrice) - line.Amount) > 0.01) {
            throw new FaultError(
              400,
              '6070',
              'Amount is not equal to UnitPrice * Qty',
              `${at}: Amount ${line.Amount} is not equal to UnitPrice ${detail.UnitPrice} * Qty ${detail.Qty}`,
            );
          }
        }
      } else this.ref(realm, 'Account', detail.AccountRef, `${at}.AccountRef`);
      if (detail.ClassRef) {
        if (o.classTracking !== 'line')
          throw new FaultError(
            400,
            '6000',
            'A business validation error has occurred',
            `${at}: class tracking per line is off in this company.`,
          );
        this.ref(realm, 'Class', detail.ClassRef, `${at}.ClassRef`);
      }
      if (detail.CustomerRef) this.ref(realm, 'Customer', detail.CustomerRef, `${at}.CustomerRef`);
      if (nonUs) {
        if (!detail.TaxCodeRef)
          throw new FaultError(
            400,
            '6000',
            'A business validation error has occurred while processing your request',
            'Business Validation Error: Make sure all your transactions have a VAT rate before you save.',
          );
        this.ref(realm, 'TaxCode', detail.TaxCodeRef, `${at}.TaxCodeRef`);
      }
      if (Array.isArray(line.LinkedTxn)) {
        for (const link of line.LinkedTxn as Rec[]) {
          if (link.TxnType !== 'PurchaseOrder' || !link.TxnId || !link.TxnLineId) {
            throw new FaultError(
              400,
              '6000',
              'A business validation error has occurred',
              `${at}: a linked transaction needs TxnId, TxnType PurchaseOrder and TxnLineId.`,
            );
          }
          const po = this.get(realm, 'PurchaseOrder', String(link.TxnId));
          if (!po) throw this.notFound('PurchaseOrder', String(link.TxnId));
          if (!(po.Line as Rec[]).some((l) => l.Id === link.TxnLineId))
            throw this.notFound('PurchaseOrder line', String(link.TxnLineId));
        }
      }
    });
    if (entity === 'Bill' && record.DocNumber && o.warnDuplicateBillNumber && !allowDuplicate) {
      const vendor = (record.VendorRef as Rec).value;
      const clash = this.records(realm, 'Bill').find(
        (b) =>
          b.Id !== record.Id && b.DocNumber === record.DocNumber && (b.VendorRef as Rec).value === vendor,
      );
      if (clash)
        throw new FaultError(
          400,
          '6140',
          'Duplicate Document Number Error',
          `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${String(record.DocNumber)} is assigned to TxnType=Bill with TxnId=${String(clash.Id)}`,
        );
    }
    if (typeof record.DocNumber === 'string' && record.DocNumber.length > 21) {
      throw new FaultError(
        400,
        '6000',
        'A business validation error has occurred',
        'String length is either shorter or longer than supported by specification. Min:0 Max:21 (DocNumber)',
      );
    }
  }

  /** TotalAmt (and Balance on bills) as QuickBooks computes them; non-US tax from each line's purchase tax code. */
  private computeTotals(realm: Realm, entity: string, record: Rec): void {
    const lines = record.Line as Rec[];
    let net = 0;
    let tax = 0;
    lines.forEach((line, i) => {
      line.Id = String(i + 1);
      line.LineNum = i + 1;
      const amount = Number(line.Amount);
      net += amount;
      if (realm.options.country !== 'US') {
        const detail = line[String(line.DetailType)] as Rec;
        const code = this.get(realm, 'TaxCode', String((detail.TaxCodeRef as Rec).value))!;
        const rateIds =
          ((code.PurchaseTaxRateList as Rec | undefined)?.TaxRateDetail as Rec[] | undefined) ?? [];
        for (const r of rateIds) {
          const rate = this.get(realm, 'TaxRate', String((r.TaxRateRef as Rec).value));
          const lineTax = (amount * Number(rate?.RateValue ?? 0)) / 100;
          tax += Math.sign(lineTax) * round2(Math.abs(lineTax));
        }
      }
    });
    const inclusive = record.GlobalTaxCalculation === 'TaxInclusive';
    const total = round2(inclusive ? net : net + tax);
    record.TotalAmt = total;
    if (realm.options.country !== 'US') record.TxnTaxDetail = { TotalTax: round2(tax) };
    if (entity === 'Bill') {
      if (total < 0)
        throw new FaultError(
          400,
          '6000',
          'A business validation error has occurred',
          'Bill total cannot be negative.',
        );
      const paid = this.paidOn(realm, String(record.Id));
      record.Balance = round2(total - paid);
    }
    if (entity === 'PurchaseOrder') record.POStatus ??= 'Open';
  }

  private paidOn(realm: Realm, billId: string): number {
    let paid = 0;
    for (const entity of ['BillPayment', 'Purchase']) {
      for (const p of this.records(realm, entity)) paid += this.paysBills(realm, entity, p).get(billId) ?? 0;
    }
    return round2(paid);
  }

  /**
   * What a bill payment or a cheque (a Purchase of PaymentType Check) pays on each bill: a line linked to a bill
   * pays its Amount; a cheque linked to bills only on itself (Transaction.LinkedTxn) pays its total to them in
   * order, each at most its own total.
   */
  private paysBills(realm: Realm, entity: string, payment: Rec): Map<string, number> {
    const paid = new Map<string, number>();
    if (entity === 'Purchase' && payment.PaymentType !== 'Check') return paid;
    const add = (bill: string, amount: number) => paid.set(bill, round2((paid.get(bill) ?? 0) + amount));
    const billLinks = (links: unknown) =>
      ((links as Rec[] | undefined) ?? [])
        .filter((l) => l.TxnType === 'Bill' && l.TxnId)
        .map((l) => String(l.TxnId));
    for (const line of (payment.Line as Rec[] | undefined) ?? []) {
      const [bill] = billLinks(line.LinkedTxn);
      if (bill && line.Amount !== undefined) add(bill, Number(line.Amount));
    }
    if (entity === 'Purchase' && paid.size === 0) {
      let left = Number(payment.TotalAmt ?? 0);
      const bills = billLinks(payment.LinkedTxn);
      for (const bill of bills) {
        const total = bills.length === 1 ? left : Number(this.get(realm, 'Bill', bill)?.TotalAmt ?? 0);
        const share = Math.min(left, total);
        if (share <= 0) continue;
        add(bill, share);
        left = round2(left - share);
      }
    }
    return paid;
  }

  private applyBillPayment(realm: Realm, payment: Rec, sign: 1 | -1, entity = 'BillPayment'): void {
    for (const [billId, amount] of this.paysBills(realm, entity, payment)) {
      const bill = this.table(realm, 'Bill').get(billId);
      if (!bill || bill.status === 'Deleted') continue;
      bill.Balance = round2(Number(bill.Balance) - sign * amount);
      this.touch(bill);
    }
  }

  private linkToPo(realm: Realm, bill: Rec): void {
    for (const line of bill.Line as Rec[]) {
      for (const link of (line.LinkedTxn as Rec[] | undefined) ?? []) {
        const po = this.get(realm, 'PurchaseOrder', String(link.TxnId));
        if (!po) continue;
        po.LinkedTxn = [
          ...((po.LinkedTxn as Rec[] | undefined) ?? []).filter((l) => l.TxnId !== bill.Id),
          { TxnId: bill.Id, TxnType: 'Bill' },
        ];
        const lines = po.Line as Rec[];
        const target = lines.find((l) => l.Id === link.TxnLineId);
        if (target) target.Received = round2(Number(target.Received ?? 0) + Number(line.Amount));
        if (lines.every((l) => Number(l.Received ?? 0) >= Number(l.Amount))) po.POStatus = 'Closed';
        this.touch(po);
      }
    }
  }

  private unlinkFromPo(realm: Realm, bill: Rec): void {
    for (const line of (bill.Line as Rec[] | undefined) ?? []) {
      for (const link of (line.LinkedTxn as Rec[] | undefined) ?? []) {
        const po = this.get(realm, 'PurchaseOrder', String(link.TxnId));
        if (!po) continue;
        const target = (po.Line as Rec[]).find((l) => l.Id === link.TxnLineId);
        if (target) target.Received = round2(Number(target.Received ?? 0) - Number(line.Amount));
        po.LinkedTxn = ((po.LinkedTxn as Rec[] | undefined) ?? []).filter((l) => l.TxnId !== bill.Id);
        po.POStatus = 'Open';
        this.touch(po);
      }
    }
  }

  /**
   * TaxService (POST taxservice/taxcode, non-US companies): a new TaxCode made of new rates (TaxRateName, RateValue,
   * TaxAgencyId) or existing ones (TaxRateId), each applicable on sales or on purchases. Answers the TaxService
   * object itself, with TaxCodeId and each rate's TaxRateId filled in. Names are unique per list, as in QuickBooks.
   */
  private taxService(realm: Realm, body: unknown): Rec {
    this.received.push({ method: 'create', path: 'TaxService', body });
    const problems = validateEntity('TaxService', body);
    if (problems.length > 0) throw this.schemaFault(problems);
    const input = body as Rec;
    const business = (detail: string) =>
      new FaultError(
        400,
        '6000',
        'A business validation error has occurred while processing your request',
        detail,
      );
    if (realm.options.country === 'US') {
      throw business(
        'Business Validation Error: This company uses automated sales tax; tax codes cannot be created through the API.',
      );
    }
    const name = input.TaxCode;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
      throw new FaultError(
        400,
        '2020',
        'Required param missing, need to supply the required value for the API',
        'Required parameter TaxCode is missing in the request (at most 100 characters)',
        'ValidationFault',
        'TaxCode',
      );
    }
    const details = input.TaxRateDetails;
    if (!Array.isArray(details) || details.length === 0) {
      throw new FaultError(
        400,
        '2020',
        'Required param missing, need to supply the required value for the API',
        'Required parameter TaxRateDetails is missing in the request',
        'ValidationFault',
        'TaxRateDetails',
      );
    }
    const duplicate = (entity: string, value: string) =>
      this.records(realm, entity).find((r) => String(r.Name).toLowerCase() === value.toLowerCase());
    if (duplicate('TaxCode', name)) {
      throw new FaultError(
        400,
        '6240',
        'Duplicate Name Exists Error',
        `The name supplied already exists. : Another tax code is already using this name (${name}).`,
      );
    }
    // Everything is checked before anything is written: a refused request leaves no half-made rates behind.
    const planned = (details as Rec[]).map((d, i) => {
      const at = `TaxRateDetails[${i}]`;
      const applicableOn = String(d.TaxApplicableOn ?? 'Sales');
      if (applicableOn !== 'Sales' && applicableOn !== 'Purchase')
        throw business(`${at}: TaxApplicableOn must be Sales or Purchase.`);
      if (d.TaxRateId !== undefined) {
        const rate = this.get(realm, 'TaxRate', String(d.TaxRateId));
        if (!rate || rate.Active === false) throw this.notFound('TaxRate', String(d.TaxRateId));
        return { existing: rate, applicableOn };
      }
      const rateName = d.TaxRateName;
      if (typeof rateName !== 'string' || rateName.trim() === '' || typeof d.RateValue !== 'number')
        throw new FaultError(
          400,
          '2020',
          'Required param missing, need to supply the required value for the API',
          `${at}: a new tax rate needs TaxRateName, RateValue and TaxAgencyId (or give TaxRateId)`,
          'ValidationFault',
          at,
        );
      if (d.RateValue < 0 || d.RateValue > 100) throw business(`${at}: RateValue must be between 0 and 100.`);
      const agency = this.get(realm, 'TaxAgency', String(d.TaxAgencyId ?? ''));
      if (!agency) throw this.notFound('TaxAgency', String(d.TaxAgencyId ?? ''));
      if (duplicate('TaxRate', rateName))
        throw new FaultError(
          400,
          '6240',
          'Duplicate Name Exists Error',
          `The name supplied already exists. : Another tax rate is already using this name (${rateName}).`,
        );
      return { existing: null, rateName, rateValue: d.RateValue, agencyId: String(agency.Id), applicableOn };
    });
    const rates = planned.map((p) =>
      p.existing
        ? { rate: p.existing, applicableOn: p.applicableOn }
        : {
            rate: this.seed(realm, 'TaxRate', {
              Name: p.rateName,
              RateValue: p.rateValue,
              AgencyRef: { value: p.agencyId },
              SpecialTaxType: 'NONE',
              DisplayType: 'ReadOnly',
            }),
            applicableOn: p.applicableOn,
          },
    );
    const listOf = (on: string) => ({
      TaxRateDetail: rates
        .filter((r) => r.applicableOn === on)
        .map((r, order) => ({
          TaxRateRef: { value: r.rate.Id, name: r.rate.Name },
          TaxTypeApplicable: 'TaxOnAmount',
          TaxOrder: order,
        })),
    });
    const code = this.seed(realm, 'TaxCode', {
      Name: name,
      Description: name,
      Taxable: true,
      TaxGroup: rates.length > 1,
      SalesTaxRateList: listOf('Sales'),
      PurchaseTaxRateList: listOf('Purchase'),
    });
    return {
      TaxCode: name,
      TaxCodeId: code.Id,
      TaxRateDetails: rates.map((r) => ({
        TaxRateName: r.rate.Name,
        TaxRateId: r.rate.Id,
        RateValue: r.rate.RateValue,
        TaxAgencyId: (r.rate.AgencyRef as Rec).value,
        TaxApplicableOn: r.applicableOn,
      })),
    };
  }

  /**
   * Attachable upload (POST /upload): multipart/form-data whose parts come in pairs by suffix, a JSON Attachable
   * ("file_metadata_NN", judged against Intuit's schema; FileName required) and the file ("file_content_NN", its
   * name and Content-Type in its part headers). Each file is kept as an Attachable, as QuickBooks keeps it, and
   * recorded in `uploads` with its bytes' hash; the answer is an AttachableResponse per file, in order.
   */
  private upload(realm: Realm, raw: Buffer, contentType: string): Rec {
    const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
    if (!/^multipart\/form-data/i.test(contentType) || !boundary)
      throw new FaultError(400, '2010', 'Invalid multipart', 'The upload is not multipart/form-data.');
    const parts = raw.toString('latin1').split(`--${boundary}`).slice(1, -1);
    const metadata = new Map<string, Rec>();
    const files = new Map<string, { name: string; type: string; bytes: Buffer }>();
    for (const part of parts) {
      const [head = '', ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
      const content = rest.join('\r\n\r\n').replace(/\r\n$/, '');
      const name = /name="([^"]+)"/.exec(head)?.[1] ?? '';
      const suffix = /^file_(?:metadata|content)_(\w+)$/.exec(name)?.[1];
      if (!suffix) continue;
      if (name.startsWith('file_metadata')) {
        if (!/Content-Type: application\/json/i.test(head))
          throw new FaultError(400, '2010', 'Invalid multipart', `${name} must be application/json.`);
        metadata.set(suffix, JSON.parse(Buffer.from(content, 'latin1').toString('utf8')) as Rec);
      } else {
        files.set(suffix, {
          name: /filename="([^"]+)"/.exec(head)?.[1] ?? '',
          type: /Content-Type: ([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream',
          bytes: Buffer.from(content, 'latin1'),
        });
      }
    }
    if (files.size === 0)
      throw new FaultError(400, '2010', 'Invalid multipart', 'No file_content_NN part was sent.');
    const answers: Rec[] = [];
    for (const [suffix, file] of files) {
      const meta = metadata.get(suffix);
      if (!meta)
        throw new FaultError(
          400,
          '2010',
          'Invalid multipart',
          `file_content_${suffix} has no file_metadata_${suffix}.`,
        );
      const problems = validateEntity('Attachable', meta);
      if (problems.length > 0) throw this.schemaFault(problems);
      if (typeof meta.FileName !== 'string' || meta.FileName === '')
        throw new FaultError(
          400,
          '2020',
          'Required param missing',
          'FileName is required for a file attachment.',
        );
      const refs = (meta.AttachableRef as Rec[] | undefined) ?? [];
      for (const ref of refs) {
        const entityRef = ref.EntityRef as Rec;
        const entity = ENTITY_BY_PATH[String(entityRef.type).toLowerCase()];
        if (!entity || !this.get(realm, entity, String(entityRef.value)))
          throw this.notFound(String(entityRef.type), String(entityRef.value));
      }
      const record = this.seed(realm, 'Attachable', {
        ...meta,
        FileName: meta.FileName,
        ContentType: (meta.ContentType as string | undefined) ?? file.type,
        Size: file.bytes.length,
      });
      this.uploads.push({
        realmId: realm.id,
        attachableId: String(record.Id),
        fileName: String(meta.FileName),
        partFileName: file.name,
        contentType: file.type,
        size: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        entityRefs: refs.map((r) => ({
          type: String((r.EntityRef as Rec).type),
          value: String((r.EntityRef as Rec).value),
        })),
      });
      answers.push({ Attachable: record });
    }
    return { AttachableResponse: answers, time: nowIso() };
  }
}

export async function startQboSimulator(): Promise<QboSimulator> {
  const sim = new QboSimulator();
  await sim.start();
  return sim;
}
