// The integration log: one entry per attempt and outcome, per document and connection. It is what a bookkeeper
// reads to learn what was sent, when, and what the accounting system answered, so every text is redacted on
// the way in (never on the way out: a secret that reached the table has already leaked).
import type { Database } from 'better-sqlite3';
import type { AppEvent, LogEntryT } from '../../preload/contract.js';
import { composeRedact, type Redact } from './redact.js';

export type LogResult = LogEntryT['result'];

/**
 * What an entry concerns besides (or instead of) a document: a ServiceTrade job ('job', servicetrade_jobs.id) or
 * invoice ('st_invoice', servicetrade_invoices.id). Their timelines on the Jobs page read entries by entity.
 */
export type LogEntityType = 'job' | 'st_invoice';
export interface LogEntity {
  type: LogEntityType;
  id: string;
}

export interface LogInput {
  /** Derived from the document or the connection when omitted. */
  companyId?: string | null;
  documentId?: string | null;
  connectionId?: string | null;
  /** With entityId: the job or invoice the entry concerns (both or neither). */
  entityType?: LogEntityType | null;
  entityId?: string | null;
  action: string;
  result: LogResult;
  message: string;
  detail?: string | null;
}

export interface LogQuery {
  companyId?: string;
  documentId?: string;
  connectionId?: string;
  /** Entries about any of these jobs or invoices (an empty list matches nothing). */
  entities?: LogEntity[];
  result?: LogResult;
  offset?: number;
  limit?: number;
}

export interface LogDeps {
  /** The secrets layer's redactor (removes known secret values); credential shapes are stripped as well. */
  redact: Redact;
  emit?: (event: AppEvent) => void;
  now?: () => Date;
}

/** Longest detail kept per entry: a provider's full HTML error page helps nobody and bloats the table. */
export const MAX_DETAIL_LENGTH = 8_000;
export const MAX_MESSAGE_LENGTH = 1_000;

interface LogRow {
  id: number;
  at: string;
  company_id: string | null;
  document_id: string | null;
  document_number: string | null;
  connection_id: string | null;
  entity_type: LogEntityType | null;
  entity_id: string | null;
  action: string;
  result: LogResult;
  message: string;
  detail: string | null;
}

const SELECT = `SELECT l.id, l.at, l.company_id, l.document_id, d.number AS document_number, l.connection_id,
  l.entity_type, l.entity_id, l.action, l.result, l.message, l.detail
  FROM integration_log l LEFT JOIN documents d ON d.id = l.document_id`;

function toEntry(row: LogRow): LogEntryT {
  return {
    id: String(row.id),
    at: row.at,
    companyId: row.company_id,
    documentId: row.document_id,
    documentNumber: row.document_number,
    connectionId: row.connection_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    result: row.result,
    message: row.message,
    detail: row.detail,
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Writes one entry (redacted) and emits it as a {type:'log'} event. Synchronous: may run inside a transaction. */
export function appendLog(db: Database, input: LogInput, deps: LogDeps): LogEntryT {
  const redact = composeRedact(deps.redact);
  let companyId = input.companyId ?? null;
  if (companyId === null && input.documentId) {
    companyId =
      db
        .prepare<[string], { company_id: string }>('SELECT company_id FROM documents WHERE id = ?')
        .get(input.documentId)?.company_id ?? null;
  }
  if (companyId === null && input.connectionId) {
    companyId =
      db
        .prepare<[string], { company_id: string }>('SELECT company_id FROM connections WHERE id = ?')
        .get(input.connectionId)?.company_id ?? null;
  }
  const at = (deps.now?.() ?? new Date()).toISOString();
  const message = clip(redact(input.message), MAX_MESSAGE_LENGTH);
  const detail = input.detail == null ? null : clip(redact(input.detail), MAX_DETAIL_LENGTH);
  const entityType = input.entityType ?? null;
  const entityId = input.entityId ?? null;
  if ((entityType === null) !== (entityId === null)) {
    throw new Error('an integration log entity needs both its type and its id');
  }
  const info = db
    .prepare(
      `INSERT INTO integration_log (at, company_id, document_id, connection_id, entity_type, entity_id, action,
         result, message, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      at,
      companyId,
      input.documentId ?? null,
      input.connectionId ?? null,
      entityType,
      entityId,
      input.action,
      input.result,
      message,
      detail,
    );
  const row = db.prepare<[number], LogRow>(`${SELECT} WHERE l.id = ?`).get(Number(info.lastInsertRowid));
  if (!row) throw new Error('integration log entry vanished after insert');
  const entry = toEntry(row);
  deps.emit?.({ type: 'log', entry });
  return entry;
}

/** Entries matching every given filter, newest first. */
export function listLog(db: Database, query: LogQuery = {}): { total: number; items: LogEntryT[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.companyId !== undefined) {
    where.push('l.company_id = ?');
    params.push(query.companyId);
  }
  if (query.documentId !== undefined) {
    where.push('l.document_id = ?');
    params.push(query.documentId);
  }
  if (query.connectionId !== undefined) {
    where.push('l.connection_id = ?');
    params.push(query.connectionId);
  }
  if (query.entities !== undefined) {
    if (query.entities.length === 0) return { total: 0, items: [] };
    where.push(`(${query.entities.map(() => '(l.entity_type = ? AND l.entity_id = ?)').join(' OR ')})`);
    for (const entity of query.entities) params.push(entity.type, entity.id);
  }
  if (query.result !== undefined) {
    where.push('l.result = ?');
    params.push(query.result);
  }
  const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const total =
    db
      .prepare<(string | number)[], { n: number }>(`SELECT COUNT(*) AS n FROM integration_log l${clause}`)
      .get(...params)?.n ?? 0;
  const limit = Math.min(Math.max(query.limit ?? 100, 1), 500);
  const offset = Math.max(query.offset ?? 0, 0);
  const items = db
    .prepare<(string | number)[], LogRow>(`${SELECT}${clause} ORDER BY l.id DESC LIMIT ? OFFSET ?`)
    .all(...params, limit, offset)
    .map(toEntry);
  return { total, items };
}

/** The log bound to its redactor and event sink, as the worker and the API handlers use it. */
export interface IntegrationLog {
  append(input: LogInput): LogEntryT;
  list(query?: LogQuery): { total: number; items: LogEntryT[] };
}

export function createIntegrationLog(db: Database, deps: LogDeps): IntegrationLog {
  return {
    append: (input) => appendLog(db, input, deps),
    list: (query) => listLog(db, query),
  };
}
