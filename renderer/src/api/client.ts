// Picks the transport once at start-up: Electron's preload bridge when it is there, otherwise the headless
// HTTP API with the token handed over in the page's fragment (#token=...).
import type { LedgerbridgeApi, MethodInput, MethodName, MethodOutput } from '../../../preload/contract';
import { toApiCallError } from './errors';
import { createHttpApi } from './http';

declare global {
  interface Window {
    ledgerbridge?: LedgerbridgeApi;
  }
}

const TOKEN_KEY = 'ledgerbridge.token';

export type Transport = 'electron' | 'http';

export interface ApiSetup {
  api: LedgerbridgeApi;
  transport: Transport;
  /** Headless mode without a token: the UI explains how to open the right address. */
  missingToken: boolean;
}

/** Reads `token` from a fragment like "#token=abc" or "#/documents&token=abc". */
export function tokenFromHash(hash: string): string | null {
  const body = hash.replace(/^#\/?/, '');
  for (const part of body.split(/[&?]/)) {
    const [key, value] = part.split('=');
    if (key === 'token' && value) return decodeURIComponent(value);
  }
  return null;
}

function takeToken(): string | null {
  const fromHash = tokenFromHash(window.location.hash);
  if (fromHash) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromHash);
    } catch {
      // storage refused (private mode): the token still lives in memory for this page's life
    }
    // The token must not stay in the address bar, the history or a bookmark.
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/documents`);
    return fromHash;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function wrapBridge(bridge: LedgerbridgeApi): LedgerbridgeApi {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      try {
        return await bridge.call(method, input);
      } catch (error) {
        throw toApiCallError(error);
      }
    },
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

let setup: ApiSetup | null = null;
let unauthorizedHandler: () => void = () => {};

export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export function initApi(): ApiSetup {
  if (setup) return setup;
  if (window.ledgerbridge) {
    setup = { api: wrapBridge(window.ledgerbridge), transport: 'electron', missingToken: false };
  } else {
    const token = takeToken();
    setup = {
      api: createHttpApi({ token: token ?? '', onUnauthorized: () => unauthorizedHandler() }),
      transport: 'http',
      missingToken: !token,
    };
  }
  return setup;
}

export function api(): LedgerbridgeApi {
  return initApi().api;
}
