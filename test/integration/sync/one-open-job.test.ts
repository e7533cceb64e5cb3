// One open job per version of a document on a connection (migration 0033): a send by hand while the automatic
// send of the same version runs is merged into it, in the transaction of the enqueue, and the database refuses a
// second open job with the same key even from code that skips the outbox's check. A newer revision still queues
// behind the running send, and a database that already holds doubled jobs keeps one of each. The same migration
// shows as waiting the sends that wait for the bookkeeper, which showed as failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/db/database.js';
import { enqueueCancel, enqueueSend } from '../../../main/sync/outbox.js';
import { createHarness, type Harness } from '../../fixtures/sync/harness.js';
import {
  T0,
  insertCompany,
  insertConnection,
  insertDocument,
  insertSupplier,
  jobRows,
  setDocumentState,
  syncRow,
} from '../../fixtures/sync/db.js';

let h: Harness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function sendByHand(harness: Harness, documentId: string, revision: number) {
  return harness.db.transaction(() =>
    enqueueSend(harness.db, {
      documentId,
      connectionId: harness.connectionId,
      revision,
      reason: 'manual',
      now: harness.clock.now(),
    }),
  )();
}

describe('one open job per document version and connection', () => {
  it('merges a send by hand into the running automatic send: one job, status left as sending', () => {
    h = createHarness();
    const doc = h.document('PO-1');
    h.send(doc, 'auto');
    const [auto] = jobRows(h.db);
    // The worker claimed it: its write may be on the wire now.
    h.db.prepare(`UPDATE outbox_jobs SET status = 'running' WHERE id = ?`).run(auto!.id);
    h.db.prepare(`UPDATE document_sync SET status = 'sending' WHERE document_id = ?`).run(doc);

    const again = sendByHand(h, doc, 0);
    expect(again).toEqual({
      enqueued: false,
      reason: 'already_sending',
      jobId: auto!.id,
      message: expect.stringMatching(/^Already sending to .+: this version is on its way now/),
    });
    expect(sendByHand(h, doc, 0)).toMatchObject({ reason: 'already_sending', jobId: auto!.id });
    expect(jobRows(h.db).map((j) => [j.id, j.status])).toEqual([[auto!.id, 'running']]);
    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('sending');
  });

  it('still queues a newer revision behind the running send, and a send of a pending one replaces it', () => {
    h = createHarness();
    const doc = h.document('PO-2');
    h.send(doc, 'auto');
    h.db.prepare(`UPDATE outbox_jobs SET status = 'running'`).run();
    setDocumentState(h.db, doc, 'approved', 1);
    expect(sendByHand(h, doc, 1)).toMatchObject({ enqueued: true });
    expect(sendByHand(h, doc, 1)).toMatchObject({ enqueued: true });
    expect(jobRows(h.db).map((j) => [j.idempotency_key, j.status])).toEqual([
      [`doc:${doc}:r0:send`, 'running'],
      [`doc:${doc}:r1:send`, 'superseded'],
      [`doc:${doc}:r1:send`, 'pending'],
    ]);
  });

  it('merges a cancel into the running cancel of the same version', () => {
    h = createHarness();
    const doc = h.document('PO-3');
    h.send(doc, 'auto');
    h.db.prepare(`UPDATE outbox_jobs SET status = 'done'`).run();
    setDocumentState(h.db, doc, 'canceled');
    const cancel = () =>
      h!.db.transaction(() =>
        enqueueCancel(h!.db, {
          documentId: doc,
          connectionId: h!.connectionId,
          revision: 0,
          now: h!.clock.now(),
        }),
      )();
    // Never linked and nothing in doubt: only a running send would need a cancel, so fake a link.
    h.db
      .prepare(
        `INSERT INTO external_links (connection_id, entity_type, entity_id, external_id, updated_at)
         VALUES (?, 'document', ?, 'EXT-3', ?)`,
      )
      .run(h.connectionId, doc, T0);
    expect(cancel()).toMatchObject({ enqueued: true });
    h.db.prepare(`UPDATE outbox_jobs SET status = 'running' WHERE kind = 'cancel_document'`).run();
    expect(cancel()).toMatchObject({
      enqueued: false,
      reason: 'already_sending',
      message: expect.stringContaining('Already removing it from'),
    });
    expect(jobRows(h.db).filter((j) => j.kind === 'cancel_document')).toHaveLength(1);
  });

  it('is held by the database: a second open job with the same key is refused', () => {
    h = createHarness();
    const doc = h.document('PO-4');
    h.send(doc, 'auto');
    const insert = (status: string) =>
      h!.db
        .prepare(
          `INSERT INTO outbox_jobs (connection_id, kind, entity_type, entity_id, idempotency_key, status,
             next_attempt_at, created_at, updated_at)
           VALUES (?, 'send_document', 'document', ?, ?, ?, ?, ?, ?)`,
        )
        .run(h!.connectionId, doc, `doc:${doc}:r0:send`, status, T0, T0, T0);
    expect(() => insert('pending')).toThrow(/UNIQUE constraint failed/);
    expect(() => insert('running')).toThrow(/UNIQUE constraint failed/);
    // Closed jobs of the same key are history, not work: any number of them.
    insert('done');
    insert('superseded');
    insert('failed');
  });
});

/** A database migrated up to (not including) 0033, filled by `fill`, then opened with every migration. */
function migratedFrom(fill: (db: ReturnType<typeof openDatabase>) => void) {
  const migrations = path.resolve(import.meta.dirname, '../../../main/db/migrations');
  const before = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-0033-migrations-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-0033-data-'));
  dirs.push(before, dataDir);
  for (const file of fs.readdirSync(migrations).filter((f) => /^\d{4}_/.test(f) && f < '0033'))
    fs.copyFileSync(path.join(migrations, file), path.join(before, file));
  const old = openDatabase(dataDir, { migrationsDir: before });
  try {
    fill(old);
  } finally {
    old.close();
  }
  return openDatabase(dataDir);
}

const JOB = `INSERT INTO outbox_jobs (connection_id, kind, entity_type, entity_id, idempotency_key, status,
   next_attempt_at, created_at, updated_at)
 VALUES (?, ?, 'document', ?, ?, ?, ?, ?, ?)`;

describe('migration 0033 on an existing database', () => {
  it('keeps the running job (or the earliest pending one) of each key and supersedes the rest', () => {
    const ids: Record<string, number> = {};
    const db = migratedFrom((old) => {
      const connection = insertConnection(old, insertCompany(old));
      const add = (name: string, doc: string, status: string) => {
        ids[name] = Number(
          old.prepare(JOB).run(connection, 'send_document', doc, `doc:${doc}:r0:send`, status, T0, T0, T0)
            .lastInsertRowid,
        );
      };
      // The doubled send of the bug: the automatic one running, the one by hand pending behind it.
      add('pendingFirst', 'a', 'pending');
      add('running', 'a', 'running');
      add('pendingLast', 'a', 'pending');
      // Two pending of one key; and a key with one pending job and history.
      add('b1', 'b', 'pending');
      add('b2', 'b', 'pending');
      add('c0', 'c', 'done');
      add('c1', 'c', 'pending');
    });
    try {
      const status = (name: string) =>
        db
          .prepare<[number], { status: string }>('SELECT status FROM outbox_jobs WHERE id = ?')
          .get(ids[name]!)?.status;
      expect(
        Object.fromEntries(
          ['pendingFirst', 'running', 'pendingLast', 'b1', 'b2', 'c0', 'c1'].map((n) => [n, status(n)]),
        ),
      ).toEqual({
        pendingFirst: 'superseded',
        running: 'running',
        pendingLast: 'superseded',
        b1: 'pending',
        b2: 'superseded',
        c0: 'done',
        c1: 'pending',
      });
    } finally {
      db.close();
    }
  });

  it('shows as waiting the documents whose latest job waits, which showed as failed', () => {
    const docs: Record<string, string> = {};
    const db = migratedFrom((old) => {
      const company = insertCompany(old);
      const connection = insertConnection(old, company);
      const supplier = insertSupplier(old, company, 'Acme Supplies');
      const doc = (name: string, jobs: string[]) => {
        const id = insertDocument(old, { companyId: company, supplierId: supplier, number: name });
        docs[name] = id;
        for (const status of jobs)
          old.prepare(JOB).run(connection, 'send_document', id, `doc:${id}:r0:send`, status, T0, T0, T0);
        old
          .prepare(
            `INSERT INTO document_sync (document_id, connection_id, status, last_message, updated_at)
             VALUES (?, ?, 'failed', 'Pair it', ?)`,
          )
          .run(id, connection, T0);
        old.prepare(`UPDATE documents SET sync_status = 'failed' WHERE id = ?`).run(id);
      };
      doc('WAITS', ['superseded', 'waiting']);
      doc('FAILED', ['failed']);
      doc('FAILED-AFTER-WAITING', ['waiting', 'failed']);
    });
    try {
      const row = (name: string) =>
        db
          .prepare<[string], { sync: string; doc: string }>(
            `SELECT s.status AS sync, d.sync_status AS doc FROM document_sync s JOIN documents d ON d.id = s.document_id
             WHERE s.document_id = ?`,
          )
          .get(docs[name]!);
      expect(row('WAITS')).toEqual({ sync: 'waiting', doc: 'waiting' });
      expect(row('FAILED')).toEqual({ sync: 'failed', doc: 'failed' });
      expect(row('FAILED-AFTER-WAITING')).toEqual({ sync: 'failed', doc: 'failed' });
    } finally {
      db.close();
    }
  });
});
