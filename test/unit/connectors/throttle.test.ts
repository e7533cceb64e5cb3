// The shared "slow down" handling of the HTTP connectors: Retry-After in seconds or as an HTTP date, the backoff
// when there is none, and a wait that ends at once when the job is canceled.
import { describe, expect, it } from 'vitest';
import { retryAfterMs, sleep, throttleWaitMs } from '../../../main/connectors/http/throttle.js';

describe('throttle', () => {
  it('reads Retry-After as seconds or as an HTTP date, and ignores what it cannot read', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7_000);
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Sun, 22 Nov 2026 09:59:00 GMT', now)).toBe(0); // already past: go now
    expect(retryAfterMs('-5', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('', now)).toBeUndefined();
    expect(retryAfterMs(' ', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it('waits what the system asked for, else 1 s doubling up to 30 s', () => {
    expect(throttleWaitMs(2_500, 4)).toBe(2_500);
    expect([0, 1, 2, 3, 4, 5, 6].map((attempt) => throttleWaitMs(undefined, attempt))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });

  it('stops waiting as soon as the job is canceled, and does not start when it already is', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('canceled'));
    await expect(waiting).rejects.toThrow('canceled');
    await expect(sleep(10, controller.signal)).rejects.toThrow('canceled');
    await expect(sleep(1, new AbortController().signal)).resolves.toBeUndefined();
  });
});
