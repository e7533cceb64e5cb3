// The composition root: builds the core from a data directory — database, keychain, connectors, sync worker —
// and exposes it as one `call(method, input)` that validates both ways against preload/contract.ts. The
// Electron shell, the headless server and the tests all go through here.
import { EventEmitter } from 'node:events';
import os from 'node:os';
import type { AppEvent } from '../preload/contract.js';
import { contract, isMethodName } from '../preload/contract.js';
import { createSchedules } from './accounting/index.js';
import type { ApiContext } from './api/context.js';
import { fromZodError } from './api/errors.js';
import { handlers } from './api/handlers.js';
import type { Connector } from './connectors/contract.js';
import { ConnectorRegistry, defaultConnectors } from './connectors/registry.js';
import { createQbdEngine } from './connectors/quickbooks-desktop/engine.js';
import { jobCostingQbdUnits, RefreshSchedule } from './job-costing/index.js';
import type { QbdExchange } from './connectors/quickbooks-desktop/exchange.js';
import {
  SignInThrottle,
  createWebConnector,
  type WebConnector,
  type WebConnectorOptions,
} from './connectors/quickbooks-desktop/qbwc/index.js';
import { listAttachments, readAttachmentFile } from './capture/attachments.js';
import { stopCaptureReaders } from './capture/load.js';
import { openDatabase } from './db/database.js';
import { loadDocument } from './db/repos/documents.js';
import { getSupplier } from './db/repos/suppliers.js';
import { AppError } from './domain/errors.js';
import { KeychainSecretStore, type SecretStore } from './secrets/index.js';
import { createIntegrationLog } from './sync/log.js';
import { redactText } from './sync/redact.js';
import { SyncWorker } from './sync/worker.js';
import packageJson from '../package.json' with { type: 'json' };

export interface AppOptions {
  dataDir: string;
  /** Who acts when a request names nobody; the operating-system user by default. */
  userName?: string;
  secrets?: SecretStore;
  /** The systems to register (connectors/registry.ts); every system this version knows by default. */
  connectors?: Connector[];
  /** Start the sync worker (default true). Tests that drive it by hand turn it off. */
  startSync?: boolean;
  /** The QuickBooks Desktop engine behind the Web Connector (tests pass their own). */
  qbdExchange?: QbdExchange;
  /** Web Connector timing (tests shorten or fake it). */
  webConnector?: Pick<
    WebConnectorOptions,
    'now' | 'ticketIdleMs' | 'busyWindowMs' | 'maxBodyBytes' | 'refusalFloorMs'
  >;
}

export interface App {
  dataDir: string;
  /** Validates input against the contract, runs the handler, returns validated output or throws AppError. */
  call(method: string, input: unknown): Promise<unknown>;
  /** Push events (sync progress, new log entries); returns unsubscribe. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** The sync worker, for tests and benchmarks that wait for it to go idle. */
  readonly sync: SyncWorker;
  /** The QuickBooks Web Connector endpoint: `webConnector.handle(req, res)` answers /qbwc. */
  readonly webConnector: WebConnector;
  close(): Promise<void>;
}

/** The systems a default start registers (connectors/registry.ts). */
export { defaultConnectors };

export async function createApp(options: AppOptions): Promise<App> {
  const db = openDatabase(options.dataDir);
  const secrets = options.secrets ?? new KeychainSecretStore();
  const redact = redactText;
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const emit = (event: AppEvent) => events.emit('event', event);
  const connectors = new ConnectorRegistry(options.connectors ?? defaultConnectors);
  const log = createIntegrationLog(db, { redact, emit });

  const worker = new SyncWorker({
    db,
    connectors,
    secrets: {
      get: (connectionId, name) => secrets.get(connectionId, name),
      set: (connectionId, name, value) => secrets.set(connectionId, name, value),
      delete: async (connectionId, name) => void (await secrets.delete(connectionId, name)),
    },
    loadDocument: (id) => loadDocument(db, id),
    loadSupplier: (id) => getSupplier(db, id),
    attachments: (documentId) =>
      listAttachments(db, documentId).map((record) => ({
        id: record.id,
        fileName: record.fileName,
        mimeType: record.mimeType,
        sha256: record.sha256,
        read: async () => readAttachmentFile(options.dataDir, record),
      })),
    emit,
    redact,
  });

  // The QuickBooks Desktop engine: driven by the Web Connector's sessions, asked for list imports and payments
  // through the API (ctx.qbdRequests).
  const qbdEngine = createQbdEngine({ db, log, emit, units: jobCostingQbdUnits });

  const ctx: ApiContext = {
    db,
    dataDir: options.dataDir,
    version: packageJson.version,
    userName: options.userName ?? safeUserName(),
    secrets,
    connectors,
    emit,
    kickSync: () => worker.kick(),
    connectorContext: (connection) => worker.connectorContext(connection),
    log: (entry) => void log.append(entry),
    qbdRequests: qbdEngine,
    qbdSignIns: new SignInThrottle(db, options.webConnector?.now),
  };

  const webConnector = createWebConnector({
    db,
    secrets,
    exchange: options.qbdExchange ?? qbdEngine,
    version: packageJson.version,
    log: (entry) => void log.append(entry),
    ...options.webConnector,
  });

  // What runs on its own (main/accounting/schedules.ts): payments made in the accounting systems come back on a
  // schedule (connections with importPayments on), and ServiceTrade connections pull on theirs
  // (settings.refreshMinutes; "Refresh now" joins a pull that is already running instead of starting a second one).
  const schedules = createSchedules({
    accounting: ctx,
    serviceTrade: new RefreshSchedule({
      db,
      connectorContext: (connection) => worker.connectorContext(connection),
      log: (entry) => void log.append(entry),
      announce: (connectionId) => emit({ type: 'connection', connectionId }),
    }),
  });
  if (options.startSync !== false) {
    await worker.start();
    schedules.start();
  }

  let closed = false;
  return {
    dataDir: options.dataDir,
    sync: worker,
    webConnector,
    async call(method, input) {
      if (closed)
        throw new AppError('internal', 'Ledgerbridge is shutting down. Start it again to continue.');
      if (!isMethodName(method)) {
        throw new AppError('not_found', `There is no API method '${method}'.`);
      }
      const spec = contract[method];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) throw fromZodError(parsed.error);
      const handler = handlers[method] as (input: unknown, ctx: ApiContext) => unknown;
      const output = await handler(parsed.data, ctx);
      // Parsing the output too strips anything a handler added by mistake before it crosses a process boundary.
      const checked = spec.output.safeParse(output);
      if (!checked.success) {
        // A handler broke its own contract: our bug, never the caller's input.
        throw new AppError(
          'internal',
          'Ledgerbridge produced an answer it could not check. Try again, or report this.',
          {
            detail: `${method} output: ${checked.error.message}`,
          },
        );
      }
      return checked.data;
    },
    onEvent(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      webConnector.close();
      await schedules.stop();
      await worker.stop();
      // The capture worker thread (decoding and OCR) is ended rather than left for its idle minute.
      await stopCaptureReaders();
      db.close();
    },
  };
}

function safeUserName(): string {
  try {
    return os.userInfo().username || 'user';
  } catch {
    return 'user';
  }
}
