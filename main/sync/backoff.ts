// Retry timing for transient failures: exponential backoff with full jitter (AWS architecture blog, "Exponential
// Backoff And Jitter"), so that many documents failing together do not retry together. A Retry-After from the
// system is a floor: retrying earlier would only earn another 429.

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_FACTOR = 2;
export const BACKOFF_CAP_MS = 15 * 60_000;
/** Failed attempts after which a transient failure becomes a failure the user sees. */
export const MAX_ATTEMPTS = 8;

/** The ceiling of the jitter window after the `attempt`-th failed attempt (1-based). */
export function backoffCeilingMs(attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * BACKOFF_FACTOR ** exponent);
}

/** Delay before the next attempt: uniform in [0, ceiling), raised to retryAfterMs when the system asked for it. */
export function backoffDelayMs(attempt: number, random: () => number, retryAfterMs?: number): number {
  const r = Math.min(Math.max(random(), 0), 1);
  const jittered = Math.floor(r * backoffCeilingMs(attempt));
  return retryAfterMs !== undefined && retryAfterMs > jittered ? Math.ceil(retryAfterMs) : jittered;
}
