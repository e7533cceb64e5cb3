// A listener that answers only the Web Connector's paths (/qbwc, /qbwc/support): what the Electron shell runs
// on its local port. HTTP on 127.0.0.1 by default; HTTPS with a certificate for a Web Connector on another
// machine. Host names other than localhost (and the configured public name) are refused (DNS rebinding).
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { requestTargetOr400 } from '../../../http/request-target.js';
import type { WebConnectorHandler } from './http-handler.js';
import { QBWC_PATH, publicBaseUrl } from './qwc.js';

export interface WebConnectorListenerOptions {
  handle: WebConnectorHandler;
  port: number;
  /** Bind address; 127.0.0.1 unless the Web Connector runs on another machine. */
  host?: string;
  /** Certificate and key files (PEM) for HTTPS. */
  tls?: { certFile: string; keyFile: string };
  /** The DNS name the Web Connector uses when it is on another machine (must match the certificate). */
  publicHost?: string;
}

export interface WebConnectorListener {
  /** Base URL for the .qwc file (http://localhost:PORT or https://HOST:PORT). */
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

/** Host header values a request to this listener may carry. */
export function allowedHostHeaders(port: number, publicHost?: string): Set<string> {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  if (publicHost) names.push(publicHost.toLowerCase());
  return new Set(names.map((n) => `${n}:${port}`));
}

export async function startWebConnectorListener(
  options: WebConnectorListenerOptions,
): Promise<WebConnectorListener> {
  let port = options.port;
  let allowed = allowedHostHeaders(port, options.publicHost);
  const listener: http.RequestListener = (req, res) => {
    const target = requestTargetOr400(req, res);
    if (!target) return;
    const { pathname } = target;
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowed.has(host) && !(port === (options.tls ? 443 : 80) && allowed.has(`${host}:${port}`))) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Unknown host name.');
      return;
    }
    if (pathname !== QBWC_PATH && !pathname.startsWith(`${QBWC_PATH}/`)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.');
      return;
    }
    options.handle(req, res);
  };
  const server = options.tls
    ? https.createServer(
        { cert: fs.readFileSync(options.tls.certFile), key: fs.readFileSync(options.tls.keyFile) },
        listener,
      )
    : http.createServer(listener);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  allowed = allowedHostHeaders(port, options.publicHost);
  return {
    baseUrl: publicBaseUrl({ port, tls: Boolean(options.tls), publicHost: options.publicHost }),
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
