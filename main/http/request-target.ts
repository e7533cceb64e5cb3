// The request target of an incoming HTTP request, read safely. Every listener in the app (headless server, Web
// Connector, OAuth loopback, Xero redirect relay) serves paths only, so only the origin form ("/path?query") is
// accepted; anything else — absolute form ("http://evil/"), authority form, "*", a target that starts with "//"
// (which URL parsing takes for a host) or one that does not parse at all — is answered 400 before any handler
// sees it. `new URL(req.url, base)` outside a try would instead throw and take the process down.
//
// A leaf: it imports nothing of ours, so the server, oauth/ and connectors/ can all use it.
import type http from 'node:http';

export interface RequestTarget {
  pathname: string;
  /** "?a=b", or "" when there is no query. */
  search: string;
  searchParams: URLSearchParams;
}

const BASE = 'http://localhost';

/** The path and query of an origin-form request target; null for anything else. Never throws. */
export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  if (raw === undefined || !raw.startsWith('/') || raw.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  // "/\evil" is read as "//evil" by URL parsing: a target that names a host is not a path.
  if (url.origin !== BASE || url.username !== '' || url.password !== '') return null;
  return { pathname: url.pathname, search: url.search, searchParams: url.searchParams };
}

/**
 * The request's target, or null after answering 400 (plain text, connection closed). Callers return at once
 * on null.
 */
export function requestTargetOr400(
  req: http.IncomingMessage,
  res: http.ServerResponse,
): RequestTarget | null {
  const target = parseRequestTarget(req.url);
  if (target) return target;
  const body = 'Bad request: the request target must be a path, such as /.';
  res.writeHead(400, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  res.end(body);
  return null;
}
