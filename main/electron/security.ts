// The security policy of every web page the app shows (Electron security checklist items 4-7, 11-17):
// a strict CSP, no navigation away from the app, no new windows, no <webview>, no permissions.
import { shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './origin';
import { describeError } from '../sync/redact';

// Vite inlines small images and fonts as data: URLs; React sets inline styles through the CSSOM, which
// style-src does not govern, so 'unsafe-inline' is not needed.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Links the user clicks may open in the system browser, but only over https. */
export function isSafeExternalLink(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

function openInSystemBrowser(url: string): void {
  if (!isSafeExternalLink(url)) return;
  shell
    .openExternal(url)
    .catch((error: unknown) => console.error(`Could not open the system browser: ${describeError(error)}`));
}

/** Session-wide: the CSP on every response and a flat "no" to every permission. */
export function applySessionSecurity(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Per page: applied to every WebContents the app creates (see app 'web-contents-created'). */
export function hardenWebContents(contents: WebContents): void {
  // In-app navigation stays; anything else is stopped, and an https link goes to the system browser.
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openInSystemBrowser(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openInSystemBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
