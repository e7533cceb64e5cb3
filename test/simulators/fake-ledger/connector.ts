// The smallest accounting system there is, added the way docs/adding-a-system.md says: a settings schema, a
// PushDelivery (find and create references, send, cancel) over an in-memory book, and nothing else. The test
// test/integration/sync/fake-system.test.ts registers it and drives it through the worker, to prove that a new
// system needs no change to the API, the worker or the renderer.
import { z } from 'zod';
import {
  ConnectorError,
  type ConnectorContext,
  type ExternalMatch,
  type OutgoingDocument,
  type PushConnector,
  type ReferenceKind,
  type ReferenceRecord,
  type SendOutcome,
} from '../../../main/connectors/contract.js';

/** What the fake system stores: its reference records and the documents it received. */
export class FakeBook {
  readonly references = new Map<string, { kind: ReferenceKind; name: string }>();
  readonly documents = new Map<string, { number: string; total: string; voided: boolean; key: string }>();
  private next = 1;

  id(prefix: string): string {
    return `${prefix}-${this.next++}`;
  }
}

/** Its own settings: strict, with a default, as every connector's are (connections.create validates them). */
export const FakeLedgerSettings = z
  .object({
    ledgerCode: z
      .string()
      .regex(/^[A-Z]{3}$/, 'three capital letters')
      .default('GEN'),
  })
  .passthrough();

export function fakeLedgerConnector(book: FakeBook): PushConnector {
  const inBook = (ctx: ConnectorContext) => {
    if (ctx.signal.aborted) throw new ConnectorError('transient', 'Ledgerbridge is stopping.');
  };
  return {
    system: 'fake_ledger',
    label: 'Fake Ledger',
    settingsSchema: FakeLedgerSettings,
    defaultSettings: { ledgerCode: 'GEN' },
    policy: () => ({ concurrency: 1, requestsPerMinute: 600, batchSize: 5 }),
    async connect() {
      return { authorizeUrl: null };
    },
    async test() {
      return { ok: true, message: 'The Fake Ledger answers.' };
    },
    async findReferences(ctx, kind, name): Promise<ExternalMatch[]> {
      inBook(ctx);
      await ctx.acquireRequestSlot();
      return [...book.references]
        .filter(([, r]) => r.kind === kind && r.name === name)
        .map(([externalId, r]) => ({ externalId, name: r.name }));
    },
    async createReference(ctx, record: ReferenceRecord): Promise<ExternalMatch> {
      inBook(ctx);
      await ctx.acquireRequestSlot();
      const externalId = book.id(record.kind);
      book.references.set(externalId, { kind: record.kind, name: record.name });
      return { externalId, name: record.name };
    },
    async sendDocuments(ctx, documents: OutgoingDocument[]): Promise<SendOutcome[]> {
      inBook(ctx);
      await ctx.acquireRequestSlot();
      return documents.map((outgoing) => {
        // Idempotent across retries: a key already stored answers with the record it made.
        const again = [...book.documents].find(([, d]) => d.key === outgoing.idempotencyKey);
        const externalId = outgoing.existing?.externalId ?? again?.[0] ?? book.id('doc');
        book.documents.set(externalId, {
          number: outgoing.document.number,
          total: outgoing.document.totals.gross,
          voided: false,
          key: outgoing.idempotencyKey,
        });
        return { ok: true, externalId, syncToken: null };
      });
    },
    async cancelDocument(ctx, outgoing: OutgoingDocument): Promise<SendOutcome> {
      inBook(ctx);
      await ctx.acquireRequestSlot();
      const externalId = outgoing.existing?.externalId ?? '';
      const stored = book.documents.get(externalId);
      if (!stored) {
        return {
          ok: false,
          error: new ConnectorError('needs_user', `The Fake Ledger has no document ${externalId}.`),
        };
      }
      stored.voided = true;
      return { ok: true, externalId, syncToken: null, message: 'voided' };
    },
  };
}
