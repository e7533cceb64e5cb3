// One qbXML message of a session: its requests in order, the unit each request belongs to (so its answer is
// applied by the part that planned it), and which outbox job or vendor update each was planned for (owners, so
// a message QuickBooks refuses to read can be split by unit: refusal.ts). requestIDs are `<message>.<tag>`,
// at most 50 characters. Each request is written alone before the message is assembled (prebuild), so a value
// QuickBooks cannot take fails the unit it belongs to, not the message.
import type { QbxmlRequest, QbxmlResponse, UnreadableRecord } from './qbxml/types.js';
import type { Release, RequestHandler } from './unit.js';
import type { QbxmlWire } from './wire.js';

/** A request of the message in flight, bound to the handler that applies its answer. */
export interface Outstanding {
  readonly kind: string;
  apply(response: QbxmlResponse): void;
  release(why: Release): void;
  unreadable(response: QbxmlResponse, bad: UnreadableRecord[]): boolean;
}

/** Jobs first in outbox order, then vendor updates: the order groups of a refused message are sent in. */
export function byUnit(a: string, b: string): number {
  const job = (u: string) => (u.startsWith('j:') ? Number(u.slice(2)) : Number.POSITIVE_INFINITY);
  return job(a) - job(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The owner of a job's requests. */
export const jobOwner = (jobId: number) => `j:${jobId}`;
/** The owner of a paired vendor's update. */
export const vendorOwner = (supplierId: string) => `v:${supplierId}`;

export class Message {
  readonly requests: QbxmlRequest[] = [];
  readonly outstanding = new Map<string, Outstanding>();
  /** What each request was planned for: an outbox job (`j:<id>`) or a paired vendor's update (`v:<supplier id>`). */
  readonly owners = new Map<string, string>();
  /** Set when the message was built from one group of a refused message's units (refusal.ts). */
  group: string[] | null = null;
  /** Documents sent in this message (a bill waits for its purchase order's answer). */
  readonly documents = new Set<string>();
  private owner: string | null = null;
  private readonly prebuilt = new Map<string, string>();

  constructor(
    /** This message's number in the session (1, 2, ...). */
    readonly no: number,
    private readonly wire: QbxmlWire,
    private readonly version: string,
  ) {}

  get size(): number {
    return this.requests.length;
  }

  rid(tag: string): string {
    return `${this.no}.${tag}`.slice(0, 50);
  }

  /** Adds a request whose answer `handler` applies with `pending`. */
  add<P>(request: QbxmlRequest, handler: RequestHandler<P>, pending: P & { kind: string }): void {
    this.requests.push(request);
    this.outstanding.set(request.requestID, {
      kind: pending.kind,
      apply: (response) => handler.apply(pending, response),
      release: (why) => handler.release(pending, why),
      unreadable: (response, bad) => handler.unreadable?.(pending, response, bad) ?? false,
    });
    if (this.owner !== null) this.owners.set(request.requestID, this.owner);
  }

  /** Plans `fn` for `owner`: the requests it adds are that unit's own (refusal.ts splits by them). */
  for<T>(owner: string, fn: () => T): T {
    const outer = this.owner;
    this.owner = owner;
    try {
      return fn();
    } finally {
      this.owner = outer;
    }
  }

  /** Writes the request alone now; throws QbxmlFieldError for a value QuickBooks cannot take. */
  prebuild(request: QbxmlRequest): void {
    this.prebuilt.set(request.requestID, this.wire.buildRequest(request, this.version));
  }

  /** The whole message, as the Web Connector hands it to QuickBooks. */
  assemble(): string {
    const parts = this.requests.map(
      (r) => this.prebuilt.get(r.requestID) ?? this.wire.buildRequest(r, this.version),
    );
    return this.wire.assemble(parts, { version: this.version, onError: 'continueOnError' });
  }
}
