// A small typed client for ServiceTrade's REST API (fetch + zod), modelled on the official SDK's sign-in logic
// (peers.md §1.1): OAuth 2.0 client credentials first — a JWT sent as `Authorization: Bearer`, renewed five
// minutes before its `exp`, with any refresh_token ServiceTrade returns stored (rotation) — and the legacy
// username/password session (`POST /auth`, `Cookie: PHPSESSID=…`) only when no client id is stored. A 401
// renews the sign-in once and repeats the call. Concurrent callers share one sign-in (single flight).
//
// Every failure becomes a ConnectorError: network errors, timeouts, 429 and 5xx are transient; 401/403 after a
// fresh sign-in are auth; other 4xx need the user.
import type { z } from 'zod';
import { ConnectorError, type ConnectionSecrets } from '../contract.js';
import { retryAfterMs } from '../http/throttle.js';
import { SessionAnswer, TokenAnswer } from './schemas.js';

export interface ClientOptions {
  connectionId: string;
  baseUrl: string;
  secrets: ConnectionSecrets;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Awaited before each HTTP request (the connection's rate limiter). */
  beforeRequest?: () => Promise<void>;
  fetch?: typeof fetch;
}

/** How a request proves who it is. */
interface Credential {
  header: Record<string, string>;
  /** Unix ms after which the credential should be renewed before use; null: until a 401 says otherwise. */
  renewAfter: number | null;
}

/** Renew this long before a token's `exp` (the official SDK's five minutes). */
const RENEW_MARGIN_MS = 5 * 60_000;

// Credentials are cached per connection and base URL for the life of the process, so that the schedule, a
// "Refresh now" and a test share one token; `pending` makes concurrent sign-ins one request.
const cache = new Map<string, { credential: Credential | null; pending: Promise<Credential> | null }>();

/** Forgets a connection's cached sign-in (after its credentials changed or it was removed). */
export function forgetSignIn(connectionId: string): void {
  for (const key of [...cache.keys()]) if (key.startsWith(`${connectionId} `)) cache.delete(key);
}

/**
 * When to renew a token that expires at `expires`: five minutes before, or halfway through its life when it lives
 * less than ten minutes (else a short-lived token would be renewed before every request).
 */
export function renewAt(expires: number, now: number): number {
  return expires - Math.min(RENEW_MARGIN_MS, Math.max(0, expires - now) / 2);
}

function jwtExpiry(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (payload && typeof payload === 'object' && 'exp' in payload && typeof payload.exp === 'number') {
      return payload.exp * 1000;
    }
  } catch {
    // not a JWT: fall back to expires_in
  }
  return null;
}

const NETWORK_HELP =
  'Ledgerbridge could not reach ServiceTrade. Check the internet connection; Ledgerbridge will try again.';

export class ServiceTradeClient {
  private readonly fetchImpl: typeof fetch;
  private readonly key: string;

  constructor(private readonly options: ClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.key = `${options.connectionId} ${options.baseUrl}`;
  }

  private get base(): string {
    return this.options.baseUrl.replace(/\/+$/, '');
  }

  /** GET path with query; returns the parsed body (the whole envelope). */
  async get<T extends z.ZodType>(
    path: string,
    query: Record<string, string | number | undefined>,
    schema: T,
  ): Promise<z.infer<T>> {
    const url = new URL(this.base + path);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return this.request('GET', url, undefined, schema);
  }

  async put<T extends z.ZodType>(path: string, body: unknown, schema: T): Promise<z.infer<T>> {
    return this.request('PUT', new URL(this.base + path), body, schema);
  }

  /**
   * Signs in afresh with the stored credentials (the refresh token of an earlier sign-in is dropped: it may
   * belong to credentials the user just replaced) and reports which method worked.
   */
  async signIn(): Promise<'client_credentials' | 'refresh_token' | 'password'> {
    await this.options.secrets.delete('refreshToken');
    await this.credential(true);
    return (await this.mode()) ?? 'client_credentials';
  }

  private async mode(): Promise<'client_credentials' | 'refresh_token' | 'password' | null> {
    const secrets = this.options.secrets;
    if ((await secrets.get('clientId')) && (await secrets.get('clientSecret'))) return 'client_credentials';
    if (await secrets.get('refreshToken')) return 'refresh_token';
    if ((await secrets.get('username')) && (await secrets.get('password'))) return 'password';
    return null;
  }

  private async request<T extends z.ZodType>(
    method: 'GET' | 'PUT',
    url: URL,
    body: unknown,
    schema: T,
  ): Promise<z.infer<T>> {
    let credential = await this.credential(false);
    let response = await this.send(method, url, body, credential);
    if (response.status === 401) {
      // The token or session expired early (revoked, server restart): sign in again once.
      this.invalidate(credential);
      credential = await this.credential(false);
      response = await this.send(method, url, body, credential);
      if (response.status === 401) {
        throw new ConnectorError(
          'auth',
          'ServiceTrade no longer accepts Ledgerbridge’s sign-in. Check the client ID and secret (or user name and password) in the connection, then connect again.',
          { detail: `${method} ${url.pathname}: HTTP 401 after a fresh sign-in` },
        );
      }
    }
    const parsed = schema.safeParse(await this.readJson(response, method, url));
    if (!parsed.success) {
      throw new ConnectorError(
        'transient',
        'ServiceTrade sent an answer Ledgerbridge did not understand. Ledgerbridge will try again; if this keeps happening, report it.',
        { detail: `${method} ${url.pathname}: ${parsed.error.message.slice(0, 2000)}` },
      );
    }
    return parsed.data as z.infer<T>;
  }

  private async send(
    method: string,
    url: URL,
    body: unknown,
    credential: Credential,
    contentType = 'application/json',
  ): Promise<Response> {
    await this.options.beforeRequest?.();
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    try {
      return await this.fetchImpl(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': contentType } : {}),
          ...credential.header,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (this.options.signal?.aborted) {
        throw new ConnectorError('transient', 'Ledgerbridge stopped the ServiceTrade refresh.', {
          detail: `${method} ${url.pathname}: aborted`,
        });
      }
      const timedOut = timeout.aborted;
      throw new ConnectorError(
        'transient',
        timedOut
          ? `ServiceTrade did not answer within ${Math.round(this.options.timeoutMs / 1000)} seconds. Ledgerbridge will try again.`
          : NETWORK_HELP,
        {
          detail: `${method} ${url.pathname}: ${timedOut ? 'timed out' : error instanceof Error ? error.message : String(error)}`,
        },
      );
    }
  }

  private async readJson(response: Response, method: string, url: URL): Promise<unknown> {
    const text = await response.text().catch(() => '');
    const detail = `${method} ${url.pathname}: HTTP ${response.status} ${text.slice(0, 500)}`;
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = retryAfterMs(response.headers.get('retry-after'));
      throw new ConnectorError(
        'transient',
        response.status === 429
          ? 'ServiceTrade asked Ledgerbridge to slow down. Ledgerbridge will try again shortly.'
          : `ServiceTrade had a problem on its side (HTTP ${response.status}). Ledgerbridge will try again.`,
        {
          detail,
          ...(retryAfter ? { retryAfterMs: retryAfter } : {}),
        },
      );
    }
    if (response.status === 403) {
      throw new ConnectorError(
        'auth',
        'ServiceTrade refused access. Make sure the ServiceTrade user or API client may read jobs, locations, companies and invoices.',
        { detail },
      );
    }
    if (!response.ok) {
      throw new ConnectorError(
        'needs_user',
        `ServiceTrade refused the request (HTTP ${response.status}). Check the connection's ServiceTrade address.`,
        { detail },
      );
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ConnectorError(
        'transient',
        'ServiceTrade sent an answer that is not JSON. Check the ServiceTrade address in the connection.',
        { detail },
      );
    }
  }

  // ---------- sign-in ----------

  private entry() {
    let entry = cache.get(this.key);
    if (!entry) {
      entry = { credential: null, pending: null };
      cache.set(this.key, entry);
    }
    return entry;
  }

  private invalidate(stale: Credential): void {
    const entry = this.entry();
    if (entry.credential === stale) entry.credential = null;
  }

  /** The current credential, signing in when there is none or it is about to expire; one sign-in at a time. */
  private async credential(force: boolean): Promise<Credential> {
    const entry = this.entry();
    if (force) entry.credential = null;
    const current = entry.credential;
    if (current && (current.renewAfter === null || Date.now() < current.renewAfter)) return current;
    if (!entry.pending) {
      entry.pending = this.obtain().then(
        (credential) => {
          entry.credential = credential;
          entry.pending = null;
          return credential;
        },
        (error: unknown) => {
          entry.pending = null;
          throw error;
        },
      );
    }
    return entry.pending;
  }

  /**
   * A renewal uses the stored refresh token first (rotated on every use, as the SDK does); when ServiceTrade no
   * longer accepts it, or there is none, the client credentials sign in afresh. Without a client id, the legacy
   * user name and password session.
   */
  private async obtain(): Promise<Credential> {
    const secrets = this.options.secrets;
    const clientId = await secrets.get('clientId');
    const clientSecret = await secrets.get('clientSecret');
    const refreshToken = await secrets.get('refreshToken');
    if (refreshToken) {
      try {
        return await this.oauth({
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          ...(clientId ? { client_id: clientId } : {}),
        });
      } catch (error) {
        const refused = error instanceof ConnectorError && error.kind === 'auth';
        if (!refused || !clientId || !clientSecret) throw error;
      }
    }
    if (clientId && clientSecret) {
      return this.oauth({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      });
    }
    const username = await secrets.get('username');
    const password = await secrets.get('password');
    if (username && password) return this.session(username, password);
    throw new ConnectorError(
      'needs_user',
      'Enter the ServiceTrade API client ID and secret (or a ServiceTrade user name and password) in the connection.',
    );
  }

  /**
   * POST {base}/oauth2/token, form-encoded. The Node SDK documents `/api/oauth2/token` and the Python SDK posts to
   * the host's `/oauth2/token`; when the first answers 404 the second is tried.
   */
  private async oauth(form: Record<string, string>): Promise<Credential> {
    const body = new URLSearchParams(form).toString();
    const urls = [new URL(`${this.base}/oauth2/token`)];
    const origin = new URL(this.base).origin;
    if (`${origin}/oauth2/token` !== urls[0]?.href) urls.push(new URL(`${origin}/oauth2/token`));
    const none: Credential = { header: {}, renewAfter: null };
    let response: Response | undefined;
    let url = urls[0] as URL;
    for (const candidate of urls) {
      url = candidate;
      response = await this.send('POST', url, body, none, 'application/x-www-form-urlencoded');
      if (response.status !== 404) break;
    }
    if (!response) throw new Error('no token endpoint');
    if (response.status === 400 || response.status === 401) {
      const text = await response.text().catch(() => '');
      if (form['grant_type'] === 'refresh_token') await this.options.secrets.delete('refreshToken');
      throw new ConnectorError(
        'auth',
        form['grant_type'] === 'client_credentials'
          ? 'ServiceTrade did not accept the client ID and secret. Copy them again from ServiceTrade into the connection.'
          : 'ServiceTrade’s sign-in has expired. Enter the client ID and secret in the connection and connect again.',
        { detail: `POST ${url.pathname}: HTTP ${response.status} ${text.slice(0, 300)}` },
      );
    }
    const parsed = TokenAnswer.safeParse(await this.readJson(response, 'POST', url));
    if (!parsed.success) {
      throw new ConnectorError(
        'transient',
        'ServiceTrade sent a sign-in answer Ledgerbridge did not understand. Ledgerbridge will try again.',
        { detail: parsed.error.message.slice(0, 1000) },
      );
    }
    const token = parsed.data;
    // Rotation: a refresh token that comes back replaces the stored one.
    if (token.refresh_token) await this.options.secrets.set('refreshToken', token.refresh_token);
    const expires =
      jwtExpiry(token.access_token) ??
      (token.expires_in !== undefined ? Date.now() + token.expires_in * 1000 : null);
    return {
      header: { authorization: `Bearer ${token.access_token}` },
      renewAfter: expires === null ? null : renewAt(expires, Date.now()),
    };
  }

  /** The legacy session: POST {base}/auth with {username, password}; the PHPSESSID cookie is the session. */
  private async session(username: string, password: string): Promise<Credential> {
    const url = new URL(`${this.base}/auth`);
    const response = await this.send('POST', url, { username, password }, { header: {}, renewAfter: null });
    if (response.status === 401 || response.status === 403 || response.status === 400) {
      throw new ConnectorError(
        'auth',
        'ServiceTrade did not accept the user name and password. Check them in the connection (or use an API client ID and secret instead).',
        { detail: `POST ${url.pathname}: HTTP ${response.status}` },
      );
    }
    const setCookie = response.headers.get('set-cookie') ?? '';
    const parsed = SessionAnswer.safeParse(await this.readJson(response, 'POST', url));
    const fromCookie = /PHPSESSID=([^;,\s]+)/.exec(setCookie)?.[1];
    const sessionId = fromCookie ?? (parsed.success ? parsed.data.data.authToken : undefined);
    if (!sessionId) {
      throw new ConnectorError(
        'auth',
        'ServiceTrade did not open a session for this user. Check the user name and password in the connection.',
        { detail: `POST ${url.pathname}: no PHPSESSID cookie or authToken in the answer` },
      );
    }
    return { header: { cookie: `PHPSESSID=${sessionId}` }, renewAfter: null };
  }
}
