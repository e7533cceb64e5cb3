// The preload of the sandboxed window: exposes window.ledgerbridge (the API contract over IPC) and nothing else.
// Only types come from the contract, so the bundle stays tiny and requires nothing but 'electron'.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallReply, type CallRequest } from '../main/electron/channels';
import type { ApiError, AppEvent, LedgerbridgeApi, MethodName, MethodOutput } from './contract';

/**
 * What a failed call rejects with: `{ name: 'ApiError', code, message, problems? }`.
 * It is deliberately a plain object, not an Error: contextBridge rebuilds a rejected Error in the page with its
 * message only and drops `code` and `problems` (electron/electron#25596), while a plain object arrives whole.
 */
export type ApiRejection = ApiError & { name: 'ApiError' };

function toRejection(error: ApiError): ApiRejection {
  const rejection: ApiRejection = { name: 'ApiError', code: error.code, message: error.message };
  if (error.problems) rejection.problems = error.problems;
  return rejection;
}

export const api: LedgerbridgeApi = {
  async call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
    const request: CallRequest = { method, input };
    let reply: CallReply;
    try {
      reply = (await ipcRenderer.invoke(CALL_CHANNEL, request)) as CallReply;
    } catch {
      // No handler yet or the main process is going away; the page gets the same shape as any failure.
      throw toRejection({
        code: 'internal',
        message: 'Ledgerbridge is not ready to answer. Try again in a moment.',
      });
    }
    if (reply.ok) return reply.value as MethodOutput<M>;
    throw toRejection(reply.error);
  },
  onEvent(listener: (event: AppEvent) => void): () => void {
    // The IpcRendererEvent (which exposes the sender) never reaches the page.
    const relay = (_event: IpcRendererEvent, appEvent: AppEvent): void => listener(appEvent);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('ledgerbridge', api);
