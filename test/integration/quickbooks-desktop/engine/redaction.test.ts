// What the QuickBooks Desktop session stores from QuickBooks' answers goes through the job ledger's redaction
// (main/sync/jobs.ts), like the push worker's: a credential in QuickBooks' status message never reaches the job's
// last error or the document's sync message.
import { describe, expect, it } from 'vitest';
import { runSession, syncOf, type QuickBooksLike } from './harness.js';
import { qbFor } from './qb.js';
import { enginePerTest, withAcme } from './scenario.js';

const startEngine = enginePerTest();

describe('redaction of what QuickBooks answers', () => {
  it('keeps a credential in a status message out of the job and the document', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const acme = await withAcme(h, qb);
    const po = await h.approved({ type: 'purchase_order', supplierId: acme, number: 'PO-3020' });
    const leaking: QuickBooksLike = {
      hostResponse: () => qb.hostResponse(),
      handle(xml) {
        const id = /<PurchaseOrderAddRq requestID="([^"]+)"/.exec(xml)?.[1];
        if (id) {
          qb.sim.injectFault({
            kind: 'status',
            requestID: id,
            statusCode: 3020,
            statusMessage: 'Bad date near access_token=s3cr3t-T0KEN-value password=hunter2hunter2',
          });
        }
        return qb.handle(xml);
      },
    };
    runSession(h, leaking);
    const job = h.db
      .prepare<[string], { status: string; last_error: string | null }>(
        'SELECT status, last_error FROM outbox_jobs WHERE entity_id = ?',
      )
      .get(po.id);
    expect(job?.status).toBe('failed');
    expect(job?.last_error).toMatch(/could not read a date/);
    expect(job?.last_error).toContain('[redacted]');
    const sync = syncOf(await h.document(po.id), h.connectionId);
    expect(sync?.status).toBe('failed');
    expect(sync?.lastMessage).toMatch(/could not read a date/);
    for (const text of [job?.last_error ?? '', sync?.lastMessage ?? '']) {
      expect(text).not.toContain('s3cr3t-T0KEN-value');
      expect(text).not.toContain('hunter2hunter2');
    }
  });
});
