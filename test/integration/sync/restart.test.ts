import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../main/connectors/contract.js';
import { createHarness, type Harness } from '../../fixtures/sync/harness.js';
import {
  jobRows,
  loadDocument,
  loadSupplier,
  logRows,
  setDocumentState,
  syncRow,
} from '../../fixtures/sync/db.js';
import { enqueueCancel } from '../../../main/sync/outbox.js';

let h: Harness;
afterEach(async () => {
  await h?.cleanup();
});

describe('crashes, restarts and lost answers', () => {
  it('a job left running by a killed process is resumed by a new worker and applied exactly once', async () => {
    h = createHarness();
    const doc = h.document('INV-40');
    h.send(doc);
    const [job] = jobRows(h.db);
    // The dead process had claimed the job and its request had reached the system before it died.
    h.db.prepare(`UPDATE outbox_jobs SET status = 'running' WHERE id = ?`).run(job!.id);
    h.db.prepare(`UPDATE document_sync SET status = 'sending' WHERE document_id = ?`).run(doc);
    const vendor = [...h.connector.references.get('supplier')!.values()][0]!;
    const ctx = {
      connection: { id: h.connectionId } as never,
      secrets: { get: async () => null, set: async () => {}, delete: async () => {} },
      signal: new AbortController().signal,
      acquireRequestSlot: async () => {},
    };
    await h.connector.sendDocuments(ctx, [
      {
        document: loadDocument(h.db, doc),
        supplier: loadSupplier(h.db, h.supplierId),
        references: { [h.supplierId]: vendor.externalId },
        existing: null,
        idempotencyKey: job!.idempotency_key,
      },
    ]);
    expect(h.connector.documents.size).toBe(1);

    const worker = h.newWorker();
    await worker.start();
    await worker.whenIdle();
    expect(h.connector.documents.size).toBe(1);
    expect(h.connector.calls.filter((c) => c.method === 'sendDocuments').map((c) => c.applied)).toEqual([
      1, 0,
    ]);
    expect(jobRows(h.db)).toHaveLength(1);
    expect(jobRows(h.db)[0]).toMatchObject({ status: 'done' });
    expect(syncRow(h.db, doc, h.connectionId)).toMatchObject({
      status: 'sent',
      external_id: [...h.connector.documents.keys()][0],
    });
    const log = logRows(h.db);
    expect(log[0]).toMatchObject({ result: 'info', message: 'Resumed after restart', document_id: doc });
    expect(log.filter((r) => r.result === 'success')).toHaveLength(1);
  });

  it('an answer lost after the write was applied is retried without a duplicate', async () => {
    h = createHarness();
    const doc = h.document('INV-41');
    h.connector.failNext({ type: 'lose_answer' }, { method: 'sendDocuments' });
    h.send(doc);
    await h.worker.start();
    await h.worker.whenIdle();
    const sends = h.connector.callsOf('sendDocuments');
    expect(sends).toHaveLength(2);
    expect(sends.map((c) => c.applied)).toEqual([1, 0]);
    expect(sends[0]!.keys).toEqual(sends[1]!.keys);
    expect(h.connector.documents.size).toBe(1);
    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('sent');
    expect(logRows(h.db).map((r) => r.result)).toEqual(['info', 'retry', 'success']);
  });

  it('stop() aborts in-flight work; the job stays pending and the next worker sends it once', async () => {
    h = createHarness();
    const doc = h.document('INV-42');
    const gate = h.connector.hold();
    h.send(doc);
    await h.worker.start();
    while (h.connector.calls.length === 0) await new Promise((r) => setTimeout(r, 1));
    await h.worker.stop();
    expect(jobRows(h.db)[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('queued');
    expect(logRows(h.db).at(-1)).toMatchObject({ result: 'info', action: 'send_document' });
    gate.release();

    const worker = h.newWorker();
    await worker.start();
    await worker.whenIdle();
    expect(h.connector.liveDocuments()).toHaveLength(1);
    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('sent');
  });

  it('a per-document rejection inside a batch fails only that document', async () => {
    h = createHarness({ connector: { policy: { batchSize: 3 } } });
    const docs = ['INV-43', 'INV-44', 'INV-45'].map((n) => h.document(n));
    h.connector.rejectDocument('INV-44', 'Closed period: the books are closed through 2026-02-28.');
    docs.forEach((d) => h.send(d));
    await h.worker.start();
    await h.worker.whenIdle();
    expect(docs.map((d) => syncRow(h.db, d, h.connectionId)?.status)).toEqual(['sent', 'failed', 'sent']);
    expect(h.connector.callsOf('sendDocuments')).toHaveLength(1);
  });

  it('a thrown AbortError that is not ours is a transient failure', async () => {
    h = createHarness();
    const doc = h.document('INV-46');
    h.connector.failNext(
      { type: 'throw', error: new DOMException('The operation timed out.', 'AbortError') },
      {
        method: 'sendDocuments',
      },
    );
    h.send(doc);
    await h.worker.start();
    await h.worker.whenIdle();
    expect(logRows(h.db).map((r) => r.result)).toEqual(['info', 'retry', 'success']);
    expect(new ConnectorError('transient', 'x').kind).toBe('transient');
  });

  it('a cancel waits behind a send whose answer was lost, then removes what that send created', async () => {
    h = createHarness({ random: () => 0.999 });
    const doc = h.document('INV-47');
    h.connector.failNext({ type: 'lose_answer' }, { method: 'sendDocuments' });
    h.send(doc);
    await h.worker.start();
    // Let the first attempt happen, then cancel while the send waits out its backoff.
    while (h.connector.callsOf('sendDocuments').length === 0) await new Promise((r) => setTimeout(r, 1));
    while (jobRows(h.db)[0]!.attempts === 0) await new Promise((r) => setTimeout(r, 1));
    setDocumentState(h.db, doc, 'canceled');
    const result = h.db.transaction(() =>
      enqueueCancel(h.db, { documentId: doc, connectionId: h.connectionId, revision: 0, now: h.clock.now() }),
    )();
    expect(result.enqueued).toBe(true);
    h.worker.kick();
    await h.worker.whenIdle();
    // The send may be stale now (document canceled); either way nothing is duplicated and nothing is left live.
    expect(h.connector.documents.size).toBe(1);
    expect(h.connector.liveDocuments()).toHaveLength(0);
    const methods = h.connector.calls.map((c) => c.method).filter((m) => m !== 'findReferences');
    expect(methods.at(-1)).toBe('cancelDocument');
  });
});
