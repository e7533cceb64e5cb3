// The app's own origin. The renderer is served from it (protocol.ts); navigation (security.ts) and the IPC
// sender check (ipc.ts) admit nothing else.
export const APP_SCHEME = 'app';
export const APP_HOST = 'ledgerbridge';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs of our own origin, parsed: a `startsWith` check would accept `app://ledgerbridge.evil`. */
export function isAppUrl(raw: string | undefined | null): boolean {
  if (!raw) return false;
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
