// The state of one read from the API, framework-free so it can be tested in Node (useQuery wraps it for React).
// Only the newest fetch counts: an answer that arrives after a newer fetch started, for the same key or another
// one (the company was switched, a filter changed), is dropped, so a slow answer never overwrites a newer one.
import { toApiCallError, type ApiCallError } from '../api/errors';

export interface QuerySnapshot<T> {
  /** The key (JSON) the data and error belong to; null before the first fetch. */
  key: string | null;
  data: T | undefined;
  error: ApiCallError | null;
  loading: boolean;
}

/**
 * What a component shows for `key` (JSON; null: nothing asked yet) from the cell's snapshot. Until the answer for
 * `key` comes, the data of another key (the company before a switch) is shown only with `keepPrevious`, and its
 * error never.
 */
export function viewOf<T>(
  snapshot: QuerySnapshot<T>,
  key: string | null,
  keepPrevious = false,
): { data: T | undefined; error: ApiCallError | null; loading: boolean } {
  const current = snapshot.key === key;
  return {
    data: current || keepPrevious ? snapshot.data : undefined,
    error: current ? snapshot.error : null,
    loading: key !== null && (!current || snapshot.loading),
  };
}

export class QueryCell<T> {
  private seq = 0;
  private snapshot: QuerySnapshot<T> = { key: null, data: undefined, error: null, loading: false };
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): QuerySnapshot<T> => this.snapshot;

  /**
   * Fetches the data for `key`. A new key drops the old data unless `keepPrevious` (a list that stays on screen
   * while the next search runs); a fetch for the same key (a refresh) keeps it until the answer comes.
   */
  fetch(key: string, fetcher: () => Promise<T>, keepPrevious = false): Promise<void> {
    const seq = ++this.seq;
    const sameKey = key === this.snapshot.key;
    this.set({
      key,
      data: sameKey || keepPrevious ? this.snapshot.data : undefined,
      error: sameKey ? this.snapshot.error : null,
      loading: true,
    });
    return fetcher().then(
      (data) => {
        if (seq === this.seq) this.set({ key, data, error: null, loading: false });
      },
      (error: unknown) => {
        if (seq === this.seq) this.set({ ...this.snapshot, error: toApiCallError(error), loading: false });
      },
    );
  }

  /** Nothing fetched so far is taken any more (the component went away, or a newer fetch replaces it). */
  cancel(): void {
    this.seq++;
  }

  /** Shows `data` (an action answered with the new value); a fetch still on its way is dropped. */
  setData = (data: T): void => {
    this.seq++;
    this.set({ key: this.snapshot.key, data, error: null, loading: false });
  };

  private set(snapshot: QuerySnapshot<T>): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }
}
