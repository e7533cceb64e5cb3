// A ServiceTrade API on 127.0.0.1 for tests: the `{ data: ... }` envelope, `page`/`totalPages` paging,
// `updatedAfter`, and the traps of the real API — `GET /job` without `status` answers only scheduled jobs, and
// `status=all` leaves out canceled ones. Sign-in: OAuth 2.0 client credentials and refresh tokens (JWT access
// tokens with `exp`, which the test can expire), and the legacy `POST /auth` session (PHPSESSID cookie).
// Faults on demand: an HTTP status or a request that never answers, for the next N matching requests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface SimCompany {
  id: number;
  name: string;
  status: string;
  updated: number;
}
export interface SimLocation {
  id: number;
  name: string;
  refNumber: string | null;
  storeNumber: string | null;
  address: { street: string; city: string; state: string; postalCode: string };
  company: { id: number; name: string };
  status: string;
  updated: number;
}
export interface SimJob {
  id: number;
  number: string;
  name: string | null;
  type: string;
  status: string;
  description: string | null;
  scheduledDate: number | null;
  updated: number;
  customer: { id: number; name: string };
  location: { id: number; name: string } | null;
}
export interface SimInvoice {
  id: number;
  invoiceNumber: string | null;
  name: string;
  type: string;
  status: string;
  totalPrice: number;
  transactionDate: number;
  updated: number;
  job: { id: number } | null;
  customer: { id: number; name: string };
  location: { id: number; name: string } | null;
  items: { id: number; description: string; quantity: number; price: number }[];
}

export interface SimRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** 'bearer', 'session' or 'none'. */
  auth: 'bearer' | 'session' | 'none';
}

export type Fault = { status: number; retryAfter?: number } | { hang: true };

export interface SimOptions {
  /** Records per page. Default 2, so that small tests page. */
  perPage?: number;
  /** Access-token lifetime in seconds (default 3600). */
  tokenTtlS?: number;
  /** Where the token endpoint lives: '/api/oauth2/token' (Node SDK) or '/oauth2/token' (Python SDK). */
  tokenPath?: '/api/oauth2/token' | '/oauth2/token';
  /** Real milliseconds the token endpoint takes (lets concurrent sign-ins overlap). */
  tokenDelayMs?: number;
}

const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');

export class ServiceTradeSimulator {
  companies: SimCompany[] = [];
  locations: SimLocation[] = [];
  jobs: SimJob[] = [];
  invoices: SimInvoice[] = [];
  readonly clients = new Map<string, string>();
  readonly users = new Map<string, string>();
  readonly requests: SimRequest[] = [];
  tokenRequests = 0;
  /** The grant_type of each token request, in order. */
  readonly grants: string[] = [];
  sessionRequests = 0;
  private readonly tokens = new Map<string, number>(); // token → exp (unix s)
  private readonly refreshTokens = new Set<string>();
  private readonly sessions = new Set<string>();
  private faults: { pathPrefix: string; fault: Fault; remaining: number }[] = [];
  private readonly hanging = new Set<http.ServerResponse>();
  private server: http.Server | null = null;
  private clock = 1_780_000_000;
  baseUrl = '';

  constructor(private readonly options: SimOptions = {}) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => this.handle(req, res, body));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/api`;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** A strictly increasing ServiceTrade timestamp for a change (fixed start, so data is reproducible). */
  tick(): number {
    this.clock += 60;
    return this.clock;
  }

  /** Makes every refresh token issued so far invalid (revoked). */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  /** Makes every access token and session issued so far invalid (as if they expired). */
  expireTokens(): void {
    this.tokens.clear();
    this.sessions.clear();
  }

  /** The next `count` requests whose path starts with pathPrefix (after /api) fail with `fault`. */
  failNext(pathPrefix: string, fault: Fault, count = 1): void {
    this.faults.push({ pathPrefix, fault, remaining: count });
  }

  /** ServiceTrade is back: faults not yet used are dropped. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Requests for a list path (e.g. '/job'), after /api. */
  requestsTo(path: string): SimRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  // ---------- seeding ----------

  addCompany(name: string): SimCompany {
    const company = { id: 100 + this.companies.length, name, status: 'active', updated: this.tick() };
    this.companies.push(company);
    return company;
  }

  addLocation(company: SimCompany, name: string, extra: Partial<SimLocation> = {}): SimLocation {
    const location: SimLocation = {
      id: 200 + this.locations.length,
      name,
      refNumber: `L-${this.locations.length + 1}`,
      storeNumber: String(this.locations.length + 1),
      address: {
        street: `${this.locations.length + 1} Main St`,
        city: 'Austin',
        state: 'TX',
        postalCode: '78701',
      },
      company: { id: company.id, name: company.name },
      status: 'active',
      updated: this.tick(),
      ...extra,
    };
    this.locations.push(location);
    return location;
  }

  addJob(location: SimLocation, extra: Partial<SimJob> = {}): SimJob {
    const job: SimJob = {
      id: 5000 + this.jobs.length,
      number: `J-${1040 + this.jobs.length}`,
      name: null,
      type: 'repair',
      status: 'scheduled',
      description: 'Replace the compressor',
      scheduledDate: 1_790_000_000 + this.jobs.length * 86_400,
      updated: this.tick(),
      customer: { ...location.company },
      location: { id: location.id, name: location.name },
      ...extra,
    };
    this.jobs.push(job);
    return job;
  }

  addInvoice(job: SimJob, extra: Partial<SimInvoice> = {}): SimInvoice {
    const invoice: SimInvoice = {
      id: 9000 + this.invoices.length,
      invoiceNumber: null,
      name: `Invoice for ${job.number}`,
      type: 'invoice',
      status: 'pending_accounting',
      totalPrice: 1250.5,
      transactionDate: 1_790_500_000,
      updated: this.tick(),
      job: { id: job.id },
      customer: { ...job.customer },
      location: job.location ? { ...job.location } : null,
      items: [{ id: 1, description: 'Compressor', quantity: 1, price: 1250.5 }],
      ...extra,
    };
    this.invoices.push(invoice);
    return invoice;
  }

  /** Changes a record the way ServiceTrade would: the change bumps `updated`. */
  change<T extends { updated: number }>(record: T, patch: Partial<T>): T {
    Object.assign(record, patch, { updated: this.tick() });
    return record;
  }

  // ---------- HTTP ----------

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams.entries());
    const path = url.pathname.startsWith('/api/') ? url.pathname.slice(4) : url.pathname;
    const auth = this.authOf(req);
    this.requests.push({ method: req.method ?? 'GET', path, query, auth: auth.kind });

    const fault = this.faults.find((f) => f.remaining > 0 && path.startsWith(f.pathPrefix));
    if (fault) {
      fault.remaining--;
      if ('hang' in fault.fault) {
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      }
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.fault.retryAfter !== undefined) headers['retry-after'] = String(fault.fault.retryAfter);
      res
        .writeHead(fault.fault.status, headers)
        .end(JSON.stringify({ messages: { error: ['Simulated failure'] } }));
      return;
    }

    const tokenPath = this.options.tokenPath ?? '/api/oauth2/token';
    if (req.method === 'POST' && url.pathname === tokenPath) return this.token(res, body);
    if (req.method === 'POST' && path === '/auth') return this.session(res, body);
    // The other SDK's token path: not here.
    if (url.pathname.endsWith('/oauth2/token'))
      return this.send(res, 404, { messages: { error: ['Not found'] } });
    if (!auth.valid) return this.send(res, 401, { messages: { error: ['Authentication required'] } });

    if (req.method === 'GET' && path === '/company')
      return this.list(res, 'companies', this.filter(this.companies, query));
    if (req.method === 'GET' && path === '/location')
      return this.list(res, 'locations', this.filter(this.locations, query));
    if (req.method === 'GET' && path === '/job')
      return this.list(res, 'jobs', this.filter(this.jobsFor(query), query));
    if (req.method === 'GET' && path === '/invoice') {
      const status = query['status'];
      const rows = status ? this.invoices.filter((i) => status.split(',').includes(i.status)) : this.invoices;
      return this.list(res, 'invoices', this.filter(rows, query));
    }
    const invoiceMatch = /^\/invoice\/(\d+)$/.exec(path);
    if (invoiceMatch) {
      const invoice = this.invoices.find((i) => i.id === Number(invoiceMatch[1]));
      if (!invoice) return this.send(res, 404, { messages: { error: ['Not found'] } });
      if (req.method === 'GET') return this.send(res, 200, { data: invoice });
      if (req.method === 'PUT') {
        const patch = JSON.parse(body || '{}') as Partial<SimInvoice>;
        this.change(invoice, {
          ...(patch.invoiceNumber !== undefined ? { invoiceNumber: patch.invoiceNumber } : {}),
          ...(patch.status !== undefined ? { status: patch.status } : {}),
        });
        return this.send(res, 200, { data: invoice });
      }
    }
    this.send(res, 404, { messages: { error: [`No route ${req.method} ${url.pathname}`] } });
  }

  /** The real API's default: no status and no number → scheduled only; 'all' → everything but canceled. */
  private jobsFor(query: Record<string, string>): SimJob[] {
    const status = query['status'];
    if (!status)
      return query['number']
        ? this.jobs.filter((j) => j.number === query['number'])
        : this.jobs.filter((j) => j.status === 'scheduled');
    if (status === 'all') return this.jobs.filter((j) => j.status !== 'canceled');
    const wanted = status.split(',');
    return this.jobs.filter((j) => wanted.includes(j.status));
  }

  private filter<T extends { updated: number }>(rows: T[], query: Record<string, string>): T[] {
    const after = query['updatedAfter'];
    // Inclusive: a record updated in the checkpoint's own second comes again (the client must not count it twice).
    return after === undefined ? rows : rows.filter((r) => r.updated >= Number(after));
  }

  private list(res: http.ServerResponse, key: string, rows: unknown[]): void {
    const perPage = this.options.perPage ?? 2;
    const url = new URL(res.req.url ?? '/', 'http://127.0.0.1');
    const page = Math.max(1, Number(url.searchParams.get('page') ?? '1'));
    const totalPages = Math.max(1, Math.ceil(rows.length / perPage));
    this.send(res, 200, {
      data: { totalPages, page, [key]: rows.slice((page - 1) * perPage, page * perPage) },
    });
  }

  private authOf(req: http.IncomingMessage): { kind: SimRequest['auth']; valid: boolean } {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const exp = this.tokens.get(header.slice(7));
      return { kind: 'bearer', valid: exp !== undefined && exp * 1000 > Date.now() };
    }
    const cookie = /PHPSESSID=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (cookie) return { kind: 'session', valid: this.sessions.has(cookie) };
    return { kind: 'none', valid: false };
  }

  private token(res: http.ServerResponse, body: string): void {
    this.tokenRequests++;
    const form = new URLSearchParams(body);
    const grant = form.get('grant_type');
    this.grants.push(grant ?? '');
    let ok = false;
    if (grant === 'client_credentials') {
      const id = form.get('client_id') ?? '';
      ok = this.clients.get(id) === form.get('client_secret');
    } else if (grant === 'refresh_token') {
      const rt = form.get('refresh_token') ?? '';
      ok = this.refreshTokens.delete(rt); // rotation: a refresh token works once
    }
    if (!ok) {
      setTimeout(() => this.send(res, 401, { error: 'invalid_client' }), this.options.tokenDelayMs ?? 0);
      return;
    }
    const ttl = this.options.tokenTtlS ?? 3600;
    const exp = Math.floor(Date.now() / 1000) + ttl;
    const payload = Buffer.from(JSON.stringify({ sub: 'sim', exp, jti: randomUUID() })).toString('base64url');
    const accessToken = `${JWT_HEADER}.${payload}.sig`;
    this.tokens.set(accessToken, exp);
    const refreshToken = randomUUID();
    this.refreshTokens.add(refreshToken);
    setTimeout(
      () =>
        this.send(res, 200, {
          access_token: accessToken,
          token_type: 'Bearer',
          expires_in: ttl,
          refresh_token: refreshToken,
        }),
      this.options.tokenDelayMs ?? 0,
    );
  }

  private session(res: http.ServerResponse, body: string): void {
    this.sessionRequests++;
    let credentials: { username?: string; password?: string } = {};
    try {
      credentials = JSON.parse(body) as typeof credentials;
    } catch {
      // fall through to 401
    }
    if (!credentials.username || this.users.get(credentials.username) !== credentials.password) {
      return this.send(res, 403, { messages: { error: ['Invalid credentials'] } });
    }
    const sessionId = randomUUID().replace(/-/g, '');
    this.sessions.add(sessionId);
    res.setHeader('set-cookie', `PHPSESSID=${sessionId}; path=/; HttpOnly`);
    this.send(res, 200, {
      data: { authenticated: true, authToken: sessionId, user: { username: credentials.username } },
    });
  }

  private send(res: http.ServerResponse, status: number, payload: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
  }
}
