// A sparse, page-by-page view of a long server-side list, for virtualized rows: fetches only the pages asked
// for, keeps a bounded number of them, and remembers the total the server reported. Framework-free so it can
// be tested in Node; React subscribes to it with useSyncExternalStore.
import { pagesToEvict } from './pages';

export type PageFetcher<T> = (offset: number, limit: number) => Promise<{ total: number; items: T[] }>;

export class PagedList<T> {
  private pages = new Map<number, T[]>();
  private inflight = new Set<number>();
  private listeners = new Set<() => void>();
  private disposed = false;
  total: number | null = null;
  failed = false;
  version = 0;

  constructor(
    private readonly fetchPage: PageFetcher<T>,
    readonly pageSize = 200,
    private readonly maxPages = 40,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  row(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  /** Fetches a page unless it is cached or on its way; `force` fetches it again (to refresh in place). */
  load(page: number, force = false): Promise<void> {
    if (this.disposed || this.inflight.has(page) || (!force && this.pages.has(page)))
      return Promise.resolve();
    this.inflight.add(page);
    return this.fetchPage(page * this.pageSize, this.pageSize).then(
      (result) => {
        this.inflight.delete(page);
        if (this.disposed) return;
        this.pages.set(page, result.items);
        for (const p of pagesToEvict(this.pages.keys(), page, this.maxPages)) this.pages.delete(p);
        this.total = result.total;
        this.failed = false;
        this.changed();
      },
      () => {
        this.inflight.delete(page);
        if (this.disposed) return;
        this.failed = true;
        if (this.total === null) this.total = 0;
        this.changed();
      },
    );
  }

  /** Re-reads the given pages in place and forgets the others, so nothing flashes empty. */
  refresh(visiblePages: number[]): Promise<void> {
    for (const p of [...this.pages.keys()]) if (!visiblePages.includes(p)) this.pages.delete(p);
    return Promise.all(visiblePages.map((p) => this.load(p, true))).then(() => undefined);
  }

  /**
   * Undoes dispose(): React's StrictMode (development) runs an effect, its cleanup and the effect again on the
   * same list, and a list that stayed disposed would drop the first page and show "Loading…" forever.
   */
  resume(): void {
    this.disposed = false;
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  private changed(): void {
    this.version++;
    for (const l of [...this.listeners]) l();
  }
}
