// Our thin client for the QuickBooks Online Accounting API v3: minorversion pinned, requestid on every write,
// JSON in and out, every answer checked with zod, faults (JSON, or XML for throttling, even as HTTP 403) turned into
// ConnectorErrors with a message a bookkeeper can act on. Each HTTP call first takes a slot from the engine's rate
// limiter (ctx.acquireRequestSlot); a throttled call waits (Retry-After, or backoff) and tries again a few times
// before it gives the job back to the engine as transient.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConnectorError, type ConnectorContext } from '../contract.js';
import { connectionLabel } from '../../domain/text.js';
import { quickBooksOnlineDescriptor } from './descriptor.js';
import { unreadableAnswer } from '../unreadable-answer.js';
import { describeFault, FaultBody, faultError, isThrottle, type FaultInfo } from './faults.js';
import type { TokenKeeper } from './oauth.js';
import type { QboSettings } from './settings.js';
import { retryAfterMs, sleep, throttleWaitMs } from '../http/throttle.js';

/** Wrappers of QuickBooks' answers, left out when a message names a missing field ("Vendor.Id"). */
const ENVELOPES = ['QueryResponse', 'BatchItemResponse', 'CDCResponse', 'IntuitResponse'];

export const MINOR_VERSION = '75';
const THROTTLE_RETRIES = 3;

/** Intuit's requestid: at most 50 characters, the same for the same (document, revision, action). */
export function requestIdFor(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 36);
}

/** A fault QuickBooks answered with, keeping the parsed detail for callers that act on the code (5010, 610). */
export class QboFault extends ConnectorError {
  constructor(
    readonly info: FaultInfo,
    what: string,
  ) {
    const base = faultError(info, what);
    super(base.kind, base.userMessage, {
      ...(base.detail !== undefined ? { detail: base.detail } : {}),
      ...(base.retryAfterMs !== undefined ? { retryAfterMs: base.retryAfterMs } : {}),
    });
  }
}

export interface RequestOptions<T> {
  method?: 'GET' | 'POST';
  query?: Record<string, string>;
  body?: unknown;
  /** Raw body and its content type (query text); no content type for FormData, which sets its own boundary. */
  raw?: { body: BodyInit; contentType?: string };
  /** The idempotency key of this write; becomes the requestid. */
  requestKey?: string;
  /** Names the record in messages ("bill INV-7"). */
  what: string;
  schema: z.ZodType<T>;
}

function xmlFault(status: number, text: string): FaultInfo {
  const code = /<Error[^>]*code="([^"]+)"/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  const detail = /<Detail>([^<]*)<\/Detail>/.exec(text)?.[1];
  const type = /<Fault[^>]*type="([^"]+)"/.exec(text)?.[1] ?? 'XML';
  return { status, type, errors: [{ code, Message: message ?? text.slice(0, 200), Detail: detail }] };
}

export class QboClient {
  constructor(
    private readonly ctx: ConnectorContext,
    private readonly settings: QboSettings,
    readonly realmId: string,
    private readonly tokens: TokenKeeper,
  ) {}

  /** The connection as the bookkeeper named it, for what a send or cancel says was done where. */
  get named(): string {
    return connectionLabel(this.ctx.connection, quickBooksOnlineDescriptor.label);
  }

  private url(path: string, query: Record<string, string> = {}, requestKey?: string): string {
    const url = new URL(`/v3/company/${this.realmId}/${path}`, this.settings.apiBaseUrl);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    url.searchParams.set('minorversion', MINOR_VERSION);
    if (requestKey) url.searchParams.set('requestid', requestIdFor(requestKey));
    return url.toString();
  }

  async request<T>(path: string, options: RequestOptions<T>): Promise<T> {
    const method = options.method ?? (options.body !== undefined || options.raw ? 'POST' : 'GET');
    let refused: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.accessToken(this.ctx, this.settings, refused);
      await this.ctx.acquireRequestSlot();
      const res = await fetch(this.url(path, options.query, options.requestKey), {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(options.raw
            ? options.raw.contentType
              ? { 'Content-Type': options.raw.contentType }
              : {}
            : options.body !== undefined
              ? { 'Content-Type': 'application/json' }
              : {}),
        },
        body: options.raw
          ? options.raw.body
          : options.body !== undefined
            ? JSON.stringify(options.body)
            : undefined,
        signal: this.ctx.signal,
      });
      const text = await res.text();
      const tid = res.headers.get('intuit_tid');
      let info: FaultInfo | null = null;
      let json: unknown = undefined;
      if (/xml/i.test(res.headers.get('content-type') ?? '') || text.trimStart().startsWith('<')) {
        info = xmlFault(res.status, text);
      } else {
        try {
          json = text === '' ? {} : JSON.parse(text);
        } catch {
          info = { status: res.status, type: 'HTTP', errors: [{ Message: text.slice(0, 200) }] };
        }
        const fault = json === undefined ? null : FaultBody.safeParse(json);
        if (fault?.success)
          info = { status: res.status, type: fault.data.Fault.type ?? '', errors: fault.data.Fault.Error };
        else if (!res.ok && !info)
          info = { status: res.status, type: 'HTTP', errors: [{ Message: text.slice(0, 200) }] };
      }
      if (info) {
        info.intuitTid = tid;
        const retryAfter = retryAfterMs(res.headers.get('retry-after'));
        if (retryAfter !== undefined) info.retryAfterMs = retryAfter;
        if (res.status === 401 && refused === undefined) {
          refused = token; // the access token was refused: refresh once (single-flight) and try again
          continue;
        }
        if (isThrottle(info) && attempt < THROTTLE_RETRIES) {
          await sleep(throttleWaitMs(retryAfter, attempt), this.ctx.signal);
          continue;
        }
        if (isThrottle(info) && info.retryAfterMs === undefined) info.retryAfterMs = 60_000;
        throw new QboFault(info, options.what);
      }
      const parsed = options.schema.safeParse(json);
      if (!parsed.success) {
        throw unreadableAnswer(
          'QuickBooks',
          options.what,
          parsed.error,
          `${method} ${path}: ${parsed.error.message.slice(0, 500)} · ${text.slice(0, 300)}`,
          { envelope: ENVELOPES, input: json },
        );
      }
      return parsed.data;
    }
  }

  /** Every row of a query, 1000 at a time (QuickBooks' maximum page). */
  async queryAll<T>(
    entity: string,
    where: string,
    row: z.ZodType<T>,
    onPage?: (rows: T[]) => void | Promise<void>,
  ): Promise<T[]> {
    const all: T[] = [];
    for (let start = 1; ; start += 1000) {
      const rows = await this.query(entity, `${where} STARTPOSITION ${start} MAXRESULTS 1000`, row);
      all.push(...rows);
      await onPage?.(rows);
      if (rows.length < 1000) return all;
    }
  }

  async query<T>(entity: string, rest: string, row: z.ZodType<T>): Promise<T[]> {
    const schema = z.object({
      QueryResponse: z.object({ [entity]: z.array(row).optional() }).passthrough(),
    });
    const answer = await this.request('query', {
      method: 'POST',
      raw: { body: `SELECT * FROM ${entity} ${rest}`.trim(), contentType: 'application/text' },
      what: `the ${entity} list`,
      schema,
    });
    return ((answer.QueryResponse as Record<string, unknown>)[entity] as T[] | undefined) ?? [];
  }
}

/** A single-quoted query literal: QuickBooks escapes a quote with a backslash. */
export function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export { describeFault };
