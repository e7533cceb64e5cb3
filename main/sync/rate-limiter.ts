// A rolling-minute limiter: at most `perMinute` request starts in any 60-second window (plus a second's guard).
// Not a fixed window (p-queue's intervalCap), which lets twice the limit through across a window edge, and not
// real timers, so tests drive it with an injected clock and sleep.

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const WINDOW_MS = 60_000;
/**
 * A start is forgotten this long after the minute has passed. The other system counts requests when they arrive,
 * a moment after we counted them: without the guard an earlier request that arrived late and a new one that went
 * out on time could both fall into the system's minute (measured: 59 in a minute against our 58 for Xero, 302
 * against our 300 for NetSuite).
 */
const ARRIVAL_GUARD_MS = 1_000;

export class RollingWindowLimiter {
  private readonly starts: number[] = [];

  constructor(
    private readonly perMinute: number,
    private readonly now: () => Date,
    private readonly sleep: Sleep,
  ) {}

  /** Resolves when one more request may start, and counts it. Rejects with the signal's reason when aborted. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const limit = Math.max(1, Math.floor(this.perMinute));
    for (;;) {
      signal?.throwIfAborted();
      const t = this.now().getTime();
      const span = WINDOW_MS + ARRIVAL_GUARD_MS;
      while (this.starts.length > 0 && (this.starts[0] ?? 0) <= t - span) this.starts.shift();
      if (this.starts.length < limit) {
        this.starts.push(t);
        return;
      }
      const oldest = this.starts[0] ?? t;
      await this.sleep(Math.max(1, oldest + span - t), signal);
    }
  }

  /** Starts counted in the current window; for diagnostics. */
  inWindow(): number {
    const t = this.now().getTime();
    return this.starts.filter((s) => s > t - WINDOW_MS).length;
  }
}

/** setTimeout as a promise that resolves early (never rejects) when the signal aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
