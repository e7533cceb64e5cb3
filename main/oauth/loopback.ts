// RFC 8252 loopback redirect: a one-shot HTTP listener on 127.0.0.1 with a random port that receives the
// authorization code from the system browser. The state must match (constant-time), the first valid answer wins,
// and the listener closes itself after the answer or after the time limit.
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../domain/errors.js';
import { requestTargetOr400 } from '../http/request-target.js';
import { randomState } from './pkce.js';

export interface SignInAnswer {
  code: string;
  /** Every query parameter of the redirect (realmId for Intuit, for example). */
  params: Record<string, string>;
}

export interface LoopbackSession {
  redirectUri: string;
  state: string;
  /** Resolves with the code, or rejects when the user refuses in the browser or the time runs out. */
  answer: Promise<SignInAnswer>;
  close(): void;
}

const page = (title: string, text: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:system-ui;margin:4rem;color:#1f2933"><h1>${title}</h1><p>${text}</p></body></html>`;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startLoopback(
  options: { path?: string; timeoutMs?: number; host?: string; systemLabel?: string } = {},
): Promise<LoopbackSession> {
  const callbackPath = options.path ?? '/callback';
  const state = randomState();
  const label = options.systemLabel ?? 'the accounting system';
  let settle: { resolve(answer: SignInAnswer): void; reject(error: Error): void } | undefined;
  const answer = new Promise<SignInAnswer>((resolve, reject) => (settle = { resolve, reject }));
  answer.catch(() => undefined); // the caller may close without awaiting; avoid an unhandled rejection

  const server = http.createServer((req, res) => {
    const url = requestTargetOr400(req, res);
    if (!url) return;
    const reply = (status: number, title: string, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(page(title, text));
    };
    if (req.method !== 'GET' || url.pathname !== callbackPath)
      return reply(404, 'Not found', 'Nothing here.');
    const params = Object.fromEntries(url.searchParams.entries());
    if (!params.state || !sameText(params.state, state)) {
      return reply(
        400,
        'Sign-in not recognised',
        'This answer does not belong to the sign-in Ledgerbridge started. Start again from Connections.',
      );
    }
    if (params.error) {
      reply(200, 'Sign-in canceled', 'You can close this window and return to Ledgerbridge.');
      settle?.reject(
        new AppError(
          'unauthorized',
          `Sign-in to ${label} was not completed (${params.error}). Choose Connect again and allow access.`,
        ),
      );
      return close();
    }
    if (!params.code || !/^[\w.~+/=-]{1,2048}$/.test(params.code)) {
      return reply(
        400,
        'Sign-in failed',
        'The answer carried no authorization code. Start again from Connections.',
      );
    }
    reply(200, 'Signed in', 'You can close this window and return to Ledgerbridge.');
    settle?.resolve({ code: params.code, params });
    close();
  });

  const timer = setTimeout(
    () => {
      settle?.reject(
        new AppError('unauthorized', `Sign-in to ${label} took too long. Choose Connect again to retry.`),
      );
      close();
    },
    options.timeoutMs ?? 5 * 60_000,
  );
  timer.unref();

  function close(): void {
    clearTimeout(timer);
    server.closeAllConnections();
    server.close();
    settle?.reject(new AppError('unauthorized', `Sign-in to ${label} was stopped.`));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { redirectUri: `http://127.0.0.1:${port}${callbackPath}`, state, answer, close };
}
