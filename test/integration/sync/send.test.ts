import { afterEach, describe, expect, it } from 'vitest';
import { listLog } from '../../../main/sync/log.js';
import {
  enqueueSend,
  markHistorical,
  connectionsForAutoSend,
  enqueueCancel,
} from '../../../main/sync/outbox.js';
import { resumeWaiting } from '../../../main/sync/worker.js';
import { createHarness, type Harness } from '../../fixtures/sync/harness.js';
import {
  aggregate,
  insertConnection,
  insertDocument,
  jobRows,
  logRows,
  setDocumentState,
  syncRow,
} from '../../fixtures/sync/db.js';

let h: Harness;
afterEach(async () => {
  await h?.cleanup();
});

describe('sending a document', () => {
  it('sends, links, marks sent and logs success', async () => {
    h = createHarness();
    const doc = h.document('INV-1');
    h.send(doc);
    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('queued');
    expect(aggregate(h.db, doc)).toBe('queued');
    await h.worker.start();
    await h.worker.whenIdle();

    const stored = h.connector.liveDocuments();
    expect(stored).toHaveLength(1);
    const externalId = stored[0]!.externalId;
    const sync = syncRow(h.db, doc, h.connectionId);
    expect(sync).toMatchObject({ status: 'sent', external_id: externalId });
    expect(aggregate(h.db, doc)).toBe('sent');
    const link = h.db
      .prepare(`SELECT * FROM external_links WHERE entity_type = 'document' AND entity_id = ?`)
      .get(doc) as { external_id: string; sync_token: string; payload_hash: string };
    expect(link.external_id).toBe(externalId);
    expect(link.sync_token).toBe('0');
    expect(link.payload_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(jobRows(h.db)[0]).toMatchObject({
      status: 'done',
      attempts: 0,
      idempotency_key: `doc:${doc}:r0:send`,
    });

    const log = listLog(h.db, { documentId: doc });
    expect(log.total).toBe(2);
    expect(log.items[0]).toMatchObject({
      result: 'success',
      action: 'send_document',
      documentNumber: 'INV-1',
      companyId: h.companyId,
      message: `Sent to Test Ledger as bill ${externalId}`,
    });
    expect(log.items[1]).toMatchObject({
      result: 'info',
      message: "Matched supplier 'Acme Supplies' to the existing vendor in Test Ledger",
    });
    expect(h.events.some((e) => e.type === 'sync' && e.status === 'sending')).toBe(true);
    expect(h.events.some((e) => e.type === 'sync' && e.status === 'sent')).toBe(true);
    expect(h.events.filter((e) => e.type === 'log')).toHaveLength(2);
  });

  it('updates the document when a revision is approved again, and cancels it', async () => {
    h = createHarness();
    const doc = h.document('INV-2');
    h.send(doc);
    await h.worker.start();
    await h.worker.whenIdle();
    const [first] = h.connector.liveDocuments();
    setDocumentState(h.db, doc, 'approved', 1);
    h.send(doc);
    await h.worker.whenIdle();
    expect(h.connector.documents.size).toBe(1);
    expect(first!.syncToken).toBe(1);
    expect(first!.revision).toBe(1);
    expect(listLog(h.db, { documentId: doc, result: 'success' }).items[0]!.message).toBe(
      `Updated bill ${first!.externalId} in Test Ledger`,
    );

    setDocumentState(h.db, doc, 'canceled');
    const result = h.db.transaction(() =>
      enqueueCancel(h.db, { documentId: doc, connectionId: h.connectionId, revision: 1, now: h.clock.now() }),
    )();
    expect(result.enqueued).toBe(true);
    h.worker.kick();
    await h.worker.whenIdle();
    expect(first!.voided).toBe(true);
    expect(syncRow(h.db, doc, h.connectionId)?.last_message).toBe(
      `Canceled bill ${first!.externalId} in Test Ledger`,
    );
  });

  it('cancel of a never-sent document drops the queued send and calls nobody', async () => {
    h = createHarness();
    const doc = h.document('INV-3');
    h.send(doc);
    setDocumentState(h.db, doc, 'canceled');
    const result = h.db.transaction(() =>
      enqueueCancel(h.db, { documentId: doc, connectionId: h.connectionId, revision: 0, now: h.clock.now() }),
    )();
    expect(result).toMatchObject({ enqueued: false, reason: 'nothing_to_cancel' });
    await h.worker.start();
    await h.worker.whenIdle();
    expect(h.connector.calls).toHaveLength(0);
    expect(jobRows(h.db).map((j) => j.status)).toEqual(['superseded']);
    expect(aggregate(h.db, doc)).toBe('not_sent');
  });

  it('a stale job (document revised after queueing) is superseded, not sent', async () => {
    h = createHarness();
    const doc = h.document('INV-4');
    h.send(doc);
    setDocumentState(h.db, doc, 'in_revision', 1);
    await h.worker.start();
    await h.worker.whenIdle();
    expect(h.connector.callsOf('sendDocuments')).toHaveLength(0);
    expect(jobRows(h.db)[0]!.status).toBe('superseded');
    expect(aggregate(h.db, doc)).toBe('not_sent');
  });

  it('a newer send supersedes a pending older one', () => {
    h = createHarness();
    const doc = h.document('INV-5');
    h.send(doc);
    h.send(doc, 'manual');
    expect(jobRows(h.db).map((j) => j.status)).toEqual(['superseded', 'pending']);
  });
});

describe('historical documents and auto-send', () => {
  it('marks approved documents historical, skips them on auto, sends them by hand', async () => {
    h = createHarness();
    const old = insertDocument(h.db, { companyId: h.companyId, supplierId: h.supplierId, number: 'OLD-1' });
    const draft = insertDocument(h.db, {
      companyId: h.companyId,
      supplierId: h.supplierId,
      number: 'DRAFT-1',
      status: 'draft',
    });
    const second = insertConnection(h.db, h.companyId, {
      system: 'other',
      settings: { documentsToSend: ['receipt'] },
    });
    const marked = h.db.transaction(() => markHistorical(h.db, second, h.clock.now()))();
    expect(marked).toBe(1);
    expect(syncRow(h.db, old, second)?.status).toBe('historical');
    expect(aggregate(h.db, old)).toBe('historical');
    expect(aggregate(h.db, draft)).toBe('not_sent');

    expect(connectionsForAutoSend(h.db, h.companyId, 'invoice').map((c) => c.id)).toEqual([h.connectionId]);
    expect(connectionsForAutoSend(h.db, h.companyId, 'receipt').map((c) => c.id)).toEqual([second]);

    h.db.transaction(() => markHistorical(h.db, h.connectionId, h.clock.now()))();
    const auto = enqueueSend(h.db, {
      documentId: old,
      connectionId: h.connectionId,
      revision: 0,
      reason: 'auto',
    });
    expect(auto).toMatchObject({ enqueued: false, reason: 'historical' });
    h.send(old, 'manual');
    await h.worker.start();
    await h.worker.whenIdle();
    expect(syncRow(h.db, old, h.connectionId)?.status).toBe('sent');
    // sent on one connection, historical on the other: the aggregate says sent
    expect(aggregate(h.db, old)).toBe('sent');
  });
});

describe('needs the user', () => {
  it('fails with the message, then a resend after the fix goes through', async () => {
    h = createHarness();
    const doc = h.document('INV-10');
    h.connector.rejectDocument('INV-10', 'The account for line 1 is inactive. Choose another account.');
    h.send(doc);
    await h.worker.start();
    await h.worker.whenIdle();
    expect(syncRow(h.db, doc, h.connectionId)).toMatchObject({
      status: 'failed',
      last_message: 'The account for line 1 is inactive. Choose another account.',
    });
    expect(aggregate(h.db, doc)).toBe('failed');
    expect(jobRows(h.db)[0]!.status).toBe('failed');
    const failure = logRows(h.db).find((r) => r.result === 'failure');
    expect(failure?.detail).toContain('400');

    h.connector.clearRejection('INV-10');
    h.send(doc, 'resend');
    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('queued');
    await h.worker.whenIdle();
    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('sent');
    expect(h.connector.liveDocuments()).toHaveLength(1);
  });

  it('a raw programming error becomes a plain message without a stack; a network error is retried', async () => {
    h = createHarness();
    const doc = h.document('INV-11');
    h.connector.failNext(
      { type: 'throw', error: new TypeError("Cannot read properties of undefined (reading 'Id')") },
      {
        method: 'sendDocuments',
      },
    );
    h.send(doc);
    await h.worker.start();
    await h.worker.whenIdle();
    const sync = syncRow(h.db, doc, h.connectionId);
    expect(sync?.status).toBe('failed');
    expect(sync?.last_message).toBe(
      "Unexpected error: Cannot read properties of undefined (reading 'Id') — see the integration log",
    );
    expect(sync?.last_message).not.toContain('    at ');
    expect(logRows(h.db).find((r) => r.result === 'failure')?.detail).toContain('TypeError');

    const doc2 = h.document('INV-12');
    h.connector.failNext(
      { type: 'throw', error: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) },
      { method: 'sendDocuments' },
    );
    h.connector.failNext(
      { type: 'throw', error: new TypeError('fetch failed') },
      { method: 'sendDocuments' },
    );
    h.send(doc2);
    await h.worker.whenIdle();
    expect(syncRow(h.db, doc2, h.connectionId)?.status).toBe('sent');
    expect(logRows(h.db).filter((r) => r.document_id === doc2 && r.result === 'retry')).toHaveLength(2);
  });
});

describe('expired authorization', () => {
  it('marks the connection needs_reconnect, the job waits, and resumes after the reconnect', async () => {
    h = createHarness();
    const doc = h.document('INV-20');
    const other = h.document('INV-21');
    h.connector.failNext({ type: 'auth' }, { method: 'sendDocuments' });
    h.send(doc);
    await h.worker.start();
    await h.worker.whenIdle();
    const connection = h.db
      .prepare('SELECT status, status_message FROM connections WHERE id = ?')
      .get(h.connectionId);
    expect(connection).toEqual({
      status: 'needs_reconnect',
      status_message: 'Sign in to Test Ledger again: Connections → Reconnect',
    });
    expect(jobRows(h.db)[0]!.status).toBe('waiting');
    expect(syncRow(h.db, doc, h.connectionId)).toMatchObject({
      status: 'waiting',
      last_message: 'Sign in to Test Ledger again: Connections → Reconnect',
    });
    expect(h.events).toContainEqual({ type: 'connection', connectionId: h.connectionId });

    // Jobs queued meanwhile wait too: nothing is sent to a connection that is not connected.
    h.send(other);
    await h.worker.whenIdle();
    expect(h.connector.callsOf('sendDocuments')).toHaveLength(1);

    h.db.transaction(() => {
      h.db
        .prepare(`UPDATE connections SET status = 'connected', status_message = NULL WHERE id = ?`)
        .run(h.connectionId);
      expect(resumeWaiting(h.db, h.connectionId, h.clock.now())).toBe(1);
    })();
    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('queued');
    h.worker.kick();
    await h.worker.whenIdle();
    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('sent');
    expect(syncRow(h.db, other, h.connectionId)?.status).toBe('sent');
    expect(h.connector.liveDocuments()).toHaveLength(2);
  });
});
