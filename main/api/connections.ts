// Connections: a company's link to an accounting system (or ServiceTrade). Settings live in SQLite; credentials
// go straight to the keychain and only their names are ever returned. Connecting may need a browser sign-in,
// which finishes on its own through the loopback redirect.
import { isDeepStrictEqual } from 'node:util';
import type { ConnectionT, ParsedInput } from '../../preload/contract.js';
import { refreshCompanySettings } from '../accounting/index.js';
import { getCompany } from '../db/repos/companies.js';
import {
  getConnection,
  insertConnection,
  listConnections,
  updateConnectionRow,
} from '../db/repos/connections.js';
import { AppError, type FieldProblem } from '../domain/errors.js';
import {
  ConnectorError,
  isPush,
  isSession,
  type Connector,
  type PushConnector,
  type SignInResult,
} from '../connectors/contract.js';
import { startLoopback } from '../oauth/loopback.js';
import { createPkcePair } from '../oauth/pkce.js';
import { refreshAggregate } from '../sync/document-sync.js';
import { countRunningJobs } from '../sync/job-reads.js';
import { markHistorical, resumeWaiting } from '../sync/outbox.js';
import { confirmCompany, settleCompany } from './company-confirmation.js';
import type { ApiContext, Handlers } from './context.js';
import { fromZodError } from './errors.js';

/** Settings every accounting connection understands, with the defaults a bookkeeper expects. */
const COMMON_DEFAULTS = {
  documentsToSend: ['purchase_order', 'service_order', 'invoice'],
  importPayments: true,
  createMissing: true,
};

function connectorOf(ctx: ApiContext, system: string): Connector {
  const connector = ctx.connectors.get(system);
  if (!connector) {
    const available = [...ctx.connectors.values()].map((c) => c.label).join(', ') || 'none yet';
    throw new AppError(
      'not_supported',
      `Ledgerbridge cannot connect to '${system}' in this version. Available: ${available}.`,
      {
        problems: [{ field: 'system', message: 'is not available' }],
      },
    );
  }
  return connector;
}

function checkSettings(connector: Connector, settings: Record<string, unknown>): Record<string, unknown> {
  const parsed = connector.settingsSchema.safeParse(settings);
  if (!parsed.success) throw fromZodError(parsed.error, `The ${connector.label} settings`);
  return { ...settings, ...(parsed.data as Record<string, unknown>) };
}

/**
 * The stored settings a connector still declares. Connector schemas are strict, so a key stored before they were
 * (a value pasted under a mistyped name, a setting since retired) is dropped at the next save instead of making
 * every save fail; what the caller sends is checked whole.
 */
function declaredSettings(connector: Connector, stored: Record<string, unknown>): Record<string, unknown> {
  const schema = connector.settingsSchema as {
    shape?: Record<string, unknown>;
    def?: { catchall?: unknown };
  };
  const strict =
    schema.shape !== undefined && (schema.def?.catchall as { type?: string } | undefined)?.type === 'never';
  if (!strict || !schema.shape) return stored;
  const shape = schema.shape;
  return Object.fromEntries(Object.entries(stored).filter(([key]) => key in shape));
}

/**
 * A connection's name tells it apart in every message, so two of a company's connections never share one (compared
 * without regard to case, as a person reads them).
 */
function checkNameFree(ctx: ApiContext, companyId: string, name: string, exceptId?: string): void {
  const key = name.trim().toLocaleLowerCase();
  const taken = listConnections(ctx.db, companyId).find(
    (c) => c.id !== exceptId && c.name.trim().toLocaleLowerCase() === key,
  );
  if (!taken) return;
  throw new AppError(
    'conflict',
    `This company already has a connection named '${taken.name}'. Choose another name for this one, say the company file or organisation it reaches.`,
    { problems: [{ field: 'name', message: 'is already the name of another connection of this company' }] },
  );
}

async function storeCredentials(
  ctx: ApiContext,
  connection: ConnectionT,
  credentials: Record<string, string>,
): Promise<ConnectionT> {
  const names = new Set(connection.credentialNames);
  for (const [name, value] of Object.entries(credentials)) {
    if (value === '') {
      await ctx.secrets.delete(connection.id, name);
      names.delete(name);
    } else {
      await ctx.secrets.set(connection.id, name, value);
      names.add(name);
    }
  }
  return updateConnectionRow(ctx.db, connection.id, { credentialNames: [...names] });
}

async function createConnection(
  ctx: ApiContext,
  input: ParsedInput<'connections.create'>,
): Promise<ConnectionT> {
  getCompany(ctx.db, input.companyId);
  const connector = connectorOf(ctx, input.system);
  const settings = checkSettings(connector, {
    ...COMMON_DEFAULTS,
    ...connector.defaultSettings,
    ...input.settings,
  });
  const connection = ctx.db.transaction(() => {
    const existing = listConnections(ctx.db, input.companyId);
    // A company has one accounting system and at most one source; the registry says which a system is.
    const isSource = ctx.connectors.isSource(input.system);
    const clash = existing.find((c) => ctx.connectors.isSource(c.system) === isSource);
    if (clash) {
      const problem: FieldProblem = {
        field: 'system',
        message: 'this company already has such a connection',
      };
      throw new AppError(
        'conflict',
        isSource
          ? `This company is already connected to ${clash.name}. Change that connection instead of adding a second.`
          : `This company is already connected to ${clash.name}. A company sends to one accounting system; remove that connection first or create another company.`,
        { problems: [problem] },
      );
    }
    const name = input.name ?? connector.label;
    checkNameFree(ctx, input.companyId, name);
    const created = insertConnection(ctx.db, {
      companyId: input.companyId,
      system: input.system,
      name,
      settings,
    });
    // Documents approved before the connection existed are history: never sent automatically. A source
    // (ServiceTrade) receives no documents at all, so it gets no sync rows.
    if (!isSource) markHistorical(ctx.db, created.id);
    return created;
  })();
  try {
    const stored = input.credentials
      ? await storeCredentials(ctx, connection, input.credentials)
      : connection;
    ctx.emit({ type: 'connection', connectionId: stored.id });
    return stored;
  } catch (error) {
    // Nothing half-made: without its credentials the connection is removed again.
    await ctx.secrets.deleteAll(connection.id).catch(() => 0);
    ctx.db.prepare('DELETE FROM connections WHERE id = ?').run(connection.id);
    throw error;
  }
}

async function updateConnection(
  ctx: ApiContext,
  input: ParsedInput<'connections.update'>,
): Promise<ConnectionT> {
  const current = getConnection(ctx.db, input.id);
  const connector = connectorOf(ctx, current.system);
  let updated = ctx.db.transaction(() => {
    if (input.name !== undefined) checkNameFree(ctx, current.companyId, input.name, current.id);
    const row = updateConnectionRow(ctx.db, input.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.settings !== undefined
        ? {
            // A new account id (NetSuite) points the connection at another company: a switch that waits for
            // connections.confirmCompany, nothing sent meanwhile (the connector's holdSends).
            settings: settleCompany(
              connector.companyConfirmation,
              current,
              checkSettings(connector, {
                ...declaredSettings(connector, current.settings),
                ...input.settings,
              }),
              { by: ctx.userName, now: new Date(), connecting: false },
            ),
          }
        : {}),
    });
    // New settings (say, "Create missing records" turned on) may unblock documents that were waiting: they go back
    // in the queue, and the worker sends them or puts them back to wait at once. Only when a change can alter why
    // they wait (releasesWaiting): a queued document drops out of Needs pairing until the worker puts it back, so
    // any other save would make its row blink. Never for a system the Web Connector calls: there it would sit
    // queued until the next run, which puts every waiting document back in the queue itself when it starts.
    if (input.settings !== undefined && isPush(connector) && releasesWaiting(connector, current, row)) {
      resumeWaiting(ctx.db, input.id);
    }
    return row;
  })();
  if (input.credentials) updated = await storeCredentials(ctx, updated, input.credentials);
  ctx.emit({ type: 'connection', connectionId: updated.id });
  if (input.settings !== undefined) ctx.kickSync();
  return updated;
}

/**
 * Whether a settings save can change the outcome for a document waiting for a pairing: 'Create missing records' or
 * a setting the connection's mapping reads (PushDelivery.mappingSettings) changed, or the save starts or ends a
 * hold on sends (a switch of company waiting for its confirmation).
 */
function releasesWaiting(connector: PushConnector, before: ConnectionT, after: ConnectionT): boolean {
  const keys = ['createMissing', ...(connector.mappingSettings ?? [])];
  if (keys.some((key) => !isDeepStrictEqual(before.settings[key], after.settings[key]))) return true;
  return (connector.holdSends?.(before) ?? null) !== (connector.holdSends?.(after) ?? null);
}

function markConnected(ctx: ApiContext, connection: ConnectionT, learned?: SignInResult): ConnectionT {
  const connector = ctx.connectors.get(connection.system);
  const confirmation = connector?.companyConfirmation;
  const updated = ctx.db.transaction(() => {
    const now = new Date();
    // The company the sign-in reached: the first is confirmed with it where the bookkeeper chose it by name; another
    // than the one confirmed waits for connections.confirmCompany (the connector holds sends meanwhile).
    const settings = settleCompany(
      confirmation,
      connection,
      { ...connection.settings, ...learned?.settings },
      { by: ctx.userName, now, connecting: true },
    );
    const row = updateConnectionRow(ctx.db, connection.id, {
      status: 'connected',
      // What the sign-in learned stays visible (say, "purchase orders are not available on Essentials").
      statusMessage: learned?.statusMessage ?? null,
      settings,
      // A system that calls us (QuickBooks Desktop's Web Connector) is connected by its first run that finishes,
      // not by this: until then the connection waits for that run.
      connectedAt: connector && isSession(connector) ? connection.connectedAt : now.toISOString(),
    });
    resumeWaiting(ctx.db, connection.id);
    return row;
  })();
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'connect',
    result: 'success',
    message: `Connected to ${connection.name}.`,
  });
  ctx.emit({ type: 'connection', connectionId: connection.id });
  ctx.kickSync();
  return updated;
}

/** The message a person can act on, whoever threw. */
function userMessageOf(error: unknown, fallback: string): string {
  if (error instanceof AppError || error instanceof ConnectorError) return error.userMessage;
  return fallback;
}

function markFailed(ctx: ApiContext, connection: ConnectionT, error: unknown): void {
  const message = userMessageOf(error, `Connecting to ${connection.name} failed. Try again.`);
  updateConnectionRow(ctx.db, connection.id, { status: 'error', statusMessage: message });
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'connect',
    result: 'failure',
    message,
    detail:
      error instanceof ConnectorError
        ? (error.detail ?? error.message)
        : error instanceof Error
          ? error.message
          : null,
  });
  ctx.emit({ type: 'connection', connectionId: connection.id });
}

async function connectConnection(
  ctx: ApiContext,
  id: string,
): Promise<{ connection: ConnectionT; authorizeUrl: string | null }> {
  const connection = getConnection(ctx.db, id);
  const connector = connectorOf(ctx, connection.system);
  // A setting the sign-in needs is missing: refused before anything changes, naming the setting.
  const refusal = connector.refuseConnect?.(connection) ?? null;
  if (refusal) throw new AppError('invalid_input', refusal.message, { problems: [refusal] });
  const connectorCtx = ctx.connectorContext(connection);
  const loopback = await startLoopback({ systemLabel: connector.label });
  const pkce = createPkcePair();
  let authorizeUrl: string | null;
  try {
    ({ authorizeUrl } = await connector.connect(connectorCtx, {
      redirectUri: loopback.redirectUri,
      state: loopback.state,
      codeChallenge: pkce.challenge,
      codeVerifier: pkce.verifier,
    }));
  } catch (error) {
    loopback.close();
    markFailed(ctx, connection, error);
    throw error;
  }
  if (authorizeUrl === null) {
    loopback.close();
    return { connection: markConnected(ctx, connection), authorizeUrl: null };
  }
  const finishSignIn = connector.finishSignIn;
  if (!finishSignIn) {
    loopback.close();
    throw new Error(`${connector.label} returned an authorizeUrl but cannot finish a sign-in`);
  }
  updateConnectionRow(ctx.db, id, {
    status: 'connecting',
    statusMessage: 'Waiting for sign-in in the browser…',
  });
  // The browser comes back to the loopback listener; the connection finishes there, whoever opened the URL.
  void loopback.answer
    .then((answer) =>
      finishSignIn.call(connector, connectorCtx, {
        ...answer,
        redirectUri: loopback.redirectUri,
        codeVerifier: pkce.verifier,
      }),
    )
    .then(
      (learned) => markConnected(ctx, getConnection(ctx.db, id), learned ?? undefined),
      (error: unknown) => markFailed(ctx, getConnection(ctx.db, id), error),
    )
    .catch(() => undefined); // the database may be closed when the app quits mid sign-in
  ctx.emit({ type: 'connection', connectionId: id });
  return { connection: getConnection(ctx.db, id), authorizeUrl };
}

/**
 * Removes a connection: what its sign-in was granted is given back (best effort), its secrets leave the keychain,
 * and everything kept for it goes (sync state, outbox, links, lists; the integration log stays, unlinked). What
 * was sent stays in the accounting system. Refused while it is sending, so nothing in flight is lost track of.
 */
async function removeConnection(ctx: ApiContext, id: string) {
  const connection = getConnection(ctx.db, id);
  const connector = ctx.connectors.get(connection.system);
  // A session system (QuickBooks Desktop) sends during its own sessions: one running counts as sending.
  const sessions = ctx.connectors.session(connection.system)?.setup;
  const sending = countRunningJobs(ctx.db, id) + (sessions?.runningSessions(ctx.db, id) ?? 0);
  if (sending > 0) {
    throw new AppError(
      'conflict',
      `${connection.name} is sending right now. Wait until it has finished (the Documents list shows nothing "Sending"), then remove it.`,
    );
  }
  if (connector?.disconnect && connection.status === 'connected') {
    try {
      await connector.disconnect(ctx.connectorContext(connection));
    } catch (error) {
      ctx.log({
        companyId: connection.companyId,
        connectionId: connection.id,
        action: 'disconnect',
        result: 'info',
        message: `${connector.label} did not confirm that Ledgerbridge's access was withdrawn (${userMessageOf(error, 'no answer')}). The connection is removed here anyway; to be sure, remove Ledgerbridge from the connected apps in ${connector.label}.`,
      });
    }
  }
  const documents = ctx.db.transaction(() => {
    const touched = ctx.db
      .prepare<[string], { document_id: string }>(
        'SELECT document_id FROM document_sync WHERE connection_id = ?',
      )
      .all(id)
      .map((r) => r.document_id);
    ctx.db.prepare('DELETE FROM connections WHERE id = ?').run(id);
    for (const documentId of touched) refreshAggregate(ctx.db, documentId);
    return touched.length;
  })();
  await ctx.secrets.deleteAll(id).catch(() => 0);
  ctx.log({
    companyId: connection.companyId,
    connectionId: null,
    action: 'remove_connection',
    result: 'info',
    message: `Removed the connection ${connection.name} (${connector?.label ?? connection.system}). What was sent there stays there; ${documents} document${documents === 1 ? '' : 's'} no longer show${documents === 1 ? 's' : ''} its sync state.`,
  });
  ctx.emit({ type: 'connection', connectionId: id });
  return { id, documentsForgotten: documents };
}

export const connectionHandlers = {
  'connections.create': (input, ctx) => createConnection(ctx, input),
  'connections.update': (input, ctx) => updateConnection(ctx, input),
  'connections.list': ({ companyId }, ctx) => listConnections(ctx.db, companyId),
  'connections.connect': ({ id }, ctx) => connectConnection(ctx, id),
  'connections.remove': ({ id }, ctx) => removeConnection(ctx, id),
  'connections.test': async ({ id }, ctx) => {
    const connection = getConnection(ctx.db, id);
    const connector = connectorOf(ctx, connection.system);
    try {
      const result = await connector.test(ctx.connectorContext(connection));
      // Opening the Connections page checks each connection: the company's preferences are read again then, at
      // most every few minutes (the connector keeps the last answer that long).
      if (result.ok) await refreshCompanySettings(ctx, getConnection(ctx.db, id), connector, false);
      // A connected connection's status line follows what the system says now (say, purchase orders became
      // available after an upgrade), not only what it said at sign-in.
      const current = getConnection(ctx.db, id);
      if (result.ok && current.status === 'connected' && current.statusMessage !== result.message) {
        updateConnectionRow(ctx.db, id, { statusMessage: result.message });
        ctx.emit({ type: 'connection', connectionId: id });
      }
      return result;
    } catch (error) {
      return {
        ok: false,
        message: userMessageOf(
          error,
          `${connector.label} did not answer. Check the connection and try again.`,
        ),
      };
    }
  },
  'connections.confirmCompany': ({ connectionId, id }, ctx) =>
    confirmCompany(ctx, { connectionId, shownId: id, field: 'id' }),
  'connections.systems': (_input, ctx) => ctx.connectors.summaries(),
} satisfies Partial<Handlers>;
