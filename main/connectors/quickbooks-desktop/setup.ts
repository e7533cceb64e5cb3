// What setting up the Web Connector takes, as the API's Web Connector page shows it (contract.ts, SessionSetup):
// the password the Web Connector signs in with, the .qwc file, and the record of its sessions. The API reaches it
// through the registry (registry.session(system).setup), never through these files.
import type { SessionSetup } from '../contract.js';
import { buildQwc, endpointUrl } from './qbwc/qwc.js';
import { SESSION_LOST_AFTER_MS, SessionsRepo } from './qbwc/sessions-repo.js';
import { qbdSettings } from './settings.js';

/** The keychain entry (per connection) holding the password the user types into the Web Connector. */
export const WEB_CONNECTOR_PASSWORD = 'webConnectorPassword';

export const webConnectorSetup: SessionSetup = {
  passwordName: WEB_CONNECTOR_PASSWORD,
  userName: (connection) => qbdSettings(connection).username || null,
  endpointUrl: (db) => endpointUrl(db),
  setupFile: (db, connection) => buildQwc(db, connection),
  sessions: (db, connectionId, limit) =>
    new SessionsRepo(db).list(connectionId, limit).map((s) => ({
      id: s.id,
      connectionId: s.connectionId,
      outcome: s.outcome,
      startedAt: s.startedAt,
      lastSeenAt: s.lastSeenAt,
      endedAt: s.endedAt,
      companyFile: s.companyFile,
      summary: s.summary && {
        messages: s.summary.messages,
        requests: s.summary.requests,
        documentsSent: s.summary.documentsSent,
        documentsFailed: s.summary.documentsFailed,
        listRecords: s.summary.listRecords,
        paymentsImported: s.summary.paymentsImported,
      },
      problems: s.problems,
    })),
  runningSessions: (db, connectionId) => new SessionsRepo(db).countRunning(connectionId),
  lostAfterMs: SESSION_LOST_AFTER_MS,
};
