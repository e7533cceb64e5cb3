// QuickBooks Desktop as a SessionConnector. QuickBooks Desktop cannot be called: Intuit's Web Connector calls us
// on its schedule (qbwc/), and the engine (engine.ts) takes this connection's outbox jobs from the ledger during
// that session. So this connector only describes the connection (settings, limits, where to start a session) and
// checks that the Web Connector can sign in; it has no send or reference methods for the worker to call.
import {
  ConnectorError,
  type ConnectResult,
  type ConnectorContext,
  type SessionConnector,
  type SyncPolicy,
} from '../contract.js';
import { QBD_LIST_KINDS } from './lists.js';
import { QBD_DEFAULT_SETTINGS, QbdSettingsInput } from './settings.js';
import { WEB_CONNECTOR_PASSWORD, webConnectorSetup } from './setup.js';

export const QBD_SYSTEM = 'quickbooks_desktop';
export const QBD_LABEL = 'QuickBooks Desktop';
/** Requests per qbXML message the engine aims at; QuickBooks handles far more, the Web Connector's timeout less. */
export const QBD_BATCH_SIZE = 50;

const SET_UP =
  'Set the Web Connector password on the Web Connector page, download the .qwc file there and add it in the QuickBooks Web Connector (Add an application).';

export const quickBooksDesktopConnector: SessionConnector = {
  system: QBD_SYSTEM,
  label: QBD_LABEL,
  role: 'accounting',
  delivery: 'session',
  sessionHint: 'Open the Web Connector on the QuickBooks computer and click Update Selected to run it now.',
  setup: webConnectorSetup,
  settingsSchema: QbdSettingsInput,
  defaultSettings: QBD_DEFAULT_SETTINGS,
  /** The lists a Web Connector session mirrors (lists.ts; vendors go to Suppliers, not to a list). */
  listKinds: QBD_LIST_KINDS,
  /** Create in QuickBooks Desktop (Needs pairing): a vendor, added at the next session (VendorAdd) with createMissing. */
  createsReferenceKinds: ['supplier'],

  policy(): SyncPolicy {
    // One Web Connector session at a time; a message carries up to QBD_BATCH_SIZE requests. The Web Connector
    // paces itself, so there is no per-minute limit of ours to respect.
    return { concurrency: 1, requestsPerMinute: 6000, batchSize: QBD_BATCH_SIZE };
  },

  async connect(ctx: ConnectorContext): Promise<ConnectResult> {
    const password = await ctx.secrets.get(WEB_CONNECTOR_PASSWORD);
    if (!password) {
      throw new ConnectorError('needs_user', `The Web Connector password is not set yet. ${SET_UP}`, {
        detail: `no '${WEB_CONNECTOR_PASSWORD}' secret for connection ${ctx.connection.id}`,
      });
    }
    // No browser sign-in: QuickBooks asks its own user to authorize the application on the first session.
    return { authorizeUrl: null };
  },

  async test(ctx: ConnectorContext): Promise<{ ok: boolean; message: string }> {
    const password = await ctx.secrets.get(WEB_CONNECTOR_PASSWORD);
    if (!password) return { ok: false, message: `The Web Connector password is not set yet. ${SET_UP}` };
    // The engine writes each session's outcome into the connection's status message (engine.ts).
    const { status, statusMessage } = ctx.connection;
    if (statusMessage && (status === 'connected' || status === 'error')) {
      return { ok: status === 'connected', message: statusMessage };
    }
    return {
      ok: true,
      message:
        'Ready, but the Web Connector has not called yet. Add the .qwc file in the QuickBooks Web Connector, enter the password and click Update Selected.',
    };
  },
};
