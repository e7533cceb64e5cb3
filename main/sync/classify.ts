// Turns whatever a connector threw into one of the three kinds the engine acts on. Connectors should throw
// ConnectorError; anything else is a bug or a network failure that escaped them, and is classified here so
// that a dropped connection is retried and a programming error reaches the user as a plain message.
import { ConnectorError } from '../connectors/contract.js';

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function errorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return undefined;
}

function isNetworkish(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const code = errorCode(error);
  if (code && NETWORK_CODES.has(code)) return true;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  if (/fetch failed|socket hang up|network (error|timeout)|ECONNRESET|ETIMEDOUT/i.test(error.message))
    return true;
  return isNetworkish(error.cause, depth + 1);
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/**
 * The ConnectorError for `error`. Call only when the worker is not stopping: an abort caused by stop() is not a
 * failure of the job and is handled before this.
 */
export function classifyError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  if (isNetworkish(error)) {
    return new ConnectorError('transient', `The connection was interrupted (${firstLine(message)}).`, {
      detail,
    });
  }
  return new ConnectorError(
    'needs_user',
    `Unexpected error: ${firstLine(message)} — see the integration log`,
    {
      detail,
    },
  );
}
