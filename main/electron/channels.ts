// IPC channel names and the reply envelope, shared by main/electron/ipc.ts and preload/index.ts.
// Type imports only: the sandboxed preload bundles this file and may require nothing but 'electron'.
import type { ApiError } from '../../preload/contract';

/** One channel for every contract method; the payload is `CallRequest`, the reply is `CallReply`. */
export const CALL_CHANNEL = 'ledgerbridge:call';
/** Push events from the core (`AppEvent`), main → renderer. */
export const EVENT_CHANNEL = 'ledgerbridge:event';

export interface CallRequest {
  method: string;
  input: unknown;
}

// ipcMain.handle turns a thrown error into "Error invoking remote method …" and drops everything but the
// message, so failures travel as a value and the preload turns them back into a rejection.
export type CallReply = { ok: true; value: unknown } | { ok: false; error: ApiError };
