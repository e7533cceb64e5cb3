// A NetSuite account on 127.0.0.1 for the tests: REST Record API (create, GET, PATCH, DELETE, upsert by external id
// with PUT …/eid:<externalId>, transforms), SuiteQL (limit/offset paging, ordered by id), and both ways in — it
// recomputes every OAuth 1.0a HMAC-SHA256 signature from RFC 5849's rules (its own code, not the client's library)
// and verifies client-credential JWT assertions with the certificate's public key. It answers like NetSuite: 204 with
// Location on create, o:errorDetails with o:errorCode on errors, externalId unique per record type, closed posting
// periods, role permissions, inactive references; vendorBill and vendor bodies are checked against the OpenAPI subset.
import type { SeedVendor } from '../supplier-lists.js';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { importSPKI, jwtVerify, decodeProtectedHeader } from 'jose';
import { coversRecord, validateRecord } from './oas.js';
import { runSuiteQl, SuiteQlError, type Row } from './suiteql.js';

type Rec = Record<string, unknown> & { id: string };
type Line = Record<string, unknown> & { line: number };

export class NsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errorPath?: string,
  ) {
    super(detail);
  }
}

/** RFC 5849 §3.6: every byte but ALPHA / DIGIT / '-' / '.' / '_' / '~' is percent-encoded, in upper-case hex. */
export function rfc5849Encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** RFC 5849 §3.4.1: METHOD & base URI & normalized parameters (query, form body, oauth_* but signature and realm). */
export function signatureBaseString(
  method: string,
  url: URL,
  oauthParams: Record<string, string>,
  formBody = '',
): string {
  const pairs: [string, string][] = [];
  for (const [k, v] of url.searchParams) pairs.push([k, v]);
  if (formBody) for (const [k, v] of new URLSearchParams(formBody)) pairs.push([k, v]);
  for (const [k, v] of Object.entries(oauthParams))
    if (k !== 'oauth_signature' && k !== 'realm') pairs.push([k, v]);
  const encoded = pairs.map(([k, v]) => [rfc5849Encode(k), rfc5849Encode(v)] as const);
  encoded.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const normalized = encoded.map(([k, v]) => `${k}=${v}`).join('&');
  const defaultPort =
    (url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443');
  const base = `${url.protocol.toLowerCase()}//${url.hostname.toLowerCase()}${url.port && !defaultPort ? `:${url.port}` : ''}${url.pathname}`;
  return [method.toUpperCase(), rfc5849Encode(base), rfc5849Encode(normalized)].join('&');
}

export function parseOAuthHeader(header: string): Record<string, string> | null {
  if (!/^OAuth\s/i.test(header)) return null;
  const params: Record<string, string> = {};
  for (const m of header.slice(6).matchAll(/([\w]+)="([^"]*)"/g)) params[m[1]!] = decodeURIComponent(m[2]!);
  return params;
}

const PERMISSIONS: Record<string, string> = {
  purchaseOrder: 'Transactions -> Purchase Order',
  vendorBill: 'Transactions -> Bills',
  itemReceipt: 'Transactions -> Item Receipt',
  vendor: 'Lists -> Vendors',
  vendorPayment: 'Transactions -> Pay Bills',
};
const TRANSACTIONS = new Set(['purchaseOrder', 'vendorBill', 'itemReceipt', 'vendorPayment']);
/** Header references and the SuiteQL table their id must be found in. */
const REFERENCES: Record<string, string> = {
  entity: 'vendor',
  subsidiary: 'subsidiary',
  location: 'location',
  department: 'department',
  class: 'classification',
  currency: 'currency',
};

export interface SimulatorOptions {
  accountId?: string;
  /** An account whose item and expense lines take a tax code (the oracle's legacy-tax account has none). */
  lineTaxCodes?: boolean;
}

export class NetSuiteSimulator {
  readonly accountId: string;
  lineTaxCodes: boolean;
  private server: http.Server | null = null;
  baseUrl = '';
  private nextId = 100;
  /** REST records by type. */
  readonly records = new Map<string, Rec[]>();
  /** SuiteQL tables that are not REST records here (account, item, department, ...), rows with lower-case columns. */
  readonly tables = new Map<string, Row[]>();
  readonly tba = new Map<string, { consumerSecret: string; tokens: Map<string, string> }>();
  readonly m2m = new Map<string, { clientId: string; publicKeyPem: string }>();
  private readonly accessTokens = new Map<string, number>();
  private readonly nonces = new Set<string>();
  /** Permissions the integration's role lacks (names as in PERMISSIONS). */
  readonly deniedPermissions = new Set<string>();
  /** Closed posting periods, as YYYY-MM. */
  readonly closedPeriods = new Set<string>();
  readonly stats = {
    requests: 0,
    tokensIssued: 0,
    inFlight: 0,
    maxInFlight: 0,
    throttled: 0,
    signaturesChecked: 0,
    /** Requests by kind: 'suiteql', 'token', or '<METHOD> <record type>[ → <transform target>]'. */
    byKind: {} as Record<string, number>,
    /** The most requests that arrived within any 60 seconds. */
    peakPerMinute: 0,
  };
  private readonly arrivals: number[] = [];
  /** Added to every answer (a slow account or network), in milliseconds. */
  latencyMs = 0;
  /** Answer 429 to the next n record or query requests. */
  throttleNext = 0;
  /** The next n SuiteQL queries fail with NetSuite's 500 UNEXPECTED_ERROR. */
  failNextSuiteQl = 0;
  /** Carry out the next write, then drop the connection without answering (a lost answer). */
  dropNextWriteAnswer = false;
  readonly rejected: { path: string; problems: unknown }[] = [];

  constructor(options: SimulatorOptions = {}) {
    this.accountId = options.accountId ?? '1234567_SB1';
    this.lineTaxCodes = options.lineTaxCodes ?? false;
    for (const t of [
      'account',
      'item',
      'department',
      'classification',
      'location',
      'customer',
      'salestaxitem',
      'term',
    ])
      this.tables.set(t, []);
    this.tables.set('currency', [
      { id: '1', symbol: 'USD', name: 'US Dollar', isinactive: 'F' },
      { id: '2', symbol: 'EUR', name: 'Euro', isinactive: 'F' },
      { id: '3', symbol: 'GBP', name: 'British Pound', isinactive: 'F' },
    ]);
    this.tables.set('subsidiary', [{ id: '1', name: 'Northwind US', isinactive: 'F' }]);
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  get tokenUrl(): string {
    return `${this.baseUrl}/services/rest/auth/oauth2/v1/token`;
  }

  connectionSettings(authMethod: 'tba' | 'oauth2-client-credentials'): Record<string, unknown> {
    return { accountId: this.accountId, apiBaseUrl: this.baseUrl, authMethod, subsidiaryId: '1' };
  }

  registerTba(consumerKey: string, consumerSecret: string, tokenId: string, tokenSecret: string): void {
    const app = this.tba.get(consumerKey) ?? { consumerSecret, tokens: new Map<string, string>() };
    app.tokens.set(tokenId, tokenSecret);
    this.tba.set(consumerKey, app);
  }

  registerCertificate(clientId: string, certificateId: string, publicKeyPem: string): void {
    this.m2m.set(certificateId, { clientId, publicKeyPem });
  }

  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** Adds a row to a SuiteQL table (account, item, ...) and returns its id. */
  seedRow(table: string, row: Row): string {
    const id = String(this.nextId++);
    this.tables.get(table)!.push({ isinactive: 'F', ...row, id });
    return id;
  }

  seedRecord(type: string, fields: Record<string, unknown>): Rec {
    const rec: Rec = { ...fields, id: String(this.nextId++), lastModifiedDate: new Date().toISOString() };
    this.list(type).push(rec);
    return rec;
  }

  /** A large vendor list: REST vendor records, optional fields missing where the vendor has none. */
  seedVendors(vendors: readonly SeedVendor[]): void {
    for (const v of vendors) {
      this.seedRecord('vendor', {
        entityId: v.name,
        companyName: v.name,
        isInactive: !v.active,
        ...(v.email ? { email: v.email } : {}),
        ...(v.phone ? { phone: v.phone } : {}),
        ...(v.accountNumber ? { accountNumber: v.accountNumber } : {}),
      });
    }
  }

  list(type: string): Rec[] {
    let list = this.records.get(type);
    if (!list) this.records.set(type, (list = []));
    return list;
  }

  find(type: string, ref: string): Rec | undefined {
    const list = this.list(type);
    if (ref.startsWith('eid:')) return list.find((r) => r.externalId === ref.slice(4));
    return list.find((r) => r.id === ref);
  }

  // ---------- HTTP ----------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.stats.requests++;
    this.stats.inFlight++;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.baseUrl);
    const now = Date.now();
    this.arrivals.push(now);
    while (this.arrivals[0]! <= now - 60_000) this.arrivals.shift();
    this.stats.peakPerMinute = Math.max(this.stats.peakPerMinute, this.arrivals.length);
    const kind = this.kindOf(req.method ?? 'GET', url.pathname);
    this.stats.byKind[kind] = (this.stats.byKind[kind] ?? 0) + 1;
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    try {
      if (url.pathname === '/services/rest/auth/oauth2/v1/token' && req.method === 'POST') {
        this.answer(res, 200, await this.token(body));
        return;
      }
      this.authenticate(req, url);
      if (this.throttleNext > 0) {
        this.throttleNext--;
        this.stats.throttled++;
        throw new NsError(
          429,
          'CONCURRENCY_LIMIT_EXCEEDED',
          'Concurrent request limit exceeded. Request blocked.',
        );
      }
      const json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      if (url.pathname === '/services/rest/query/v1/suiteql' && req.method === 'POST') {
        if (!/transient/i.test(String(req.headers['prefer'] ?? '')))
          throw new NsError(
            400,
            'INVALID_HEADER',
            "Header 'Prefer: transient' is required for SuiteQL queries.",
          );
        if (this.failNextSuiteQl > 0) {
          this.failNextSuiteQl--;
          throw new NsError(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred.');
        }
        this.answer(res, 200, this.suiteql(String(json.q ?? ''), url));
        return;
      }
      const m = /^\/services\/rest\/record\/v1\/(\w+)(?:\/([^/]+))?(?:\/!transform\/(\w+))?\/?$/.exec(
        url.pathname,
      );
      if (!m) throw new NsError(404, 'NONEXISTENT_ID', `The path ${url.pathname} is not a record path.`);
      const [, type, rawRef, target] = m;
      const ref = rawRef ? decodeURIComponent(rawRef) : undefined;
      const write = req.method !== 'GET';
      const result = this.record(req.method ?? 'GET', type!, ref, target, json, url);
      if (write && this.dropNextWriteAnswer) {
        this.dropNextWriteAnswer = false;
        req.socket.destroy();
        return;
      }
      if (result.location) {
        res.writeHead(204, { Location: `${this.baseUrl}/services/rest/record/v1/${result.location}` });
        res.end();
      } else if (result.body === undefined) {
        res.writeHead(204);
        res.end();
      } else this.answer(res, 200, result.body);
    } catch (error) {
      const e =
        error instanceof NsError
          ? error
          : error instanceof SuiteQlError
            ? new NsError(400, 'INVALID_PARAMETER', error.message)
            : new NsError(500, 'UNEXPECTED_ERROR', String(error));
      res.writeHead(e.status, { 'Content-Type': 'application/vnd.oracle.resource+json; type=error' });
      res.end(
        JSON.stringify({
          type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1',
          title: e.status === 401 ? 'Unauthorized' : e.status === 403 ? 'Forbidden' : 'Bad Request',
          status: e.status,
          'o:errorDetails': [
            {
              detail: e.detail,
              'o:errorCode': e.code,
              ...(e.errorPath ? { 'o:errorPath': e.errorPath } : {}),
            },
          ],
        }),
      );
    } finally {
      this.stats.inFlight--;
    }
  }

  private kindOf(method: string, pathname: string): string {
    if (pathname.endsWith('/suiteql')) return 'suiteql';
    if (pathname.endsWith('/oauth2/v1/token')) return 'token';
    const m = /\/record\/v1\/(\w+)(?:\/[^/]+)?(?:\/!transform\/(\w+))?/.exec(pathname);
    return m ? `${method} ${m[1]}${m[2] ? ` → ${m[2]}` : ''}` : `${method} other`;
  }

  private answer(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  // ---------- authentication ----------

  private authenticate(req: http.IncomingMessage, url: URL): void {
    const header = String(req.headers.authorization ?? '');
    const invalid = () =>
      new NsError(
        401,
        'INVALID_LOGIN',
        'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.',
      );
    if (header.startsWith('Bearer ')) {
      const expires = this.accessTokens.get(header.slice(7));
      if (!expires || expires < Date.now()) throw invalid();
      return;
    }
    const oauth = parseOAuthHeader(header);
    if (!oauth) throw invalid();
    this.stats.signaturesChecked++;
    if (oauth.realm !== this.accountId.toUpperCase()) throw invalid();
    if (oauth.oauth_signature_method !== 'HMAC-SHA256' || oauth.oauth_version !== '1.0') throw invalid();
    const app = this.tba.get(oauth.oauth_consumer_key ?? '');
    const tokenSecret = app?.tokens.get(oauth.oauth_token ?? '');
    if (!app || tokenSecret === undefined) throw invalid();
    const nonce = `${oauth.oauth_nonce}:${oauth.oauth_timestamp}`;
    if (!oauth.oauth_nonce || this.nonces.has(nonce)) throw invalid();
    const base = signatureBaseString(req.method ?? 'GET', url, oauth);
    const key = `${rfc5849Encode(app.consumerSecret)}&${rfc5849Encode(tokenSecret)}`;
    const expected = createHmac('sha256', key).update(base).digest();
    const given = Buffer.from(oauth.oauth_signature ?? '', 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    this.nonces.add(nonce);
  }

  private async token(body: string): Promise<Record<string, unknown>> {
    const form = new URLSearchParams(body);
    const refuse = (why: string) => new NsError(400, 'invalid_request', why);
    if (form.get('grant_type') !== 'client_credentials')
      throw refuse('grant_type must be client_credentials');
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
      throw refuse('client_assertion_type');
    const assertion = form.get('client_assertion') ?? '';
    const header = decodeProtectedHeader(assertion);
    if (!['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'].includes(String(header.alg)))
      throw refuse(`alg ${header.alg} is not accepted`);
    const certificate = this.m2m.get(String(header.kid));
    if (!certificate) throw refuse('unknown certificate (kid)');
    const key = await importSPKI(certificate.publicKeyPem, String(header.alg));
    const { payload } = await jwtVerify(assertion, key, {
      issuer: certificate.clientId,
      audience: this.tokenUrl,
    }).catch((e: unknown) => {
      throw refuse(`assertion: ${String(e)}`);
    });
    if (!payload.iat || !payload.exp || payload.exp - payload.iat > 3600)
      throw refuse('exp more than an hour after iat');
    const scope = Array.isArray(payload.scope) ? payload.scope : String(payload.scope ?? '').split(/[ ,]/);
    if (!scope.includes('rest_webservices')) throw refuse('scope must include rest_webservices');
    const token = randomBytes(24).toString('base64url');
    this.accessTokens.set(token, Date.now() + 3600_000);
    this.stats.tokensIssued++;
    return { access_token: token, token_type: 'bearer', expires_in: '3600' };
  }

  // ---------- SuiteQL ----------

  private suiteql(q: string, url: URL): Record<string, unknown> {
    const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? '1000'));
    const offset = Number(url.searchParams.get('offset') ?? '0');
    if (offset % limit !== 0)
      throw new NsError(400, 'INVALID_PARAMETER', 'The offset must be a multiple of the limit.');
    const rows = runSuiteQl(q, (name) => this.table(name));
    const page = rows.slice(offset, offset + limit);
    return {
      links: [],
      count: page.length,
      hasMore: offset + limit < rows.length,
      offset,
      totalResults: rows.length,
      // NetSuite leaves out the columns that are empty on a row, rather than answering null.
      items: page.map((r) => ({
        links: [],
        ...Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null && v !== undefined)),
      })),
    };
  }

  private clock = Date.UTC(2026, 10, 20, 10, 0, 0);
  /** NetSuite's change time of the next payment write, one second after the last (tests never depend on the clock). */
  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace('T', ' ').slice(0, 19);
  }

  /** A vendor payment applying amounts to bills (by internal id). */
  payBills(amounts: Record<string, number>, tranDate: string): Rec {
    return this.seedRecord('vendorPayment', {
      tranDate,
      amounts,
      apply: Object.keys(amounts),
      voided: false,
      modified: this.tick(),
    });
  }

  voidPayment(id: string): void {
    const payment = this.find('vendorPayment', id)!;
    Object.assign(payment, { voided: true, modified: this.tick() });
  }

  /** SuiteQL's view of the REST records (vendor, vendor payments), else the seeded tables. */
  private table(name: string): Row[] | null {
    if (name === 'transaction') {
      return this.list('vendorPayment').map((p) => ({
        id: p.id,
        type: 'VendPymt',
        trandate: p.tranDate,
        lastmodifieddate: p.modified,
        voided: p.voided ? 'T' : 'F',
      }));
    }
    if (name === 'previoustransactionlink') {
      return this.list('vendorPayment').flatMap((p) =>
        Object.entries((p.amounts as Record<string, number>) ?? {}).map(([bill, amount]) => ({
          previousdoc: bill,
          nextdoc: p.id,
          linktype: 'Payment',
          // Voided without reversal: NetSuite sets the applied amounts to zero.
          foreignamount: p.voided ? 0 : -amount,
        })),
      );
    }
    if (name === 'vendor') {
      if (this.deniedPermissions.has(PERMISSIONS.vendor!)) return [];
      return this.list('vendor').map((v) => ({
        id: v.id,
        entityid: v.entityId ?? null,
        companyname: v.companyName ?? null,
        email: v.email ?? null,
        phone: v.phone ?? null,
        accountnumber: v.accountNumber ?? null,
        isinactive: v.isInactive ? 'T' : 'F',
        lastmodifieddate: v.lastModifiedDate ?? null,
        externalid: v.externalId ?? null,
      }));
    }
    return this.tables.get(name) ?? null;
  }

  // ---------- records ----------

  private record(
    method: string,
    type: string,
    ref: string | undefined,
    target: string | undefined,
    body: Record<string, unknown>,
    url: URL,
  ): { location?: string; body?: unknown } {
    this.permit(type);
    if (target) this.permit(target);
    if (method === 'GET' && !ref) {
      const limit = Number(url.searchParams.get('limit') ?? '1000');
      const items = this.list(type)
        .slice(0, limit)
        .map((r) => ({ id: r.id, links: [] }));
      return {
        body: {
          links: [],
          count: items.length,
          hasMore: this.list(type).length > limit,
          items,
          offset: 0,
          totalResults: this.list(type).length,
        },
      };
    }
    if (method === 'POST' && !ref) return { location: this.create(type, body, null) };
    const existing = ref ? this.find(type, ref) : undefined;
    if (method === 'PUT') {
      if (!ref?.startsWith('eid:'))
        throw new NsError(
          400,
          'INVALID_REQUEST',
          'You can only use the upsert operation when you use an external ID in the request URL and when you use the PUT HTTP method.',
        );
      if ('externalId' in body)
        throw new NsError(400, 'INVALID_CONTENT', 'The externalId of an upsert is given in the URL only.');
      if (existing) {
        this.update(type, existing, body, (url.searchParams.get('replace') ?? '').split(',').filter(Boolean));
        return { location: `${type}/${existing.id}` };
      }
      return { location: this.create(type, body, ref.slice(4)) };
    }
    if (!existing)
      throw new NsError(
        404,
        'NONEXISTENT_ID',
        `The record instance does not exist. Provide a valid record instance ID.`,
      );
    if (method === 'GET') return { body: type === 'purchaseOrder' ? this.withBilled(existing) : existing };
    if (method === 'POST' && target)
      return {
        location: this.transform(
          existing,
          target,
          body,
          (url.searchParams.get('replace') ?? '').split(',').filter(Boolean),
        ),
      };
    if (method === 'PATCH') {
      this.update(type, existing, body, (url.searchParams.get('replace') ?? '').split(',').filter(Boolean));
      return {};
    }
    if (method === 'DELETE') {
      this.remove(type, existing);
      return {};
    }
    throw new NsError(405, 'INVALID_REQUEST', `${method} is not allowed here.`);
  }

  private permit(type: string): void {
    const permission = PERMISSIONS[type];
    if (permission && this.deniedPermissions.has(permission))
      throw new NsError(
        403,
        'INSUFFICIENT_PERMISSION',
        `Permission Violation: You need the '${permission}' permission to access this page. Please contact your account administrator.`,
      );
  }

  private validate(type: string, body: Record<string, unknown>, path: string): void {
    const lineTax = ['item', 'expense'].flatMap((sublist) =>
      (((body[sublist] as { items?: Line[] } | undefined)?.items ?? []) as Line[])
        .map((l, i) => ('taxCode' in l ? `${sublist}.items[${i}].taxCode` : null))
        .filter((p): p is string => p !== null),
    );
    if (lineTax.length > 0 && !this.lineTaxCodes) {
      // Like the account the OpenAPI subset comes from (legacy tax): REST has no tax code on transaction lines.
      this.rejected.push({ path, problems: lineTax.map((p) => ({ path: p, message: 'is not a field' })) });
      throw new NsError(
        400,
        'INVALID_CONTENT',
        `Invalid content in the request body: ${lineTax[0]} is not a field of this record.`,
        lineTax[0],
      );
    }
    if (!coversRecord(type)) return;
    // An account whose lines take a tax code: the OpenAPI subset (from a legacy-tax account) lacks the field, so the
    // rest of the body is judged by it and the tax code by checkRules (it must be an active tax code).
    const judged =
      lineTax.length === 0
        ? body
        : {
            ...body,
            ...Object.fromEntries(
              ['item', 'expense']
                .filter((k) => body[k] !== undefined)
                .map((k) => [
                  k,
                  {
                    items: ((body[k] as { items?: Line[] }).items ?? []).map(
                      ({ taxCode: _t, ...rest }) => rest,
                    ),
                  },
                ]),
            ),
          };
    const problems = validateRecord(type, judged);
    if (problems.length > 0) {
      this.rejected.push({ path, problems });
      const first = problems[0]!;
      throw new NsError(
        400,
        'INVALID_CONTENT',
        `Invalid content in the request body: ${first.path} ${first.message}.`,
        first.path,
      );
    }
  }

  /** Business rules every transaction and vendor write passes: references exist and are active, the period is open. */
  private checkRules(type: string, rec: Record<string, unknown>): void {
    for (const [field, table] of Object.entries(REFERENCES)) {
      if (field === 'entity' && type === 'vendor') continue;
      const id = (rec[field] as { id?: string } | undefined)?.id;
      if (!id) continue;
      const row = this.table(table)?.find((r) => r.id === id);
      if (!row) throw new NsError(400, 'INVALID_KEY_OR_REF', `Invalid ${field} reference key ${id}.`, field);
      if (row.isinactive === 'T')
        throw new NsError(
          400,
          'INVALID_KEY_OR_REF',
          `Invalid ${field} reference key ${id}: the record is inactive.`,
          field,
        );
    }
    if (TRANSACTIONS.has(type)) {
      if (!rec.entity) throw new NsError(400, 'USER_ERROR', 'Please enter value(s) for: Vendor', 'entity');
      if (!rec.subsidiary)
        throw new NsError(400, 'USER_ERROR', 'Please enter value(s) for: Subsidiary', 'subsidiary');
      const date = String(rec.tranDate ?? '');
      if (this.closedPeriods.has(date.slice(0, 7)))
        throw new NsError(
          400,
          'USER_ERROR',
          `The posting period of ${date} is closed. You cannot post to a closed period.`,
          'tranDate',
        );
      for (const sublist of ['item', 'expense'] as const) {
        const items = ((rec[sublist] as { items?: Line[] } | undefined)?.items ?? []) as Line[];
        items.forEach((line, i) => {
          const checks: [string, string][] =
            sublist === 'item' ? [['item', 'item']] : [['account', 'account']];
          checks.push(
            ['taxCode', 'salestaxitem'],
            ['class', 'classification'],
            ['customer', 'customer'],
            ['department', 'department'],
            ['location', 'location'],
          );
          for (const [field, table] of checks) {
            const id = (line[field] as { id?: string } | undefined)?.id;
            if (!id) continue;
            const row = this.tables.get(table)?.find((r) => r.id === id);
            const path = `${sublist}.items[${i}].${field}`;
            if (!row)
              throw new NsError(400, 'INVALID_KEY_OR_REF', `Invalid ${field} reference key ${id}.`, path);
            if (row.isinactive === 'T')
              throw new NsError(
                400,
                'INVALID_KEY_OR_REF',
                `Invalid ${field} reference key ${id}: the ${field} is inactive.`,
                path,
              );
          }
        });
      }
    }
  }

  private numberLines(rec: Record<string, unknown>, renumber = true): void {
    for (const sublist of ['item', 'expense']) {
      const list = rec[sublist] as { items?: Line[] } | undefined;
      if (!list?.items || !renumber) continue;
      list.items = list.items.map((l, i) => ({ ...l, line: i + 1 }));
    }
    const sum = (sublist: string) =>
      ((rec[sublist] as { items?: Line[] } | undefined)?.items ?? []).reduce(
        (s, l) => s + Number(l.amount ?? 0),
        0,
      );
    if (TRANSACTIONS.has(String(rec.__type)))
      rec.total = Math.round((sum('item') + sum('expense')) * 100) / 100;
  }

  private create(
    type: string,
    body: Record<string, unknown>,
    externalId: string | null,
    validate = true,
  ): string {
    if (validate) this.validate(type, body, `${type} create`);
    const eid = externalId ?? (body.externalId as string | undefined) ?? null;
    if (eid && this.list(type).some((r) => r.externalId === eid))
      throw new NsError(
        400,
        'DUP_RCRD',
        `A ${type} record with external ID ${eid} already exists.`,
        'externalId',
      );
    const rec: Rec = {
      ...body,
      id: String(this.nextId++),
      __type: type,
      lastModifiedDate: new Date().toISOString(),
    };
    if (eid) rec.externalId = eid;
    if (type === 'purchaseOrder') rec.status = 'Pending Receipt';
    if (type === 'vendorBill') rec.status = 'Open';
    this.checkRules(type, rec);
    this.numberLines(rec);
    this.list(type).push(rec);
    return `${type}/${rec.id}`;
  }

  private update(type: string, rec: Rec, body: Record<string, unknown>, replace: string[]): void {
    this.validate(type, body, `${type} update`);
    const next: Rec = { ...rec };
    for (const [k, v] of Object.entries(body)) {
      if ((k === 'item' || k === 'expense') && !replace.includes(k)) {
        // Without ?replace, lines given with a line number change that line; new ones are added.
        const current = [...((rec[k] as { items?: Line[] } | undefined)?.items ?? [])];
        for (const change of (v as { items?: Line[] }).items ?? []) {
          const at = current.findIndex((l) => l.line === change.line);
          if (at >= 0) current[at] = { ...current[at]!, ...change };
          else current.push({ ...change, line: current.length + 1 });
        }
        next[k] = { items: current };
      } else next[k] = v;
    }
    if (type === 'purchaseOrder') {
      const closing = ['item', 'expense'].some((k) =>
        ((body[k] as { items?: Line[] } | undefined)?.items ?? []).some((l) => l.isClosed === true),
      );
      if (closing && rec.status === 'Fully Billed')
        throw new NsError(
          400,
          'USER_ERROR',
          'This purchase order has been fully billed and cannot be closed.',
        );
      if (closing) {
        const all = ['item', 'expense'].every((k) =>
          ((next[k] as { items?: Line[] } | undefined)?.items ?? []).every((l) => l.isClosed),
        );
        if (all) next.status = 'Closed';
      }
    }
    this.checkRules(type, next);
    this.numberLines(next, replace.length > 0);
    next.lastModifiedDate = new Date().toISOString();
    Object.assign(rec, next);
    // A bill's lines changed: what its order has billed changes with them.
    if (type === 'vendorBill' && rec.createdFrom) this.restatus(String(rec.createdFrom));
  }

  private dependents(rec: Rec): boolean {
    return [...this.records.values()].some((list) =>
      list.some((r) => r.createdFrom === rec.id || (r.apply as string[] | undefined)?.includes(rec.id)),
    );
  }

  private remove(type: string, rec: Rec): void {
    if (this.dependents(rec))
      throw new NsError(400, 'USER_ERROR', 'This record cannot be deleted because it has dependent records.');
    const list = this.list(type);
    list.splice(list.indexOf(rec), 1);
    if (type === 'itemReceipt') {
      // The order's lines are open again for what this receipt received.
      const order = this.find('purchaseOrder', String(rec.createdFrom ?? ''));
      const orderItems = (order?.item as { items?: Line[] } | undefined)?.items ?? [];
      for (const received of (rec.item as { items?: Line[] } | undefined)?.items ?? []) {
        const line = orderItems.find((l) => l.line === received.orderLine);
        if (line) line.quantityReceived = Number(line.quantityReceived ?? 0) - Number(received.quantity);
      }
    }
    if (type === 'itemReceipt' || type === 'vendorBill') this.restatus(String(rec.createdFrom ?? ''));
  }

  /** What the order's bills take from one of its lines: quantity (item lines) or amount (expense lines). */
  private billed(orderId: string, sublist: 'item' | 'expense', line: number): number {
    let total = 0;
    for (const bill of this.list('vendorBill')) {
      if (bill.createdFrom !== orderId) continue;
      for (const l of (bill[sublist] as { items?: Line[] } | undefined)?.items ?? []) {
        if (Number(l.orderLine) === line) total += Number(sublist === 'item' ? l.quantity : l.amount);
      }
    }
    return Math.round(total * 1e8) / 1e8;
  }

  /** The order as GET shows it: item lines carry quantityBilled, derived from the bills made from it. */
  private withBilled(order: Rec): Rec {
    const items = ((order.item as { items?: Line[] } | undefined)?.items ?? []).map((l) => ({
      ...l,
      quantityBilled: this.billed(order.id, 'item', l.line),
    }));
    return { ...order, item: { items } };
  }

  private restatus(orderId: string): void {
    const order = this.find('purchaseOrder', orderId);
    if (!order) return;
    const lines = (sublist: 'item' | 'expense') =>
      ((order[sublist] as { items?: Line[] } | undefined)?.items ?? []).filter((l) => !l.isClosed);
    const billedAny = this.list('vendorBill').some((b) => b.createdFrom === orderId);
    const billedAll =
      billedAny &&
      lines('item').every((l) => this.billed(orderId, 'item', l.line) >= Number(l.quantity)) &&
      lines('expense').every((l) => this.billed(orderId, 'expense', l.line) >= Number(l.amount));
    const received = this.list('itemReceipt').some((r) => r.createdFrom === orderId);
    order.status = billedAll
      ? 'Fully Billed'
      : billedAny || received
        ? 'Pending Billing/Partially Received'
        : 'Pending Receipt';
  }

  /**
   * Transforms an order. Like NetSuite, the new record starts with every open line of the order (for a bill: what is
   * not billed yet, at the order's rate; for a receipt: what is not received yet, marked received). Lines in the body
   * with an orderLine change that line, others are added; with ?replace=<sublist> the record has only the body's
   * lines for that sublist. A receipt keeps the lines marked itemReceive.
   */
  private transform(order: Rec, target: string, body: Record<string, unknown>, replace: string[]): string {
    if (order.__type !== 'purchaseOrder' || !['vendorBill', 'itemReceipt'].includes(target))
      throw new NsError(
        400,
        'INVALID_REQUEST',
        `Transforming ${String(order.__type)} into ${target} is not supported here.`,
      );
    if (order.status === 'Closed')
      throw new NsError(400, 'USER_ERROR', 'You cannot transform a closed purchase order.');
    if (target === 'vendorBill') this.validate('vendorBill', body, 'purchaseOrder → vendorBill');
    const sublists = target === 'vendorBill' ? (['item', 'expense'] as const) : (['item'] as const);
    const drafts: Record<string, Line[]> = {};
    for (const sublist of sublists) {
      const orderLines = ((order[sublist] as { items?: Line[] } | undefined)?.items ?? []).filter(
        (l) => !l.isClosed,
      );
      const openOf = (l: Line): number =>
        target === 'itemReceipt'
          ? Number(l.quantity) - Number(l.quantityReceived ?? 0)
          : sublist === 'item'
            ? Number(l.quantity) - this.billed(order.id, 'item', l.line)
            : Number(l.amount) - this.billed(order.id, 'expense', l.line);
      const prefilled = (l: Line): Line => {
        const open = openOf(l);
        const { line, quantityReceived: _r, ...rest } = l;
        if (target === 'itemReceipt')
          return { item: l.item, quantity: open, orderLine: line, itemReceive: true, line: 0 };
        // As NetSuite types them: orderLine is an integer on item lines, a string on expense lines.
        return sublist === 'item'
          ? {
              ...rest,
              quantity: open,
              amount: Math.round(open * Number(l.rate) * 100) / 100,
              orderLine: line,
              line: 0,
            }
          : { ...rest, amount: open, orderLine: String(line), line: 0 };
      };
      let lines = replace.includes(sublist) ? [] : orderLines.filter((l) => openOf(l) > 0).map(prefilled);
      for (const [i, given] of (
        ((body[sublist] as { items?: Line[] } | undefined)?.items ?? []) as Line[]
      ).entries()) {
        const path = `${sublist}.items[${i}].orderLine`;
        if (given.orderLine === undefined || given.orderLine === null) {
          if (target === 'itemReceipt')
            throw new NsError(400, 'USER_ERROR', 'An item receipt line must refer to an order line.', path);
          lines.push({ ...given, line: 0 });
          continue;
        }
        const source = orderLines.find((l) => l.line === Number(given.orderLine));
        if (!source)
          throw new NsError(
            400,
            'INVALID_KEY_OR_REF',
            `The order has no open ${sublist} line ${String(given.orderLine)}.`,
            path,
          );
        const key = sublist === 'item' ? 'item' : 'account';
        const givenKey = (given[key] as { id?: string } | undefined)?.id;
        if (givenKey && givenKey !== (source[key] as { id?: string } | undefined)?.id)
          throw new NsError(
            400,
            'USER_ERROR',
            `Line ${i + 1} refers to order line ${source.line}, which is for another ${key}.`,
            path,
          );
        const at = lines.findIndex((l) => Number(l.orderLine) === source.line);
        const merged: Line = { ...(at >= 0 ? lines[at]! : prefilled(source)), ...given, line: 0 };
        if (
          target === 'itemReceipt' &&
          merged.itemReceive !== false &&
          Number(merged.quantity) > openOf(source)
        )
          throw new NsError(
            400,
            'USER_ERROR',
            `You cannot receive more than ${openOf(source)} of order line ${source.line}.`,
            `${sublist}.items[${i}].quantity`,
          );
        if (at >= 0) lines[at] = merged;
        else lines.push(merged);
      }
      if (target === 'itemReceipt')
        lines = lines.filter((l) => l.itemReceive !== false && Number(l.quantity) > 0);
      drafts[sublist] = lines;
    }
    if (target === 'itemReceipt') {
      const orderItems = (order.item as { items?: Line[] } | undefined)?.items ?? [];
      for (const w of drafts.item!) {
        const line = orderItems.find((l) => l.line === w.orderLine)!;
        line.quantityReceived = Number(line.quantityReceived ?? 0) + Number(w.quantity);
      }
    }
    const header = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'item' && k !== 'expense'));
    const draft: Record<string, unknown> = {
      entity: order.entity,
      subsidiary: order.subsidiary,
      currency: order.currency,
      ...(order.location ? { location: order.location } : {}),
      ...header,
      createdFrom: order.id,
      ...Object.fromEntries(Object.entries(drafts).map(([k, items]) => [k, { items }])),
    };
    const eid = header.externalId as string | undefined;
    if (eid && this.list(target).some((r) => r.externalId === eid))
      throw new NsError(
        400,
        'DUP_RCRD',
        `A ${target} record with external ID ${eid} already exists.`,
        'externalId',
      );
    const location = this.create(target, draft, null, false);
    this.restatus(order.id);
    return location;
  }
}
