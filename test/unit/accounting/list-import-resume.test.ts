// The cursor bookkeeping of a resumable list import (paged-import.ts, list-import.ts), for all inputs: whatever the
// list's length, the page size, the pages that fail (each read that fails is tried again by the next import) and the
// entries already mirrored, the import ends having read every page once after it succeeded, with exact counts, every
// entry mirrored once, and every child linked to its parent even when the parent comes on a later page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountingContext } from '../../../main/accounting/context.js';
import { importOneList } from '../../../main/accounting/list-import.js';
import { writeListPage } from '../../../main/db/repos/list-page-writer.js';
import type { ExternalListEntry, ListCursor, ListPage } from '../../../main/connectors/contract.js';
import { openDatabase } from '../../../main/db/database.js';
import { getConnection, insertConnection } from '../../../main/db/repos/connections.js';
import type { AppEvent, ConnectionT } from '../../../preload/contract.js';

let dir: string;
let db: Database;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-list-resume-'));
  db = openDatabase(dir);
  db.prepare(
    `INSERT INTO companies (id, name, base_currency, created_at) VALUES ('c1', 'Northwind', 'USD', ?)`,
  ).run(new Date().toISOString());
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function contextFor(connection: ConnectionT, events: AppEvent[]): AccountingContext {
  return {
    db,
    connectors: new Map(),
    emit: (e) => events.push(e),
    kickSync: () => undefined,
    connectorContext: (c) => ({
      connection: c,
      secrets: { get: async () => null, set: async () => undefined, delete: async () => undefined },
      signal: new AbortController().signal,
      acquireRequestSlot: async () => undefined,
    }),
    qbdRequests: {
      requestListImport: () => undefined,
      requestVendorImport: () => undefined,
      requestPayments: () => undefined,
    },
    log: () => undefined,
  };
}

/** The accounts of a list of n: entry i's parent, where it has one, is a later entry (so perhaps on a later page). */
function accounts(n: number, parents: readonly (number | undefined)[]): ExternalListEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const parent = parents[i] !== undefined && i + 1 + parents[i]! < n ? i + 1 + parents[i]! : null;
    return {
      kind: 'account' as const,
      externalId: `A${i}`,
      name: `Account ${i}`,
      code: null,
      parentExternalId: parent === null ? null : `A${parent}`,
      active: i % 7 !== 3,
      data: {},
    };
  });
}

describe('a list import resumed after failed pages', () => {
  it('reads each page once it succeeded, and mirrors every entry once with exact counts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 1, max: 17 }),
        // Which read attempts fail (0-based, counted over every import of the list).
        fc.uniqueArray(fc.integer({ min: 0, max: 14 }), { maxLength: 6 }),
        // Entries mirrored before the import (Import new leaves them alone and does not count them as added).
        fc.uniqueArray(fc.integer({ min: 0, max: 89 }), { maxLength: 10 }),
        fc.array(fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 30 })), { maxLength: 90 }),
        async (n, size, failing, before, parents) => {
          const connection = getConnection(
            db,
            insertConnection(db, { companyId: 'c1', system: 'test', name: 'Ledger', settings: {} }).id,
          );
          const list = accounts(n, parents);
          const already = before.filter((i) => i < n).map((i) => list[i]!);
          db.transaction(() => writeListPage(db, connection, already, 'all'))();
          let attempt = 0;
          const served: number[] = [];
          const reader = {
            label: 'Ledger',
            readListPage: async (
              ctx: { acquireRequestSlot(): Promise<void> },
              _kind: string,
              cursor: ListCursor | null,
              options?: { pageSize?: number },
            ): Promise<ListPage> => {
              await ctx.acquireRequestSlot();
              if (failing.includes(attempt++)) throw new Error('connection reset');
              const offset = Number(cursor?.offset ?? 0);
              const limit = Number(cursor?.limit ?? options?.pageSize);
              served.push(offset);
              const entries = list.slice(offset, offset + limit);
              return {
                entries,
                next: entries.length < limit ? null : { offset: offset + limit, limit },
                total: n,
              };
            },
          };
          const events: AppEvent[] = [];
          const ctx = contextFor(connection, events);
          let run;
          let failures = 0;
          for (;;) {
            try {
              run = await importOneList(ctx, connection, reader, 'account', 'new', { pageSize: size });
              break;
            } catch {
              failures++;
              expect(failures).toBeLessThanOrEqual(failing.length);
            }
          }
          const pages = Math.floor(n / size) + 1;
          // Every page served once: a failure never makes an earlier page be read again.
          expect(served).toEqual(Array.from({ length: pages }, (_, p) => p * size));
          expect(run).toMatchObject({
            status: 'finished',
            pagesDone: pages,
            entriesRead: n,
            total: n,
            added: n - already.length,
            requests: attempt,
            cursor: null,
          });
          const rows = db
            .prepare<
              [string],
              { external_id: string; parent_id: string | null; parent_external_id: string | null }
            >('SELECT external_id, parent_id, parent_external_id FROM list_entries WHERE connection_id = ?')
            .all(connection.id);
          expect(rows).toHaveLength(n);
          expect(new Set(rows.map((r) => r.external_id)).size).toBe(n);
          // Children imported by this run are linked, wherever their parent's page was.
          const mirroredBefore = new Set(already.map((e) => e.externalId));
          for (const entry of list) {
            if (!entry.parentExternalId || mirroredBefore.has(entry.externalId)) continue;
            expect(rows.find((r) => r.external_id === entry.externalId)!.parent_id).not.toBeNull();
          }
          // The progress ends at the list's length.
          expect(events.at(-1)).toMatchObject({ type: 'progress', done: n, total: n });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('says where it stopped and how to go on', async () => {
    const connection = getConnection(
      db,
      insertConnection(db, { companyId: 'c1', system: 'test', name: 'Ledger', settings: {} }).id,
    );
    const list = accounts(250, []);
    let calls = 0;
    const reader = {
      label: 'Ledger',
      readListPage: async (_ctx: unknown, _kind: string, cursor: ListCursor | null): Promise<ListPage> => {
        if (++calls === 3) throw new Error('socket hang up');
        const offset = Number(cursor?.offset ?? 0);
        return { entries: list.slice(offset, offset + 100), next: { offset: offset + 100 }, total: 3000 };
      },
    };
    const error = await importOneList(
      contextFor(connection, []),
      connection,
      reader,
      'account',
      'update',
    ).then(
      () => null,
      (e: unknown) => e as { userMessage: string },
    );
    expect(error?.userMessage).toBe(
      'Ledger could not be reached for page 3 of its accounts (socket hang up). The import stopped after page 2 (200 ' +
        'of about 3,000 accounts read); what was read is kept. Choose Resume in Connections → Lists to go on from there.',
    );
  });
});
