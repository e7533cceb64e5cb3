// A long server-side list shown as virtualized rows, as the Documents and Jobs pages show theirs: one PagedList per
// query (a new query starts a new list and scrolls back to the top), only the pages under the viewport fetched
// once scrolling pauses, and the rows on screen fetched again after the app events that may change them (events
// come in bursts, so one refresh per burst).
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useSyncExternalStore, type RefObject } from 'react';
import type { AppEvent } from '../../../preload/contract';
import { useAppEvents } from '../state/events';
import { PagedList, type PageFetcher } from './pagedList';
import { pagesForRange } from './pages';

const PAGE_SIZE = 200;
const MAX_CACHED_PAGES = 40;

export interface VirtualPages<T> {
  list: PagedList<T>;
  total: number | null;
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** Fetches the rows on screen again (after an action that changed them). */
  refreshVisible(): Promise<void>;
}

export function useVirtualPages<T, Q extends object>(options: {
  /** The query the rows come from (plain JSON); one not equal by value to the last starts a new list. */
  query: Q;
  fetchPage: (query: Q, offset: number, limit: number) => ReturnType<PageFetcher<T>>;
  rowHeight: number;
  /** Which app events may change the rows on screen, and how long to wait for the burst to end. */
  refreshOn: (event: AppEvent) => boolean;
  refreshAfterMs: number;
}): VirtualPages<T> {
  const { rowHeight, refreshAfterMs } = options;
  const queryKey = JSON.stringify(options.query);
  // The latest fetcher and event test, so that a new closure each render does not start a new list.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const list = useMemo(() => {
    // Each list keeps its own copy of the query it was made for.
    const query = JSON.parse(queryKey) as Q;
    return new PagedList<T>(
      (offset, limit) => latest.current.fetchPage(query, offset, limit),
      PAGE_SIZE,
      MAX_CACHED_PAGES,
    );
  }, [queryKey]);
  useSyncExternalStore(list.subscribe, list.getVersion);
  useEffect(() => {
    list.resume();
    void list.load(0);
    return () => list.dispose();
  }, [list]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns fresh functions each render; nothing here relies on memoizing them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: list.total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  // Fetch the pages under the viewport once scrolling pauses, so a fast fling does not request every page it passes.
  useEffect(() => {
    const timer = setTimeout(() => {
      for (const p of pagesForRange(first, last, PAGE_SIZE)) void list.load(p);
    }, 60);
    return () => clearTimeout(timer);
  }, [first, last, list]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [list]);

  // The rows on screen when the refresh runs, not when the event came.
  const range = useRef({ first, last });
  useEffect(() => {
    range.current = { first, last };
  });
  const refreshVisible = () => {
    const { first: f, last: l } = range.current;
    return list.refresh(pagesForRange(f, Math.max(f, l), PAGE_SIZE));
  };
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useAppEvents((event) => {
    if (!latest.current.refreshOn(event) || refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      void refreshVisible();
    }, refreshAfterMs);
  });
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  return { list, total: list.total, scrollRef, virtualizer, refreshVisible };
}
