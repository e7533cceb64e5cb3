import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../fixtures/sync/harness.js';
import { syncRow } from '../../fixtures/sync/db.js';

let h: Harness;
afterEach(async () => {
  await h?.cleanup();
});

describe('batching, rate limits and concurrency', () => {
  it('batchSize 3: seven documents travel in three calls, in order', async () => {
    h = createHarness({ connector: { policy: { batchSize: 3 } } });
    const docs = Array.from({ length: 7 }, (_, i) => h.document(`INV-${100 + i}`));
    docs.forEach((d) => h.send(d));
    await h.worker.start();
    await h.worker.whenIdle();
    const sends = h.connector.callsOf('sendDocuments');
    expect(sends.map((c) => c.documentNumbers)).toEqual([
      ['INV-100', 'INV-101', 'INV-102'],
      ['INV-103', 'INV-104', 'INV-105'],
      ['INV-106'],
    ]);
    expect(docs.every((d) => syncRow(h.db, d, h.connectionId)?.status === 'sent')).toBe(true);
    expect(h.connector.liveDocuments()).toHaveLength(7);
  });

  it('never starts more than requestsPerMinute requests in any rolling minute', async () => {
    h = createHarness({ connector: { policy: { requestsPerMinute: 5, concurrency: 2, batchSize: 1 } } });
    const docs = Array.from({ length: 12 }, (_, i) => h.document(`INV-${200 + i}`));
    docs.forEach((d) => h.send(d));
    const t0 = h.clock.ms();
    await h.worker.start();
    await h.worker.whenIdle();
    const times = h.connector.calls.map((c) => c.at).sort((a, b) => a - b);
    expect(times).toHaveLength(13); // one supplier lookup + twelve sends
    for (const t of times) {
      expect(times.filter((s) => s > t - 60_000 && s <= t).length).toBeLessThanOrEqual(5);
    }
    expect(h.connector.rateLimitViolations).toBe(0);
    // 13 requests at 5 per minute need at least two full minutes
    expect(times.at(-1)! - t0).toBeGreaterThanOrEqual(120_000);
    expect(docs.every((d) => syncRow(h.db, d, h.connectionId)?.status === 'sent')).toBe(true);
  });

  it('keeps at most `concurrency` requests in flight, and uses them', async () => {
    h = createHarness({ connector: { policy: { concurrency: 3, batchSize: 1 }, latencyMs: 5 } });
    const docs = Array.from({ length: 9 }, (_, i) => h.document(`INV-${300 + i}`));
    docs.forEach((d) => h.send(d));
    await h.worker.start();
    await h.worker.whenIdle();
    expect(h.connector.maxInFlight).toBe(3);
    expect(h.connector.liveDocuments()).toHaveLength(9);
  });

  it('concurrent documents of a new supplier create it once', async () => {
    h = createHarness({
      seedSupplier: false,
      connector: { policy: { concurrency: 4, batchSize: 1 }, latencyMs: 2 },
    });
    const docs = Array.from({ length: 4 }, (_, i) => h.document(`INV-${400 + i}`));
    docs.forEach((d) => h.send(d));
    await h.worker.start();
    await h.worker.whenIdle();
    expect(h.connector.callsOf('createReference')).toHaveLength(1);
    expect(docs.every((d) => syncRow(h.db, d, h.connectionId)?.status === 'sent')).toBe(true);
  });
});
