// The Web Connector's eight callbacks with the semantics of Intuit's QBWC Programmer's Guide v2.0 (ch. 2 and
// ch. 10), over the engine's QbdExchange. This file knows tickets, passwords and the call sequence; it never
// looks inside qbXML. SOAP and HTTP are in soap.ts and http-handler.ts.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3';
import { listConnections } from '../../../db/repos/connections.js';
import type { SecretStore } from '../../../secrets/index.js';
import { QBD_SYSTEM } from '../connector.js';
import { WEB_CONNECTOR_PASSWORD } from '../setup.js';
import { emptySummary, type QbdConversation, type QbdExchange, type QbdSessionSummary } from '../exchange.js';
import { qbdSettings } from '../settings.js';
import { describeHresult, describeServiceProblem } from './problems.js';
import {
  SESSION_LOST_AFTER_MS,
  SessionsRepo,
  type SessionOutcome,
  type SessionProblem,
} from './sessions-repo.js';
import { FREE_FAILURES, MAX_WAIT_MS, SignInThrottle } from './sign-in-throttle.js';

/** The oldest Web Connector that speaks this protocol (NoOp and serverVersion arrived in 2.0). */
const MIN_CLIENT_MAJOR = 2;
const CURRENT_CLIENT = '2.3.0.215';
/** "NoOp" makes the Web Connector wait 5 s; this many in a row (one minute) and the session ends instead. */
const MAX_NOOPS = 12;
/** connectionError retries with the same company file; the guide warns against more than a couple. */
const MAX_CONNECTION_RETRIES = 1;

export class UnknownTicketError extends Error {
  constructor() {
    super(
      'The ticket is not one this service issued. Start a new session (Update Selected in the Web Connector).',
    );
    this.name = 'UnknownTicketError';
  }
}

export interface WebConnectorServiceOptions {
  db: Database;
  secrets: Pick<SecretStore, 'get'>;
  /** The engine; null while none is wired (authenticate then answers "none"). */
  exchange: QbdExchange | null;
  /** Shown by the Web Connector in "More Information". */
  version: string;
  now?: () => Date;
  /** A ticket unused this long is dead (the Web Connector's own callback timeout is far shorter). */
  ticketIdleMs?: number;
  /**
   * A second session for a connection is answered "busy" while the first was heard from within this window;
   * after it the first is presumed lost (Web Connector closed or crashed) and replaced, as the guide advises.
   */
  busyWindowMs?: number;
  /**
   * A refused sign-in is answered no sooner than this after it arrived (250 ms by default), so that a known and
   * an unknown user name take the same time: the keychain read and the compare happen well inside it.
   */
  refusalFloorMs?: number;
  /** The integration log (connection-level entries). */
  log?: (entry: {
    connectionId: string;
    action: string;
    result: 'success' | 'failure' | 'retry' | 'info';
    message: string;
    detail?: string | null;
  }) => void;
}

interface LiveSession {
  id: string;
  ticket: string;
  connectionId: string;
  conversation: QbdConversation;
  lastSeen: number;
  sentFirstRequest: boolean;
  /** The last percentage receiveResponseXML returned (null before the first answer). */
  lastPercent: number | null;
  noOps: number;
  pendingNoOp: boolean;
  connectionRetries: number;
  lastError: string;
  failed: boolean;
  problems: SessionProblem[];
}

export interface WebConnectorService {
  serverVersion(): string;
  clientVersion(strVersion: string): string;
  authenticate(strUserName: string, strPassword: string): Promise<[string, string, string, string]>;
  sendRequestXML(input: {
    ticket: string;
    strHCPResponse: string;
    strCompanyFileName: string;
    qbXMLCountry: string;
    qbXMLMajorVers: number;
    qbXMLMinorVers: number;
  }): string;
  receiveResponseXML(input: { ticket: string; response: string; hresult: string; message: string }): number;
  connectionError(input: { ticket: string; hresult: string; message: string }): string;
  getLastError(ticket: string): string;
  closeConnection(ticket: string): string;
  /**
   * What a ticket is, without using it: a running session's ('live'), one we issued whose session has ended, or
   * one we never issued. The HTTP layer asks before reading a large body.
   */
  ticketState(ticket: string): 'live' | 'ended' | 'unknown';
  /** Ends idle sessions (also done lazily on every call). */
  sweep(): void;
  /** Ends every running session (app shutdown). */
  close(): void;
  readonly repo: SessionsRepo;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time comparison of a given password with the stored one (hashes make the lengths equal). */
function passwordMatches(given: string, stored: string): boolean {
  return timingSafeEqual(digest(given), digest(stored));
}

/** Stands in for a stored password when there is none to compare with: the compare is done all the same. */
const DECOY_PASSWORD = randomBytes(24).toString('base64url');

function describeWait(ms: number): string {
  if (ms < 60_000) return `${Math.ceil(ms / 1000)} seconds`;
  const minutes = Math.ceil(ms / 60_000);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

function describeSummary(summary: QbdSessionSummary): string {
  const parts = [`${summary.documentsSent} document${summary.documentsSent === 1 ? '' : 's'} sent`];
  if (summary.documentsFailed > 0) parts.push(`${summary.documentsFailed} need attention in Ledgerbridge`);
  if (summary.listRecords > 0) parts.push(`${summary.listRecords} list records read`);
  if (summary.paymentsImported > 0) parts.push(`${summary.paymentsImported} payments read`);
  return parts.join(', ');
}

export function createWebConnectorService(options: WebConnectorServiceOptions): WebConnectorService {
  const now = options.now ?? (() => new Date());
  const idleMs = options.ticketIdleMs ?? 30 * 60_000;
  const busyMs = options.busyWindowMs ?? SESSION_LOST_AFTER_MS;
  const repo = new SessionsRepo(options.db);
  const throttle = new SignInThrottle(options.db, now);
  const refusalFloorMs = options.refusalFloorMs ?? 250;
  const live = new Map<string, LiveSession>(); // by ticket
  repo.closeLeftovers(now().toISOString());

  const iso = () => now().toISOString();
  const log = (
    connectionId: string,
    result: 'success' | 'failure' | 'retry' | 'info',
    message: string,
    detail?: string,
  ) => options.log?.({ connectionId, action: 'qbd.webconnector', result, message, detail: detail ?? null });

  function addProblem(session: LiveSession, problem: SessionProblem): void {
    if (!session.problems.some((p) => p.code === problem.code && p.message === problem.message)) {
      session.problems.push(problem);
      repo.setProblems(session.id, session.problems);
    }
  }

  /** Closes the engine's side and writes the outcome. Never throws: a session must always be able to end. */
  function finish(session: LiveSession, outcome: SessionOutcome): QbdSessionSummary {
    live.delete(session.ticket);
    let summary: QbdSessionSummary;
    try {
      summary = session.conversation.close();
    } catch (error) {
      summary = emptySummary();
      addProblem(session, describeServiceProblem('internal', error));
    }
    for (const p of summary.problems) {
      if (!session.problems.some((q) => q.code === p.code)) {
        session.problems.push({ code: p.code, message: p.message, fix: p.message });
      }
    }
    repo.end(session.id, { outcome, at: iso(), summary, problems: session.problems });
    return summary;
  }

  function sweep(): void {
    const t = now().getTime();
    for (const session of [...live.values()]) {
      if (t - session.lastSeen > idleMs) {
        finish(session, 'expired');
        log(
          session.connectionId,
          'retry',
          'The Web Connector session stopped answering and expired. The next Web Connector run continues where it stopped.',
        );
      }
    }
  }

  /**
   * The live session of a ticket. A ticket we issued whose session has ended (expired, closed, replaced) gives
   * null: the caller answers the way the guide asks for a lost session. A ticket we never issued is refused.
   */
  function sessionOf(ticket: string): LiveSession | null {
    sweep();
    const session = live.get(ticket);
    if (session) {
      session.lastSeen = now().getTime();
      repo.touch(session.id, iso());
      return session;
    }
    if (ticket !== '' && !repo.byTicket(ticket)) throw new UnknownTicketError();
    return null;
  }

  function endedMessage(ticket: string): string {
    const record = ticket === '' ? undefined : repo.byTicket(ticket);
    if (
      record?.outcome === 'expired' ||
      record?.outcome === 'replaced' ||
      record?.outcome === 'interrupted'
    ) {
      return 'This Web Connector session had expired. Nothing was lost: click Update Selected in the Web Connector to start a new one.';
    }
    if (record && record.outcome !== 'running') return 'This Web Connector session has already ended.';
    return 'The Web Connector could not sign in to Ledgerbridge. Check the password on the Web Connector page.';
  }

  return {
    repo,

    serverVersion: () => `Ledgerbridge ${options.version}`,

    clientVersion(strVersion) {
      const major = Number.parseInt(strVersion.trim().split('.')[0] ?? '', 10);
      // "O:<version>" asks the user to upgrade the Web Connector; anything unreadable is let through.
      if (Number.isInteger(major) && major < MIN_CLIENT_MAJOR) return `O:${CURRENT_CLIENT}`;
      return '';
    },

    async authenticate(userName, password) {
      const arrived = performance.now();
      const refuse = async (): Promise<[string, string, string, string]> => {
        const left = refusalFloorMs - (performance.now() - arrived);
        if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
        return ['', 'nvu', '', ''];
      };
      sweep();
      // While a user name waits after repeated failures, its attempts are not even checked.
      if (throttle.waiting(userName)) return refuse();

      const qbdConnections = listConnections(options.db).filter((c) => c.system === QBD_SYSTEM);
      const candidates = qbdConnections.filter((c) => qbdSettings(c).username === userName);
      let connection: (typeof candidates)[number] | undefined;
      for (const candidate of candidates) {
        const stored = await options.secrets.get(candidate.id, WEB_CONNECTOR_PASSWORD);
        if (passwordMatches(password, stored ?? DECOY_PASSWORD) && stored !== null) {
          connection = candidate;
          break;
        }
      }
      const decoy = qbdConnections[0];
      if (candidates.length === 0 && decoy) {
        // An unknown user name costs what a known one does: the same keychain read and compare, result unused.
        const stored = await options.secrets.get(decoy.id, WEB_CONNECTOR_PASSWORD);
        passwordMatches(password, stored ?? DECOY_PASSWORD);
      }
      if (!connection) {
        const streak = throttle.failed(userName);
        const wait = Date.parse(streak.retryAfter) - Date.parse(streak.lastFailedAt);
        for (const candidate of candidates) {
          const problem = describeServiceProblem('nvu');
          const inARow =
            streak.failures === 1
              ? ''
              : ` ${streak.failures} wrong passwords in a row${wait > 0 ? `; the next attempt is checked after ${describeWait(wait)}` : ''}.`;
          repo.start({
            id: randomUUID(),
            connectionId: candidate.id,
            ticket: `refused:${randomUUID()}`,
            outcome: 'refused',
            at: iso(),
            companyFile: null,
            problems: [{ ...problem, message: `${problem.message}${inARow}` }],
          });
          // One entry per streak, not per attempt: a guesser must not be able to fill the log.
          if (streak.started) {
            log(
              candidate.id,
              'failure',
              problem.fix,
              `Further wrong passwords for ${userName} are not logged until a sign-in succeeds or the password is set again. After ${FREE_FAILURES} in a row, each attempt waits twice as long as the one before (up to ${describeWait(MAX_WAIT_MS)}).`,
            );
          }
        }
        return refuse();
      }
      throttle.clear(userName);

      const ticket = randomBytes(32).toString('base64url');
      const t = now().getTime();
      const running = [...live.values()].find((s) => s.connectionId === connection.id);
      // A session that only waits for closeConnection (it answered 100, or failed) is over: as the guide advises,
      // a new authenticate drops it rather than being told "busy".
      const waitingToClose = running !== undefined && (running.lastPercent === 100 || running.failed);
      if (running && !waitingToClose && t - running.lastSeen <= busyMs) {
        repo.start({
          id: randomUUID(),
          connectionId: connection.id,
          ticket,
          outcome: 'busy',
          at: iso(),
          companyFile: null,
          problems: [describeServiceProblem('busy')],
        });
        return [ticket, 'busy', '', ''];
      }
      if (running && waitingToClose) {
        finish(running, running.failed ? 'failed' : 'done');
      } else if (running) {
        finish(running, 'replaced');
        log(
          connection.id,
          'info',
          'A new Web Connector session replaced one that had stopped answering. Anything that session sent is checked before it is sent again.',
        );
      }

      if (!options.exchange || !options.exchange.hasWork(connection.id)) {
        repo.start({
          id: randomUUID(),
          connectionId: connection.id,
          ticket,
          outcome: 'nothing_to_do',
          at: iso(),
          companyFile: null,
        });
        return [ticket, 'none', '', ''];
      }

      const id = randomUUID();
      const conversation = options.exchange.begin(connection.id, id);
      const companyFile = qbdSettings(connection).companyFile ?? '';
      live.set(ticket, {
        id,
        ticket,
        connectionId: connection.id,
        conversation,
        lastSeen: t,
        sentFirstRequest: false,
        lastPercent: null,
        noOps: 0,
        pendingNoOp: false,
        connectionRetries: 0,
        lastError: '',
        failed: false,
        problems: [],
      });
      repo.start({
        id,
        connectionId: connection.id,
        ticket,
        outcome: 'running',
        at: iso(),
        companyFile: companyFile || null,
      });
      // "" = the company file open in QuickBooks; otherwise the Web Connector opens this one.
      return [ticket, companyFile, '', ''];
    },

    sendRequestXML(input) {
      const session = sessionOf(input.ticket);
      if (!session) return '';
      session.pendingNoOp = false;
      const first = !session.sentFirstRequest;
      session.sentFirstRequest = true;
      if (first && input.strCompanyFileName) repo.touch(session.id, iso(), input.strCompanyFileName);
      let xml: string;
      try {
        xml = session.conversation.nextRequest(
          first
            ? {
                hcpResponse: input.strHCPResponse,
                companyFileName: input.strCompanyFileName,
                qbXMLCountry: input.qbXMLCountry,
                qbXMLMajorVers: input.qbXMLMajorVers,
                qbXMLMinorVers: input.qbXMLMinorVers,
              }
            : null,
        );
      } catch (error) {
        const problem = describeServiceProblem('internal', error);
        addProblem(session, problem);
        session.failed = true;
        session.lastError = problem.fix;
        return '';
      }
      if (xml !== '') {
        session.noOps = 0;
        return xml;
      }
      // Nothing to send right now. While the engine said work remains, ask the Web Connector to wait ("NoOp"
      // through getLastError); otherwise getLastError tells it the session is over.
      const workRemains = session.lastPercent !== null && session.lastPercent < 100;
      if (workRemains && session.noOps < MAX_NOOPS) {
        session.noOps += 1;
        session.pendingNoOp = true;
      } else if (!session.failed) {
        session.lastError = 'Ledgerbridge has nothing more to send to QuickBooks in this session.';
      }
      return '';
    },

    receiveResponseXML(input) {
      const session = sessionOf(input.ticket);
      if (!session) return -1;
      // QuickBooks failed the whole message. When the engine carries on anyway (a message QuickBooks could not
      // read is split so only the document it refuses fails), the engine logs what it does instead.
      const messageFailed = () => {
        if (!input.hresult) return;
        const problem = describeHresult(input.hresult, input.message);
        addProblem(session, problem);
        log(session.connectionId, 'failure', problem.fix, `${input.hresult}: ${input.message}`);
      };
      let percent: number;
      try {
        percent = session.conversation.receiveResponse({
          response: input.response,
          hresult: input.hresult,
          message: input.message,
        });
      } catch (error) {
        messageFailed();
        const problem = describeServiceProblem('internal', error);
        addProblem(session, problem);
        session.failed = true;
        session.lastError = problem.fix;
        return -1;
      }
      if (!Number.isFinite(percent) || percent < 0) {
        messageFailed();
        session.failed = true;
        session.lastError = session.conversation.lastError() || describeServiceProblem('internal').fix;
        session.lastPercent = -1;
        return -1;
      }
      // The Web Connector refuses anything but a whole number (a decimal is an error on its side).
      const whole = percent >= 100 ? 100 : Math.min(99, Math.max(0, Math.floor(percent)));
      session.lastPercent = whole;
      return whole;
    },

    connectionError(input) {
      const session = sessionOf(input.ticket);
      if (!session) return 'done';
      const problem = describeHresult(input.hresult, input.message);
      addProblem(session, problem);
      try {
        session.conversation.connectionError(input.hresult, input.message);
      } catch (error) {
        addProblem(session, describeServiceProblem('internal', error));
      }
      session.lastError = problem.fix;
      if (problem.retry && session.connectionRetries < MAX_CONNECTION_RETRIES) {
        session.connectionRetries += 1;
        log(session.connectionId, 'retry', problem.fix, `${input.hresult}: ${input.message}`);
        // Any string but "done" is the company file to try again with ("" = the one open in QuickBooks).
        const connection = listConnections(options.db).find((c) => c.id === session.connectionId);
        return (connection && qbdSettings(connection).companyFile) || '';
      }
      session.failed = true;
      log(session.connectionId, 'failure', problem.fix, `${input.hresult}: ${input.message}`);
      return 'done';
    },

    getLastError(ticket) {
      const session = sessionOf(ticket);
      if (!session) return endedMessage(ticket);
      if (session.pendingNoOp) {
        session.pendingNoOp = false;
        return 'NoOp';
      }
      return session.lastError || 'Ledgerbridge has nothing more to send to QuickBooks in this session.';
    },

    closeConnection(ticket) {
      const session = sessionOf(ticket);
      if (!session) return endedMessage(ticket);
      const failed = session.failed || (session.problems.length > 0 && session.lastPercent !== 100);
      const summary = finish(session, failed ? 'failed' : 'done');
      const text = describeSummary(summary);
      log(
        session.connectionId,
        failed ? 'failure' : 'success',
        failed
          ? `Web Connector session ended with a problem: ${session.lastError || text}`
          : `Web Connector session done: ${text}.`,
      );
      return failed ? `Ledgerbridge: stopped. ${session.lastError}`.trim() : `Ledgerbridge: done. ${text}.`;
    },

    ticketState(ticket) {
      sweep();
      if (live.has(ticket)) return 'live';
      return ticket !== '' && repo.byTicket(ticket) ? 'ended' : 'unknown';
    },

    sweep,

    close() {
      for (const session of [...live.values()]) finish(session, 'interrupted');
    },
  };
}
