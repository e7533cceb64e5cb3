// The Web Connector endpoint as the App exposes it: the service (tickets, sessions, the eight callbacks), its
// HTTP handler for /qbwc, and the address the .qwc file must point at. Built once per App in main/app.ts.
import type { Database } from 'better-sqlite3';
import type { SecretStore } from '../../../secrets/index.js';
import type { QbdExchange } from '../exchange.js';
import { createWebConnectorHttpHandler, type WebConnectorHandler } from './http-handler.js';
import { setEndpointUrl } from './qwc.js';
import {
  createWebConnectorService,
  type WebConnectorService,
  type WebConnectorServiceOptions,
} from './service.js';

export { QBWC_PATH, QBWC_SUPPORT_PATH, buildQwc, endpointUrl, publicBaseUrl, qwcIdentity } from './qwc.js';
export { startWebConnectorListener, type WebConnectorListener } from './listener.js';
export type { SessionProblem, SessionRecord, SessionOutcome } from './sessions-repo.js';
export { SignInThrottle, type FailureStreak } from './sign-in-throttle.js';

export interface WebConnector {
  /** Answers /qbwc, /qbwc?wsdl and /qbwc/support. */
  handle: WebConnectorHandler;
  service: WebConnectorService;
  /** Records where the Web Connector reaches this app (base URL, no path), for the .qwc file. */
  setEndpoint(baseUrl: string): void;
  close(): void;
}

export interface WebConnectorOptions {
  db: Database;
  secrets: Pick<SecretStore, 'get'>;
  exchange: QbdExchange | null;
  version: string;
  log?: WebConnectorServiceOptions['log'];
  now?: () => Date;
  ticketIdleMs?: number;
  busyWindowMs?: number;
  maxBodyBytes?: number;
  refusalFloorMs?: number;
}

export function createWebConnector(options: WebConnectorOptions): WebConnector {
  const service = createWebConnectorService(options);
  const handle = createWebConnectorHttpHandler({ service, maxBodyBytes: options.maxBodyBytes });
  // Idle sessions are also ended lazily on every call; the timer closes them when the Web Connector is gone.
  const timer = setInterval(() => service.sweep(), 60_000);
  timer.unref();
  return {
    handle,
    service,
    setEndpoint: (baseUrl) => setEndpointUrl(options.db, baseUrl),
    close() {
      clearInterval(timer);
      service.close();
    },
  };
}
