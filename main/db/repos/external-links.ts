// external_links: which record of a connection's system is ours (supplier, list entry, tax rate, document), with
// the system's version token and the hash of what we last sent. Used by the worker's reference resolution, the
// QuickBooks Desktop session, supplier sync and the companies' list mirroring alike.
import type { Database } from 'better-sqlite3';

export function findLink(db: Database, connectionId: string, entityType: string, entityId: string) {
  return db
    .prepare<
      [string, string, string],
      { external_id: string; sync_token: string | null; payload_hash: string | null }
    >(
      `SELECT external_id, sync_token, payload_hash FROM external_links
       WHERE connection_id = ? AND entity_type = ? AND entity_id = ?`,
    )
    .get(connectionId, entityType, entityId);
}

/** Whether the connection has any link: something of ours was sent to its system or paired with a record there. */
export function hasLinks(db: Database, connectionId: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM external_links WHERE connection_id = ? LIMIT 1`).get(connectionId) !== undefined
  );
}

/** Links our record to theirs; returns the id of our other record already linked to it, if any (no change). */
export function upsertLink(
  db: Database,
  link: {
    connectionId: string;
    entityType: string;
    entityId: string;
    externalId: string;
    syncToken?: string | null;
    payloadHash?: string | null;
    now: Date;
  },
): { conflictWith: string | null } {
  const other = db
    .prepare<[string, string, string, string], { entity_id: string }>(
      `SELECT entity_id FROM external_links
       WHERE connection_id = ? AND entity_type = ? AND external_id = ? AND entity_id <> ?`,
    )
    .get(link.connectionId, link.entityType, link.externalId, link.entityId);
  if (other) return { conflictWith: other.entity_id };
  db.prepare(
    `INSERT INTO external_links (connection_id, entity_type, entity_id, external_id, sync_token, payload_hash, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, entity_type, entity_id) DO UPDATE SET
       external_id = excluded.external_id, sync_token = excluded.sync_token,
       payload_hash = excluded.payload_hash, updated_at = excluded.updated_at`,
  ).run(
    link.connectionId,
    link.entityType,
    link.entityId,
    link.externalId,
    link.syncToken ?? null,
    link.payloadHash ?? null,
    link.now.toISOString(),
  );
  return { conflictWith: null };
}
