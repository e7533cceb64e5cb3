// The record of Web Connector sessions (migration 0007): what each session did and the problems it met, for
// qbd.sessions and the Web Connector page. Tickets are stored only as SHA-256 hashes, so a ticket we issued can
// be recognised after it expired (and after a restart) without the table holding a usable ticket. Problems go
// through the app's one redaction (sync/redact.ts) before they are stored and again when they are read, so an
// error message that carried a password or a token reaches neither the table nor qbd.sessions.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { redactText } from '../../../sync/redact.js';
import type { QbdSessionSummary } from '../exchange.js';

export type SessionOutcome =
  | 'running'
  | 'done'
  | 'failed'
  | 'expired'
  | 'nothing_to_do'
  | 'busy'
  | 'replaced'
  | 'refused'
  | 'interrupted';

export interface SessionProblem {
  /** The HRESULT, status code or our own code (e.g. "0x80040408", "nvu"). */
  code: string;
  /** What QuickBooks or the Web Connector said. */
  message: string;
  /** What to do about it, in plain language. */
  fix: string;
}

export interface SessionRecord {
  id: string;
  connectionId: string;
  outcome: SessionOutcome;
  startedAt: string;
  lastSeenAt: string;
  endedAt: string | null;
  companyFile: string | null;
  summary: QbdSessionSummary | null;
  problems: SessionProblem[];
}

interface Row {
  id: string;
  connection_id: string;
  outcome: SessionOutcome;
  started_at: string;
  last_seen_at: string;
  ended_at: string | null;
  company_file: string | null;
  summary_json: string | null;
  errors_json: string;
}

/** Sessions kept per connection; older ones are removed as new ones start. */
const KEEP_PER_CONNECTION = 200;

/**
 * A running session silent this long is taken as lost: the Web Connector gave up on it (closed, crashed, or timed
 * out its call) and will not come back to it. The next session replaces it instead of being answered "busy"
 * (service.ts), and the pages show what it left unfinished as stopped rather than as still being read.
 */
export const SESSION_LOST_AFTER_MS = 10 * 60_000;

export function hashTicket(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex');
}

function redactProblems(problems: readonly SessionProblem[]): SessionProblem[] {
  return problems.map((p) => ({
    code: redactText(String(p.code)),
    message: redactText(String(p.message)),
    fix: redactText(String(p.fix)),
  }));
}

function problemsJson(problems: readonly SessionProblem[] | undefined): string {
  return JSON.stringify(redactProblems(problems ?? []));
}

function redactSummary(summary: QbdSessionSummary): QbdSessionSummary {
  return {
    ...summary,
    problems: (summary.problems ?? []).map((p) => ({
      code: redactText(String(p.code)),
      message: redactText(String(p.message)),
    })),
  };
}

function toRecord(row: Row): SessionRecord {
  return {
    id: row.id,
    connectionId: row.connection_id,
    outcome: row.outcome,
    startedAt: row.started_at,
    lastSeenAt: row.last_seen_at,
    endedAt: row.ended_at,
    companyFile: row.company_file,
    summary: row.summary_json ? redactSummary(JSON.parse(row.summary_json) as QbdSessionSummary) : null,
    // Rows written before problems were redacted on the way in are redacted on the way out.
    problems: redactProblems(JSON.parse(row.errors_json) as SessionProblem[]),
  };
}

export class SessionsRepo {
  constructor(private readonly db: Database) {}

  /** Sessions a previous run of the app left open can never finish: their conversations were in memory. */
  closeLeftovers(at: string): void {
    this.db
      .prepare(
        `UPDATE qbwc_sessions SET outcome = 'interrupted', ended_at = ? WHERE outcome = 'running' AND ended_at IS NULL`,
      )
      .run(at);
  }

  start(input: {
    id: string;
    connectionId: string;
    ticket: string;
    outcome: SessionOutcome;
    at: string;
    companyFile: string | null;
    problems?: SessionProblem[];
  }): void {
    const ended = input.outcome === 'running' ? null : input.at;
    const insert = this.db.transaction(() => {
      // Refusals repeat on every scheduled run (a wrong password, nothing to do): one row per streak, not per run.
      if (input.outcome !== 'running') {
        const last = this.db
          .prepare(
            `SELECT id, outcome FROM qbwc_sessions WHERE connection_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1`,
          )
          .get(input.connectionId) as { id: string; outcome: SessionOutcome } | undefined;
        if (last && last.outcome === input.outcome) {
          this.db
            .prepare(
              `UPDATE qbwc_sessions SET ticket_hash = ?, last_seen_at = ?, ended_at = ?, errors_json = ? WHERE id = ?`,
            )
            .run(hashTicket(input.ticket), input.at, ended, problemsJson(input.problems), last.id);
          return;
        }
      }
      this.db
        .prepare(
          `INSERT INTO qbwc_sessions (id, connection_id, ticket_hash, outcome, started_at, last_seen_at, ended_at,
             company_file, errors_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.id,
          input.connectionId,
          hashTicket(input.ticket),
          input.outcome,
          input.at,
          input.at,
          ended,
          input.companyFile,
          problemsJson(input.problems),
        );
      this.db
        .prepare(
          `DELETE FROM qbwc_sessions WHERE connection_id = ? AND id NOT IN (
             SELECT id FROM qbwc_sessions WHERE connection_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?)`,
        )
        .run(input.connectionId, input.connectionId, KEEP_PER_CONNECTION);
    });
    insert();
  }

  /** How many of the connection's sessions are running now (at most one, but a crash may have left more). */
  countRunning(connectionId: string): number {
    const row = this.db
      .prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM qbwc_sessions WHERE connection_id = ? AND outcome = 'running'`,
      )
      .get(connectionId);
    return row?.n ?? 0;
  }

  /** The session a ticket was issued for, running or not; undefined for a ticket we never issued. */
  byTicket(ticket: string): SessionRecord | undefined {
    const row = this.db
      .prepare(`SELECT * FROM qbwc_sessions WHERE ticket_hash = ?`)
      .get(hashTicket(ticket)) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  touch(id: string, at: string, companyFile?: string): void {
    if (companyFile !== undefined) {
      this.db
        .prepare(`UPDATE qbwc_sessions SET last_seen_at = ?, company_file = ? WHERE id = ?`)
        .run(at, companyFile, id);
    } else {
      this.db.prepare(`UPDATE qbwc_sessions SET last_seen_at = ? WHERE id = ?`).run(at, id);
    }
  }

  setProblems(id: string, problems: SessionProblem[]): void {
    this.db.prepare(`UPDATE qbwc_sessions SET errors_json = ? WHERE id = ?`).run(problemsJson(problems), id);
  }

  end(
    id: string,
    input: {
      outcome: SessionOutcome;
      at: string;
      summary: QbdSessionSummary | null;
      problems: SessionProblem[];
    },
  ): void {
    this.db
      .prepare(
        `UPDATE qbwc_sessions SET outcome = ?, ended_at = ?, last_seen_at = ?, summary_json = ?, errors_json = ?
         WHERE id = ?`,
      )
      .run(
        input.outcome,
        input.at,
        input.at,
        input.summary ? JSON.stringify(redactSummary(input.summary)) : null,
        problemsJson(input.problems),
        id,
      );
  }

  list(connectionId: string, limit: number): SessionRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM qbwc_sessions WHERE connection_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?`,
      )
      .all(connectionId, limit) as Row[];
    return rows.map(toRecord);
  }
}
