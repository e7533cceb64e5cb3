// Serves the built renderer from a private `app://ledgerbridge/` origin instead of file://.
// Why not file://: every file:// page shares one opaque origin, so 'self' in the CSP and the IPC sender check
// would admit any local HTML file, and a file:// page can fetch any file on disk. A custom standard scheme
// gives the UI a real origin of its own, and this handler only ever answers with files inside dist/renderer.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './origin';
import { CONTENT_SECURITY_POLICY } from './security';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Must run before the app is ready: a standard, secure scheme gets a real origin, fetch and localStorage. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Maps a request URL to a file inside `rootDir`, or null when the URL is not ours or would leave the folder
 * (`..`, encoded separators, absolute or drive paths, NUL bytes).
 */
export function resolveRendererFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname.replace(/^[/\\]+/, '') || 'index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  const fromRoot = path.relative(root, file);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return null;
  return file;
}

async function fileResponse(file: string, method: string): Promise<Response> {
  const body = await readFile(file);
  return new Response(method === 'HEAD' ? null : body, {
    status: 200,
    headers: {
      'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      // webRequest.onHeadersReceived does not run for custom protocols (electron/electron#6021),
      // so the policy is attached here as well as in security.ts.
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/** The `app://` handler, exported on its own so it can be tested without Electron. */
export async function handleAppRequest(rootDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  const file = resolveRendererFile(rootDir, request.url);
  if (!file) return new Response(null, { status: 404 });
  try {
    return await fileResponse(file, request.method);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  // A path without an extension is a client-side route: answer with the app shell.
  if (path.extname(file) === '') {
    try {
      return await fileResponse(path.join(path.resolve(rootDir), 'index.html'), request.method);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  return new Response(null, { status: 404 });
}

/** Call once the app is ready. */
export function serveRenderer(rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => handleAppRequest(rootDir, request));
}
