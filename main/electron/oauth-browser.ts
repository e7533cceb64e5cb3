// Sign-in happens in the system browser (RFC 8252), never in an embedded page. Only URLs a sign-in can
// legitimately start from are opened: https, or http on the loopback interface (sandbox and test providers).
import { shell } from 'electron';
import { AppError } from '../domain/errors';
import { describeError } from '../sync/redact';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isAllowedAuthorizeUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

export async function openAuthorizeUrl(url: string): Promise<void> {
  if (!isAllowedAuthorizeUrl(url)) {
    throw new AppError(
      'forbidden',
      'The sign-in address is not a secure (https) address, so Ledgerbridge did not open it. Check the connection settings.',
      { detail: `refused to open ${url.slice(0, 200)}` },
    );
  }
  await shell.openExternal(url);
}

/** After `connections.connect` the core returns the provider's sign-in page; open it for the user. */
export function openAuthorizeUrlFromResult(method: string, output: unknown): void {
  if (method !== 'connections.connect') return;
  const url = (output as { authorizeUrl?: unknown } | null)?.authorizeUrl;
  if (typeof url !== 'string') return;
  openAuthorizeUrl(url).catch((error: unknown) =>
    console.error(`Could not open the sign-in page: ${describeError(error)}`),
  );
}
