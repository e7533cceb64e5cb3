// What every HTTP connector does when the other system says "slow down": read Retry-After (seconds, or an
// HTTP date as RFC 9110 allows), wait that long (or back off 1 s, 2 s, 4 s ... up to 30 s when it says nothing),
// and stop waiting at once when the job is canceled (the app quits, the connection is removed).

/** Retry-After as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (header.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long to wait before the next try: what the system asked for, else exponential backoff capped at 30 s. */
export function throttleWaitMs(retryAfter: number | undefined, attempt: number): number {
  return retryAfter ?? Math.min(30_000, 1_000 * 2 ** attempt);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}
