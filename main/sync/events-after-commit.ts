// Transactions whose events reach listeners only after the commit: a window never hears of a change that was
// rolled back, and a listener that throws cannot undo a change already made. Nested transactions (savepoints)
// keep their events for the outermost commit. Used by the sync worker and the QuickBooks Desktop engine.
import type { Database } from 'better-sqlite3';
import type { AppEvent } from '../../preload/contract.js';

export class EventsAfterCommit {
  private buffered: AppEvent[] | null = null;

  constructor(
    private readonly db: Database,
    private readonly deliver: (event: AppEvent) => void,
    /** What to do with a listener's failure (it is never the transaction's). */
    private readonly onListenerError: (error: unknown) => void = () => {},
  ) {}

  /** Runs `fn` in a transaction; the events emitted meanwhile go out after the outermost commit, or never. */
  tx<T>(fn: () => T): T {
    const outer = this.buffered === null;
    if (outer) this.buffered = [];
    try {
      const result = this.db.transaction(fn)();
      if (outer) {
        const events = this.buffered ?? [];
        this.buffered = null;
        for (const event of events) this.deliverSafely(event);
      }
      return result;
    } catch (error) {
      if (outer) this.buffered = null;
      throw error;
    }
  }

  /** Inside tx(): held until the commit. Outside: delivered now. */
  emit(event: AppEvent): void {
    if (this.buffered) this.buffered.push(event);
    else this.deliverSafely(event);
  }

  private deliverSafely(event: AppEvent): void {
    try {
      this.deliver(event);
    } catch (error) {
      this.onListenerError(error);
    }
  }
}
