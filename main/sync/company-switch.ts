// A connection switched to another company of the same system (QuickBooks Online realm, Xero organisation, NetSuite
// account). The old company's ids mean other records, or nothing, in the new one (QuickBooks numbers every
// company's vendors and accounts from 1): sent there, a bill would land on the wrong vendor, a revision would
// overwrite an unrelated bill. So, in the transaction that confirms the switch, everything the connection knew of
// the old company leaves the live tables: the pairings, the mirrored lists' ids, the documents' send records and
// what the outbox still held for documents sent there. Each id is kept in retired_company_links; each document
// sent there says so in its status and log. Nothing is deleted from the documents themselves.
import type { Database } from 'better-sqlite3';
import { refreshAggregate } from './document-sync.js';
import type { LogInput } from './log.js';

export interface RetiredCompany {
  /** Pairings (suppliers, our list entries, tax rates) that pointed into the old company. */
  pairings: number;
  /** Mirrored list entries hidden, their old ids kept. */
  listEntries: number;
  /** Documents sent to the old company: marked historical on this connection, never updated into the new one. */
  documents: number;
  /** Jobs for those documents that had not run: superseded. */
  jobs: number;
}

/**
 * Retires what `connectionId` knew of the company `from` now that it reaches `to`. Call inside the transaction
 * that records the switch; `log` receives one entry per document sent to the old company (append them after the
 * commit, or in the same transaction). Labels name the companies for a person: "Northwind (realm 9130…)".
 */
export function retireCompanyLinks(
  db: Database,
  input: { connectionId: string; systemLabel: string; from: string; to: string; now: Date },
): { retired: RetiredCompany; entries: LogInput[] } {
  const at = input.now.toISOString();
  const { connectionId } = input;
  const keep = db.prepare(
    `INSERT INTO retired_company_links (connection_id, company_label, entity_type, entity_id, external_id, sync_token, retired_at)
     SELECT connection_id, ?, entity_type, entity_id, external_id, sync_token, ? FROM external_links WHERE connection_id = ?`,
  );
  keep.run(input.from, at, connectionId);

  const sent = db
    .prepare<[string], { entity_id: string; external_id: string; number: string; type: string }>(
      `SELECT l.entity_id, l.external_id, d.number, d.type FROM external_links l JOIN documents d ON d.id = l.entity_id
       WHERE l.connection_id = ? AND l.entity_type = 'document'`,
    )
    .all(connectionId);
  const pairings = db
    .prepare(`DELETE FROM external_links WHERE connection_id = ? AND entity_type <> 'document'`)
    .run(connectionId).changes;
  db.prepare(`DELETE FROM external_links WHERE connection_id = ? AND entity_type = 'document'`).run(
    connectionId,
  );

  db.prepare(
    `INSERT INTO retired_company_links (connection_id, company_label, entity_type, entity_id, external_id, sync_token, retired_at)
     SELECT connection_id, ?, 'mirrored_list_entry', id, external_id, NULL, ? FROM list_entries
      WHERE connection_id = ? AND external_id IS NOT NULL`,
  ).run(input.from, at, connectionId);
  // Hidden, not deleted: documents' lines and suppliers' defaults keep pointing at them, by name, for the record.
  // Without an id they are never sent as the old company's record; a line that uses one is looked up by name.
  const listEntries = db
    .prepare(
      `UPDATE list_entries SET external_id = NULL, active = 0, hidden_at = COALESCE(hidden_at, ?), updated_at = ?
       WHERE connection_id = ? AND external_id IS NOT NULL`,
    )
    .run(at, at, connectionId).changes;
  for (const table of [
    'list_imports',
    'supplier_sync_state',
    'attachment_deliveries',
    'accounting_checkpoints',
  ]) {
    db.prepare(`DELETE FROM ${table} WHERE connection_id = ?`).run(connectionId);
  }

  const supersede = db.prepare(
    `UPDATE outbox_jobs SET status = 'superseded', updated_at = ?
     WHERE connection_id = ? AND entity_type = 'document' AND entity_id = ? AND status IN ('pending', 'waiting')`,
  );
  const mark = db.prepare(
    `INSERT INTO document_sync (document_id, connection_id, status, external_id, last_message, updated_at)
     VALUES (?, ?, 'historical', NULL, ?, ?)
     ON CONFLICT (document_id, connection_id) DO UPDATE SET status = 'historical', external_id = NULL,
       last_message = excluded.last_message, updated_at = excluded.updated_at`,
  );
  const entries: LogInput[] = [];
  let jobs = 0;
  for (const doc of sent) {
    jobs += supersede.run(at, connectionId, doc.entity_id).changes;
    const message =
      `Sent to ${input.from} before this connection was switched to ${input.to}. It stays in ${input.from}, and ` +
      `Ledgerbridge will not update or remove it there any more, nor update it into ${input.to}. To have it in ` +
      `${input.to} too, choose Send to ${input.systemLabel}: that creates it there as a new record.`;
    mark.run(doc.entity_id, connectionId, message, at);
    refreshAggregate(db, doc.entity_id);
    entries.push({
      documentId: doc.entity_id,
      connectionId,
      action: 'company_switch',
      result: 'info',
      message,
      detail: `${doc.type} ${doc.number}: its id ${doc.external_id} in ${input.from} is kept in the record of retired links`,
    });
  }
  return { retired: { pairings, listEntries, documents: sent.length, jobs }, entries };
}
