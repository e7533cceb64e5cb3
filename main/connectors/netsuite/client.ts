// Our thin client for NetSuite's REST web services: the REST Record API (/services/rest/record/v1) and SuiteQL
// (/services/rest/query/v1/suiteql). Each call takes a slot from the engine's rate limiter first (NetSuite's limit is
// shared by every integration of the account), is signed (TBA) or carries a bearer token (OAuth 2.0 client
// credentials; a refused token is minted again once), waits and retries a few times on 429, and turns NetSuite's
// o:errorDetails into a ConnectorError. Create, upsert and transform answer 204 with the new record's Location.
import { z } from 'zod';
import { connectionLabel } from '../../domain/text.js';
import { type ConnectorContext } from '../contract.js';
import { unreadableAnswer } from '../unreadable-answer.js';
import { tbaCredentials, tbaHeader, type ClientCredentialsTokens, type TbaCredentials } from './auth.js';
import { netSuiteDescriptor } from './descriptor.js';
import { faultInfoOf, isThrottle, NsFault } from './faults.js';
import type { NetSuiteSettings } from './settings.js';
import { retryAfterMs, sleep, throttleWaitMs } from '../http/throttle.js';

const THROTTLE_RETRIES = 3;
const PAGE = 1000;

export interface NsAnswer {
  status: number;
  json: unknown;
  /** The internal id from the Location header (create, upsert, transform). */
  locationId: string | null;
}

/**
 * A record's internal id in a SuiteQL row or a record: a string or a number, never null or missing (z.coerce.string
 * would make those the ids "null" and "undefined").
 */
export const NsId = z.union([z.string().min(1), z.number()]).transform(String);

// The collection envelope of NetSuite's OpenAPI description (links, count, hasMore, items, offset, totalResults):
// every member but items is optional there. Without hasMore, a full page means there may be more.
const SuiteQlPage = z.object({
  items: z.array(z.record(z.string(), z.unknown())),
  hasMore: z.boolean().optional(),
  count: z.number().optional(),
  offset: z.number().optional(),
  totalResults: z.number().optional(),
});

export class NsClient {
  private tba: TbaCredentials | null = null;

  constructor(
    private readonly ctx: ConnectorContext,
    readonly settings: NetSuiteSettings & { apiBaseUrl: string },
    private readonly tokens: ClientCredentialsTokens,
  ) {}

  /** The connection as the bookkeeper named it, for what a send or cancel says was done where. */
  get named(): string {
    return connectionLabel(this.ctx.connection, netSuiteDescriptor.label);
  }

  get tokenUrl(): string {
    return new URL('/services/rest/auth/oauth2/v1/token', this.settings.apiBaseUrl).toString();
  }

  private async authorization(method: string, url: string, refused?: string): Promise<string> {
    if (this.settings.authMethod === 'tba') {
      this.tba ??= await tbaCredentials(this.ctx);
      return tbaHeader(this.tba, this.settings.accountId, method, url);
    }
    return `Bearer ${await this.tokens.accessToken(this.ctx, this.tokenUrl, this.settings.accountId, refused)}`;
  }

  /** One call. `path` is below /services/rest/ (e.g. 'record/v1/vendorBill/eid:lb_x'). */
  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options: { query?: Record<string, string>; body?: unknown; what: string; transient?: boolean },
  ): Promise<NsAnswer> {
    const url = new URL(`/services/rest/${path}`, this.settings.apiBaseUrl);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    let refused: string | undefined;
    for (let attempt = 0; ; attempt++) {
      // The slot first: a TBA signature carries a timestamp, which must not age while waiting for the limiter.
      await this.ctx.acquireRequestSlot();
      const authorization = await this.authorization(method, url.toString(), refused);
      const res = await fetch(url, {
        method,
        headers: {
          Authorization: authorization,
          Accept: 'application/json',
          // Unknown field names are an error rather than a warning: a silently dropped field is a wrong record.
          'X-NetSuite-PropertyNameValidation': 'Error',
          ...(options.transient ? { Prefer: 'transient' } : {}),
          ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
        signal: this.ctx.signal,
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = text === '' ? null : JSON.parse(text);
      } catch {
        json = null;
      }
      if (res.ok) {
        const location = res.headers.get('location');
        return {
          status: res.status,
          json,
          locationId: location ? (/\/(\d+)\/?$/.exec(location)?.[1] ?? null) : null,
        };
      }
      const info = faultInfoOf(res.status, json, text);
      const retryAfter = retryAfterMs(res.headers.get('retry-after'));
      if (retryAfter !== undefined) info.retryAfterMs = retryAfter;
      if (res.status === 401 && this.settings.authMethod !== 'tba' && refused === undefined) {
        refused = authorization.slice('Bearer '.length); // mint a new token once and try again
        continue;
      }
      if (isThrottle(info) && attempt < THROTTLE_RETRIES) {
        await sleep(throttleWaitMs(retryAfter, attempt), this.ctx.signal);
        continue;
      }
      if (isThrottle(info) && info.retryAfterMs === undefined) info.retryAfterMs = 60_000;
      throw new NsFault(info, options.what);
    }
  }

  /** GET a record; null when it does not exist. `ref` is an internal id or 'eid:<externalId>'. */
  async getRecord<T>(type: string, ref: string, schema: z.ZodType<T>, what: string): Promise<T | null> {
    try {
      const answer = await this.request('GET', `record/v1/${type}/${ref}`, {
        query: { expandSubResources: 'true' },
        what,
      });
      return this.parse(schema, answer.json, what);
    } catch (error) {
      if (error instanceof NsFault && error.info.status === 404) return null;
      throw error;
    }
  }

  parse<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw unreadableAnswer(
        'NetSuite',
        what,
        parsed.error,
        `${parsed.error.message.slice(0, 500)} · ${JSON.stringify(json ?? null).slice(0, 300)}`,
        { input: json },
      );
    }
    return parsed.data;
  }

  /** Every row of a SuiteQL query (which must ORDER BY a unique key), 1000 at a time with limit and offset. */
  async suiteql<T>(
    q: string,
    row: z.ZodType<T>,
    what: string,
    onPage?: (rows: T[]) => void | Promise<void>,
  ): Promise<T[]> {
    const all: T[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const answer = await this.request('POST', 'query/v1/suiteql', {
        query: { limit: String(PAGE), offset: String(offset) },
        body: { q },
        what,
        transient: true,
      });
      const page = this.parse(SuiteQlPage, answer.json, what);
      const rows = page.items.map((item) => this.parse(row, item, what));
      all.push(...rows);
      await onPage?.(rows);
      if (!(page.hasMore ?? page.items.length >= PAGE)) return all;
    }
  }

  /** One page of a query: `limit` rows from `offset` (a multiple of limit), with NetSuite's hasMore and total. */
  async suiteqlPage<T>(
    q: string,
    row: z.ZodType<T>,
    what: string,
    offset: number,
    limit = PAGE,
  ): Promise<{ rows: T[]; hasMore: boolean; totalResults: number | null }> {
    const answer = await this.request('POST', 'query/v1/suiteql', {
      query: { limit: String(limit), offset: String(offset) },
      body: { q },
      what,
      transient: true,
    });
    const page = this.parse(SuiteQlPage, answer.json, what);
    return {
      rows: page.items.map((item) => this.parse(row, item, what)),
      hasMore: page.hasMore ?? page.items.length >= limit,
      totalResults: page.totalResults ?? null,
    };
  }
}

/** A single-quoted SuiteQL literal (a quote is doubled). */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
