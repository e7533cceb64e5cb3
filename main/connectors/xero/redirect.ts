// Xero compares the redirect URI of a sign-in with the app's registered ones exactly — scheme, host, port and path;
// no wildcards (developer.xero.com/faq/oauth2), and a localhost URI registered without a port is matched as port
// 80. Plain http is allowed for localhost only. RFC 8252's "any port on loopback" is therefore not available: the
// app registers one fixed URI, `http://localhost:<redirectPort>/callback`, and the sign-in must come back there.
//
// The engine's loopback listener (main/oauth/loopback.ts) takes a random free port and checks `state`. So during a
// sign-in a small relay listens on the fixed port and sends the browser on to that listener, query and all; the
// code exchange names the fixed URI, as the authorize request did. redirectPort 0 skips the relay and uses the
// listener's own URI (for a sign-in server that accepts any loopback port, such as the simulator).
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { requestTargetOr400 } from '../../http/request-target.js';
import { ConnectorError } from '../contract.js';

export const DEFAULT_REDIRECT_PORT = 58723;
const CALLBACK_PATH = '/callback';
const RELAY_TIMEOUT_MS = 5 * 60_000;

/** The redirect URI to register in the Xero app for this port. */
export function registeredRedirectUri(port: number): string {
  return `http://localhost:${port}${CALLBACK_PATH}`;
}

export interface Relay {
  close(): void;
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Listens on localhost:port (IPv4, and IPv6 where there is one) and forwards the callback that carries this
 * sign-in's `state` to `target`, the engine's loopback listener. Any other request — a callback with another or
 * no state, which any web page could send to localhost — is answered 400 and the relay keeps waiting, so it can
 * neither cancel the sign-in nor slip a code into it. Closes after forwarding, or after five minutes.
 */
export async function startRelay(port: number, target: string, state: string): Promise<Relay> {
  const servers: http.Server[] = [];
  const timing: { timer?: NodeJS.Timeout } = {};
  const close = () => {
    clearTimeout(timing.timer);
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  };
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = requestTargetOr400(req, res);
    if (!url) return;
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Nothing here.');
      return;
    }
    const given = url.searchParams.get('state');
    if (given === null || !sameText(given, state)) {
      res
        .writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
        .end(
          'This answer does not belong to the Xero sign-in Ledgerbridge started. If you are signing in, finish in the window Ledgerbridge opened.',
        );
      return;
    }
    const next = new URL(target);
    next.search = url.search;
    res.writeHead(302, { location: next.toString(), 'cache-control': 'no-store' }).end();
    setImmediate(close);
  };
  const v4 = http.createServer(handler);
  try {
    await listen(v4, port, '127.0.0.1');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConnectorError(
      'needs_user',
      code === 'EADDRINUSE'
        ? `Port ${port}, where Xero sends the browser back after sign-in, is in use (another sign-in still open, or another program). Finish or close the other sign-in and choose Connect again; if another program keeps the port, pick another Redirect port in the connection and register ${registeredRedirectUri(0).replace(':0', ':<that port>')} in your Xero app.`
        : `Ledgerbridge could not listen on port ${port} for the sign-in answer (${code ?? String(error)}). Pick another Redirect port in the connection, register it in your Xero app, and choose Connect again.`,
    );
  }
  servers.push(v4);
  // Browsers may try ::1 for "localhost" first; listening there too saves them the fallback. Optional.
  const v6 = http.createServer(handler);
  await listen(v6, port, '::1').then(
    () => servers.push(v6),
    () => undefined,
  );
  timing.timer = setTimeout(close, RELAY_TIMEOUT_MS);
  timing.timer.unref();
  return { close };
}
