// One read from the API for a component: fetched when its key changes, race-safe (an answer for a stale key, say
// after a company switch, is dropped: see QueryCell), and fetched again after the app events that may change it.
// The fetcher normally calls request(), so a failure is already in the banner; `error` says it failed.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { AppEvent } from '../../../preload/contract';
import type { ApiCallError } from '../api/errors';
import { useAppEvents } from '../state/events';
import { QueryCell, viewOf } from './query';

export interface QueryOptions {
  /** Keep showing the last answer while the one for a new key loads (a list under a search box). */
  keepPrevious?: boolean;
  /** App events after which the data is fetched again; events come in bursts, so once per burst. */
  refreshOn?: (event: AppEvent) => boolean;
  refreshAfterMs?: number;
}

export interface Query<T> {
  /** The answer for the current key (or the previous one with keepPrevious); undefined until it comes. */
  data: T | undefined;
  error: ApiCallError | null;
  loading: boolean;
  /** Fetches again for the same key. */
  reload(): void;
  /** Shows a value an action returned, without fetching. */
  setData(data: T): void;
}

/**
 * `key` names what is fetched (plain JSON: the method and its input, with the company); null waits (nothing to
 * fetch yet). `fetcher` may be a new closure each render: the one of the latest render is called.
 */
export function useQuery<T>(
  key: readonly unknown[] | null,
  fetcher: () => Promise<T>,
  options: QueryOptions = {},
): Query<T> {
  const [cell] = useState(() => new QueryCell<T>());
  // The same snapshot when rendered to markup (the unit tests of components that read through it).
  const snapshot = useSyncExternalStore(cell.subscribe, cell.getSnapshot, cell.getSnapshot);
  const keyText = key === null ? null : JSON.stringify(key);
  const latest = useRef({ fetcher, options });
  useEffect(() => {
    latest.current = { fetcher, options };
  });

  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (keyText === null) return;
    void cell.fetch(keyText, () => latest.current.fetcher(), latest.current.options.keepPrevious);
    return () => cell.cancel();
  }, [cell, keyText, tick]);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useAppEvents((event) => {
    const { refreshOn, refreshAfterMs = 300 } = latest.current.options;
    if (!refreshOn?.(event) || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      setTick((n) => n + 1);
    }, refreshAfterMs);
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return {
    ...viewOf(snapshot, keyText, options.keepPrevious),
    reload,
    setData: cell.setData,
  };
}
