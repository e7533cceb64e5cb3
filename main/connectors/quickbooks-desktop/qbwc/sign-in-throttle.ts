// Slows down password guessing at the Web Connector's authenticate: per user name, the first few wrong passwords
// cost nothing (a bookkeeper mistyping), then each further one makes the next attempt wait twice as long as the
// last, up to a cap. Attempts during the wait are refused without being checked, so a guesser gets one answer per
// wait, whatever the rate it sends at. Stored in SQLite (migration 0015), so a restart does not reset it. Known and
// unknown user names are treated alike: the throttle never says whether a name exists.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** Wrong passwords in a row that cost no wait. */
export const FREE_FAILURES = 3;
/** The wait after the first failure past the free ones; it doubles with every further failure. */
export const FIRST_WAIT_MS = 1_000;
/** The longest wait: one attempt per quarter hour for a name under attack. */
export const MAX_WAIT_MS = 15 * 60_000;
/** A name without a failure for this long starts afresh (and its row is removed). */
export const FORGET_AFTER_MS = 24 * 60 * 60_000;
/** Rows kept at most (names a guesser tries); the oldest go first. */
const MAX_ROWS = 10_000;

export interface FailureStreak {
  /** Wrong passwords in a row. */
  failures: number;
  firstFailedAt: string;
  lastFailedAt: string;
  /** No attempt is checked before this time (equal to lastFailedAt while the failures are still free). */
  retryAfter: string;
}

interface Row {
  failures: number;
  first_failed_at: string;
  last_failed_at: string;
  retry_after: string;
}

/** The wait after `failures` wrong passwords in a row. */
export function waitAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  const doublings = failures - FREE_FAILURES - 1;
  // 2^20 s is far past the cap; stopping there keeps the number finite.
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(doublings, 20));
}

function keyOf(userName: string): string {
  return createHash('sha256').update(userName, 'utf8').digest('hex');
}

function toStreak(row: Row): FailureStreak {
  return {
    failures: row.failures,
    firstFailedAt: row.first_failed_at,
    lastFailedAt: row.last_failed_at,
    retryAfter: row.retry_after,
  };
}

export class SignInThrottle {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The current streak of a user name; null when it has none (or it is forgotten). */
  streak(userName: string): FailureStreak | null {
    const row = this.db
      .prepare(
        `SELECT failures, first_failed_at, last_failed_at, retry_after FROM qbwc_sign_in_failures WHERE user_key = ?`,
      )
      .get(keyOf(userName)) as Row | undefined;
    if (!row) return null;
    const forgetBefore = new Date(this.now().getTime() - FORGET_AFTER_MS).toISOString();
    return row.last_failed_at < forgetBefore ? null : toStreak(row);
  }

  /** The streak when an attempt now must wait (refused unchecked); null when it may be checked. */
  waiting(userName: string): FailureStreak | null {
    const streak = this.streak(userName);
    return streak && streak.retryAfter > this.now().toISOString() ? streak : null;
  }

  /** Records a wrong password; `started` tells whether it begins a new streak. */
  failed(userName: string): FailureStreak & { started: boolean } {
    const at = this.now();
    const iso = at.toISOString();
    const previous = this.streak(userName);
    const failures = (previous?.failures ?? 0) + 1;
    const streak: FailureStreak = {
      failures,
      firstFailedAt: previous?.firstFailedAt ?? iso,
      lastFailedAt: iso,
      retryAfter: new Date(at.getTime() + waitAfter(failures)).toISOString(),
    };
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO qbwc_sign_in_failures (user_key, failures, first_failed_at, last_failed_at, retry_after)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (user_key) DO UPDATE SET failures = excluded.failures,
             first_failed_at = excluded.first_failed_at, last_failed_at = excluded.last_failed_at,
             retry_after = excluded.retry_after`,
        )
        .run(keyOf(userName), failures, streak.firstFailedAt, iso, streak.retryAfter);
      if (previous === null) this.prune(at);
    })();
    return { ...streak, started: previous === null };
  }

  /** A right password (or a new one set) ends the streak; returns the streak it ended, if any. */
  clear(userName: string): FailureStreak | null {
    const streak = this.streak(userName);
    this.db.prepare(`DELETE FROM qbwc_sign_in_failures WHERE user_key = ?`).run(keyOf(userName));
    return streak;
  }

  private prune(at: Date): void {
    const forgetBefore = new Date(at.getTime() - FORGET_AFTER_MS).toISOString();
    this.db.prepare(`DELETE FROM qbwc_sign_in_failures WHERE last_failed_at < ?`).run(forgetBefore);
    this.db
      .prepare(
        `DELETE FROM qbwc_sign_in_failures WHERE user_key IN (
           SELECT user_key FROM qbwc_sign_in_failures ORDER BY last_failed_at DESC LIMIT -1 OFFSET ?)`,
      )
      .run(MAX_ROWS);
  }
}
