// The headless transport: the same LedgerbridgeApi over the local HTTP server. Calls are POST /api/<method>
// with a bearer token; events are server-sent events read through fetch so the token travels in a header,
// never in a URL.
import type {
  AppEvent,
  LedgerbridgeApi,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../../preload/contract';
import { SseParser } from '../lib/sse';
import { ApiCallError, toApiCallError } from './errors';

export interface HttpApiOptions {
  token: string;
  baseUrl?: string;
  /** Called when the server refuses the token, so the UI can say how to get a fresh address. */
  onUnauthorized?: () => void;
  fetchImpl?: typeof fetch;
}

const MAX_BACKOFF_MS = 30_000;

export function createHttpApi(options: HttpApiOptions): LedgerbridgeApi {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetchImpl ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const headers = { Authorization: `Bearer ${options.token}` };

  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      throw new ApiCallError(
        'network',
        'Ledgerbridge is not answering. Check that the Ledgerbridge server is still running, then try again.',
      );
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!response.ok) {
      if (response.status === 401) options.onUnauthorized?.();
      if (body && typeof body === 'object' && 'error' in body) {
        const e = toApiCallError((body as { error: unknown }).error);
        throw new ApiCallError(e.code, e.message, e.problems, response.status);
      }
      throw new ApiCallError(
        response.status === 401 ? 'unauthorized' : 'internal',
        response.status === 401
          ? 'This page is no longer signed in. Open the address that the Ledgerbridge server printed when it started.'
          : `The server answered ${response.status} ${response.statusText}. Try again; if it persists, restart Ledgerbridge.`,
        [],
        response.status,
      );
    }
    return body as MethodOutput<M>;
  }

  // One shared event stream for all listeners; opened with the first listener, closed with the last.
  const listeners = new Set<(event: AppEvent) => void>();
  let controller: AbortController | null = null;

  async function runStream(signal: AbortSignal): Promise<void> {
    let backoff = 1000;
    while (!signal.aborted) {
      try {
        const response = await doFetch(`${base}/api/events`, {
          headers: { ...headers, Accept: 'text/event-stream' },
          signal,
          cache: 'no-store',
        });
        if (response.status === 401) {
          options.onUnauthorized?.();
          return;
        }
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        backoff = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const data of parser.push(value)) {
            let event: AppEvent;
            try {
              event = JSON.parse(data) as AppEvent;
            } catch {
              continue;
            }
            for (const listener of [...listeners]) listener(event);
          }
        }
      } catch {
        if (signal.aborted) return;
      }
      if (signal.aborted) return;
      const wait = backoff + Math.random() * backoff * 0.3;
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
  }

  function onEvent(listener: (event: AppEvent) => void): () => void {
    listeners.add(listener);
    if (!controller) {
      controller = new AbortController();
      void runStream(controller.signal);
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && controller) {
        controller.abort();
        controller = null;
      }
    };
  }

  return { call, onEvent };
}
