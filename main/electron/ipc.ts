// The IPC transport of the API contract. One channel carries every method ({method, input}); the core's
// app.call validates the input against preload/contract.ts, so a method added to the contract needs no change
// here. Only our own top-level page may call, and failures go back as the ApiError shape, never a stack.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { isMethodName, type ApiError, type AppEvent } from '../../preload/contract';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallReply } from './channels';
import { describeError } from '../sync/redact';
import { isAppUrl } from './origin';

/** The part of the core (main/app.ts `App`) this transport needs. */
export interface CoreCalls {
  call(method: string, input: unknown): Promise<unknown>;
}
export interface CoreEvents {
  onEvent(listener: (event: AppEvent) => void): () => void;
}
/** main/api/errors.ts `toApiError`: any error → HTTP status and the wire body. */
export type ToApiError = (error: unknown) => { status: number; body: ApiError };

export interface IpcOptions {
  core: CoreCalls;
  toApiError: ToApiError;
  /** Runs after a successful call, e.g. to open the sign-in page returned by connections.connect. */
  afterCall?: (method: string, output: unknown) => void;
}

const INTERNAL: ApiError = {
  code: 'internal',
  message: 'Something went wrong inside Ledgerbridge. Try again; if it keeps happening, restart the app.',
};

/** The sender must be the main frame of a page served from our own origin. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/** Copies only the fields of the wire shape, as strings, whatever else the error carried. */
function sanitize(error: ApiError): ApiError {
  const clean: ApiError = { code: String(error.code), message: String(error.message) };
  if (Array.isArray(error.problems) && error.problems.length > 0) {
    clean.problems = error.problems.map((p) => ({ field: String(p.field), message: String(p.message) }));
  }
  return clean;
}

export function toWireError(error: unknown, toApiError: ToApiError): ApiError {
  try {
    return sanitize(toApiError(error).body);
  } catch (conversionError) {
    console.error(`Could not convert an error for the renderer: ${describeError(conversionError)}`);
    return INTERNAL;
  }
}

function fail(code: string, message: string): CallReply {
  return { ok: false, error: { code, message } };
}

export async function handleCall(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  request: unknown,
  options: IpcOptions,
): Promise<CallReply> {
  if (!isTrustedSender(event)) {
    console.warn(
      'Refused an API call from a page that is not Ledgerbridge:',
      event.senderFrame?.url?.slice(0, 200),
    );
    return fail('forbidden', 'This page is not allowed to use Ledgerbridge.');
  }
  const method = (request as { method?: unknown } | null)?.method;
  if (typeof method !== 'string' || !isMethodName(method)) {
    return fail('invalid_input', `Unknown method ${JSON.stringify(String(method)).slice(0, 120)}.`);
  }
  const input = (request as { input?: unknown }).input;
  try {
    const value = await options.core.call(method, input);
    options.afterCall?.(method, value);
    return { ok: true, value };
  } catch (error) {
    const wire = toWireError(error, options.toApiError);
    if (wire.code === 'internal') console.error(`API call ${method} failed: ${describeError(error)}`);
    return { ok: false, error: wire };
  }
}

/** Registers the call handler; returns a function that removes it. */
export function registerIpc(options: IpcOptions): () => void {
  ipcMain.handle(CALL_CHANNEL, (event, request: unknown) => handleCall(event, request, options));
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}

/** Forwards the core's push events to the window's page, if it is alive; returns unsubscribe. */
export function forwardEvents(core: CoreEvents, target: () => WebContents | null | undefined): () => void {
  return core.onEvent((event) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
}
