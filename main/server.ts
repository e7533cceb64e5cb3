// Headless mode's HTTP face: the API at POST /api/<method>, its description at GET /api, push events at
// GET /api/events (server-sent events) and the built renderer at /. It binds to 127.0.0.1, demands the bearer
// token on everything under /api, refuses foreign Origins and Host names (DNS rebinding), and never sends a stack.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { contract, isMethodName, methodNames, type AppEvent } from '../preload/contract.js';
import type { App } from './app.js';
import { toApiError } from './api/errors.js';
import { AppError } from './domain/errors.js';
import { requestTargetOr400 } from './http/request-target.js';
import { describeError } from './sync/redact.js';

export interface ServerOptions {
  app: App;
  port?: number;
  host?: string;
  /** The built renderer (dist/renderer); the UI is not served when it is missing. */
  rendererDir?: string;
  token?: string;
  /** Largest request body; imports of big CSV files are the reason it is not small. */
  maxBodyBytes?: number;
  /** Extra handlers mounted before the API (the Web Connector endpoint uses this). */
  routes?: { prefix: string; handle: (req: http.IncomingMessage, res: http.ServerResponse) => void }[];
}

export interface RunningServer {
  url: string;
  token: string;
  /** Opens the UI in a browser on this machine: carries the token once, in the fragment (never sent to a server). */
  openUrl: string;
  port: number;
  close(): Promise<void>;
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: unknown): void {
  const { status, body } = toApiError(error);
  if (status >= 500) {
    // The caller gets a generic message; the operator's console keeps what happened (secrets removed by the same
    // redaction as the log and the stored errors).
    console.error(`[api] ${describeError(error)}`);
  }
  sendJson(res, status, { error: body });
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(
          new AppError(
            'invalid_input',
            `The request is larger than ${Math.round(limit / 1e6)} MB. Split the file and import it in parts.`,
          ),
        );
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The API's self-description: every method with the JSON Schema of its input and output. */
export function describeApi(): { methods: { name: string; input: unknown; output: unknown }[] } {
  return {
    methods: methodNames.map((name) => ({
      name,
      input: z.toJSONSchema(contract[name].input, { io: 'input', unrepresentable: 'any' }),
      output: z.toJSONSchema(contract[name].output, { io: 'output', unrepresentable: 'any' }),
    })),
  };
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 80_000_000;
  const streams = new Set<http.ServerResponse>();
  let port = options.port ?? 0;
  let apiDescription: ReturnType<typeof describeApi> | null = null;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const allowedOrigins = () => new Set([...allowedHosts()].map((h) => `http://${h}`));

  const unsubscribe = options.app.onEvent((event: AppEvent) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of streams) res.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  function authorized(req: http.IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    return match?.[1] !== undefined && tokensMatch(match[1], token);
  }

  async function handleApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
  ): Promise<void> {
    if (!authorized(req)) {
      sendJson(res, 401, {
        error: {
          code: 'unauthorized',
          message: 'The API token is missing or wrong. Open the address printed in server.json.',
        },
      });
      return;
    }
    if (pathname === '/api' && req.method === 'GET') {
      apiDescription ??= describeApi();
      sendJson(res, 200, apiDescription);
      return;
    }
    if (pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    const method = pathname.slice('/api/'.length);
    if (req.method !== 'POST' || !isMethodName(method)) {
      sendJson(res, 404, {
        error: { code: 'not_found', message: `There is no API method '${method}'. GET /api lists them.` },
      });
      return;
    }
    const text = await readBody(req, maxBody);
    let input: unknown;
    try {
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new AppError('invalid_input', 'The request body is not valid JSON.');
    }
    sendJson(res, 200, await options.app.call(method, input));
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    const root = options.rendererDir;
    if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The user interface is not built. Run `npm run build`, then start the server again.');
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.resolve(root, `.${decoded}`);
    if (!file.startsWith(path.resolve(root) + path.sep) && file !== path.resolve(root)) {
      res.writeHead(403).end();
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        const target = requestTargetOr400(req, res);
        if (!target) return;
        const { pathname } = target;
        // Host names are case-insensitive (RFC 9110 §4.2.3): "LOCALHOST:PORT" is this server too.
        if (!allowedHosts().has((req.headers.host ?? '').toLowerCase())) {
          sendJson(res, 403, {
            error: { code: 'forbidden', message: 'Requests must be addressed to 127.0.0.1 or localhost.' },
          });
          return;
        }
        const origin = req.headers.origin;
        if (origin !== undefined && !allowedOrigins().has(origin.toLowerCase())) {
          sendJson(res, 403, {
            error: { code: 'forbidden', message: 'Requests from other web sites are refused.' },
          });
          return;
        }
        const route = options.routes?.find(
          (r) => pathname === r.prefix || pathname.startsWith(`${r.prefix}/`),
        );
        if (route) return route.handle(req, res);
        if (pathname === '/api' || pathname.startsWith('/api/')) return await handleApi(req, res, pathname);
        if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(req, res, pathname);
        res.writeHead(405).end();
      } catch (error) {
        if (!res.headersSent) sendError(res, error);
        else res.end();
      }
    })();
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    token,
    port,
    openUrl: `${url}/#token=${encodeURIComponent(token)}`,
    close: async () => {
      unsubscribe();
      clearInterval(heartbeat);
      for (const res of streams) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
