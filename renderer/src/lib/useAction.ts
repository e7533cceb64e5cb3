// What a button that calls the API needs: a busy flag (which action runs, so its button can say "Sending…"),
// a success notice, and the error in the banner. Replaces the try/setBusy/catch/finally block pages repeated.
import { useCallback, useState } from 'react';
import { useApp } from '../state/app';

export interface ActionOptions<T> {
  /** The notice to show once it worked (nothing when it returns null or is absent). */
  notice?: (value: T) => string | null;
  /** Takes the failure instead of the banner (a form showing field problems in place). */
  onError?: (error: unknown) => void;
}

export interface Actions {
  /** The name of the action running, or null. */
  busy: string | null;
  notice: string | null;
  setNotice(notice: string | null): void;
  /**
   * Runs `work` as action `name`: busy while it runs, the notice cleared first and set from `options.notice`
   * after; a failure goes to the banner (once, even when `work` used request(), which already put it there)
   * and resolves to undefined.
   */
  run<T>(name: string, work: () => Promise<T>, options?: ActionOptions<T>): Promise<T | undefined>;
}

export function useAction(): Actions {
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const run = useCallback(
    async <T>(
      name: string,
      work: () => Promise<T>,
      options: ActionOptions<T> = {},
    ): Promise<T | undefined> => {
      setBusy(name);
      setNotice(null);
      try {
        const value = await work();
        const text = options.notice?.(value) ?? null;
        if (text !== null) setNotice(text);
        return value;
      } catch (error) {
        if (options.onError) options.onError(error);
        else useApp.getState().pushError(error);
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [],
  );
  return { busy, notice, setNotice, run };
}
