import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backoffCeilingMs,
  backoffDelayMs,
  BACKOFF_CAP_MS,
  MAX_ATTEMPTS,
} from '../../../main/sync/backoff.js';
import { createHarness, type Harness } from '../../fixtures/sync/harness.js';
import { jobRows, logRows, syncRow } from '../../fixtures/sync/db.js';
import { sequence } from '../../fixtures/sync/fake-clock.js';

let h: Harness;
afterEach(async () => {
  await h?.cleanup();
});

const sendTimes = (harness: Harness) => harness.connector.callsOf('sendDocuments').map((c) => c.at);
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? 0));

describe('backoff', () => {
  it('is full jitter under an exponential ceiling capped at 15 minutes, with Retry-After as a floor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: undefined }),
        (attempt, r, retryAfter) => {
          const ceiling = backoffCeilingMs(attempt);
          expect(ceiling).toBe(Math.min(BACKOFF_CAP_MS, 2000 * 2 ** (attempt - 1)));
          const delay = backoffDelayMs(attempt, () => r, retryAfter);
          if (retryAfter !== undefined) expect(delay).toBeGreaterThanOrEqual(retryAfter);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.max(ceiling, retryAfter ?? 0));
        },
      ),
    );
  });
});

describe('transient failures', () => {
  it('retries with jittered exponential backoff, stays queued with "Will retry at", then sends', async () => {
    h = createHarness({ random: sequence(0.5, 0.25) });
    const doc = h.document('INV-30');
    h.connector.failNext(
      { type: 'transient', message: 'Test Ledger is busy.' },
      { method: 'sendDocuments', times: 2 },
    );
    h.send(doc);
    const t0 = h.clock.ms();
    await h.worker.start();
    await h.worker.whenIdle();
    const times = sendTimes(h);
    expect(times).toHaveLength(3);
    expect(times[0]).toBe(t0);
    // attempt 1: 0.5 × 2 s; attempt 2: 0.25 × 4 s
    expect(gaps(times)).toEqual([1000, 1000]);
    expect(syncRow(h.db, doc, h.connectionId)?.status).toBe('sent');
    expect(h.connector.liveDocuments()).toHaveLength(1);
    const retries = logRows(h.db).filter((r) => r.result === 'retry');
    expect(retries).toHaveLength(2);
    expect(retries[0]!.message).toMatch(/^Will retry at \d\d:\d\d: Test Ledger is busy\.$/);
    expect(retries[0]!.detail).toContain('retry in 1000 ms');
    const queuedEvents = h.events.filter(
      (e) => e.type === 'sync' && e.status === 'queued' && e.message?.startsWith('Will retry at'),
    );
    expect(queuedEvents).toHaveLength(2);
    expect(jobRows(h.db)[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('keeps every delay inside the jitter window', async () => {
    h = createHarness({ random: sequence(0, 0.999999, 0.3, 0.7, 0.999999) });
    const doc = h.document('INV-31');
    h.connector.failNext({ type: 'transient' }, { method: 'sendDocuments', times: 5 });
    h.send(doc);
    await h.worker.start();
    await h.worker.whenIdle();
    const g = gaps(sendTimes(h));
    expect(g).toHaveLength(5);
    g.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThan(backoffCeilingMs(i + 1));
    });
    expect(g[0]).toBe(0);
    expect(g[1]).toBe(Math.floor(0.999999 * 4000));
  });

  it('honours Retry-After as the minimum wait', async () => {
    h = createHarness({ random: () => 0.5 });
    const doc = h.document('INV-32');
    h.connector.failNext(
      { type: 'transient', retryAfterMs: 30_000, detail: '429 Too Many Requests' },
      {
        method: 'sendDocuments',
      },
    );
    h.send(doc);
    await h.worker.start();
    await h.worker.whenIdle();
    expect(gaps(sendTimes(h))).toEqual([30_000]);
    expect(logRows(h.db).find((r) => r.result === 'retry')?.detail).toContain('Retry-After 30000 ms');
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts with the message`, async () => {
    h = createHarness({ random: () => 0.999 });
    const doc = h.document('INV-33');
    h.connector.failNext(
      { type: 'transient', message: 'Test Ledger is down for maintenance.' },
      {
        method: 'sendDocuments',
        times: 100,
      },
    );
    h.send(doc);
    await h.worker.start();
    await h.worker.whenIdle();
    expect(sendTimes(h)).toHaveLength(MAX_ATTEMPTS);
    expect(Math.max(...gaps(sendTimes(h)))).toBeLessThanOrEqual(BACKOFF_CAP_MS);
    const sync = syncRow(h.db, doc, h.connectionId);
    expect(sync?.status).toBe('failed');
    expect(sync?.last_message).toBe(
      `Test Ledger is down for maintenance. (gave up after ${MAX_ATTEMPTS} attempts; use Send to Test Ledger to try again)`,
    );
    const rows = logRows(h.db).filter((r) => r.document_id === doc && r.action === 'send_document');
    expect(rows.map((r) => r.result)).toEqual([...Array(MAX_ATTEMPTS - 1).fill('retry'), 'failure']);
    expect(jobRows(h.db)[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('a document waiting out its backoff does not hold up the others', async () => {
    h = createHarness({ random: () => 0.999 });
    const slow = h.document('INV-34');
    const fast = h.document('INV-35');
    h.connector.failNext({ type: 'transient' }, { method: 'sendDocuments', times: 1 });
    h.send(slow);
    h.send(fast);
    await h.worker.start();
    await h.worker.whenIdle();
    expect(h.connector.callsOf('sendDocuments').map((c) => c.documentNumbers[0])).toEqual([
      'INV-34',
      'INV-35',
      'INV-34',
    ]);
  });
});
