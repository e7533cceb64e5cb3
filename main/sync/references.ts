// Before a document is sent, everything it refers to (its supplier; each line's item, account, class, customer
// and tax rate; list values picked at document level) must exist in the other system. A reference without an
// external link is looked up by name: one match is paired, none is created (unless the user turned off
// "Create missing records"), several is a question only the bookkeeper can answer — creating yet another
// record with the same name would make things worse.
import type { Database } from 'better-sqlite3';
import type { ConnectionT, DocumentT, SupplierT } from '../../preload/contract.js';
import type {
  Connector,
  ConnectorContext,
  ExternalMatch,
  ReferenceKind,
  ReferenceRecord,
} from '../connectors/contract.js';
import { createMissingEnabled } from './connections.js';
import type { IntegrationLog } from './log.js';

export type LinkEntityType = 'supplier' | 'list_entry' | 'tax_rate';

export interface ReferenceNeed {
  kind: ReferenceKind;
  entityType: LinkEntityType;
  /** Our id. */
  id: string;
  name: string;
  record: ReferenceRecord;
  /** Already known: mirrored from this connection, or linked before. */
  externalId: string | null;
}

export type ResolveOutcome =
  | { kind: 'ok'; references: Record<string, string> }
  | { kind: 'needs_user'; message: string; detail?: string }
  | { kind: 'waiting'; message: string };

const NOUN: Record<ReferenceKind, { ours: string; theirs: string; theirsPlural: string; pairIn: string }> = {
  supplier: { ours: 'Supplier', theirs: 'vendor', theirsPlural: 'vendors', pairIn: 'Suppliers' },
  item: { ours: 'Item', theirs: 'item', theirsPlural: 'items', pairIn: 'Connections → Lists' },
  account: { ours: 'Account', theirs: 'account', theirsPlural: 'accounts', pairIn: 'Connections → Lists' },
  class: { ours: 'Class', theirs: 'class', theirsPlural: 'classes', pairIn: 'Connections → Lists' },
  customer: {
    ours: 'Customer',
    theirs: 'customer',
    theirsPlural: 'customers',
    pairIn: 'Connections → Lists',
  },
  tax_rate: { ours: 'Tax rate', theirs: 'tax rate', theirsPlural: 'tax rates', pairIn: 'Tax rates' },
};

const LIST_KINDS: ReadonlySet<string> = new Set(['item', 'account', 'class', 'customer']);

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

interface ListEntryRow {
  id: string;
  kind: string;
  name: string;
  code: string | null;
  connection_id: string | null;
  external_id: string | null;
}

/** Every reference of the document, each once, supplier first, in line order. */
export function collectReferences(
  db: Database,
  connectionId: string,
  document: DocumentT,
  supplier: SupplierT,
): ReferenceNeed[] {
  const needs = new Map<string, ReferenceNeed>();
  needs.set(`supplier:${supplier.id}`, {
    kind: 'supplier',
    entityType: 'supplier',
    id: supplier.id,
    name: supplier.name,
    record: { kind: 'supplier', id: supplier.id, name: supplier.name, data: supplier },
    externalId: findLink(db, connectionId, 'supplier', supplier.id)?.external_id ?? null,
  });
  const listEntry = db.prepare<[string], ListEntryRow>(
    'SELECT id, kind, name, code, connection_id, external_id FROM list_entries WHERE id = ?',
  );
  const taxRate = db.prepare<[string], { id: string; name: string; percent: string }>(
    'SELECT id, name, percent FROM tax_rates WHERE id = ?',
  );
  const addListEntry = (id: string | null | undefined) => {
    if (!id || needs.has(`list_entry:${id}`)) return;
    const row = listEntry.get(id);
    if (!row) return;
    // Mirrored from this very connection: its external id is the reference.
    const mirrored = row.connection_id === connectionId && row.external_id ? row.external_id : null;
    if (!mirrored && !LIST_KINDS.has(row.kind)) return; // locations, departments, ...: only mirrored values travel
    const kind = (LIST_KINDS.has(row.kind) ? row.kind : 'item') as ReferenceKind;
    needs.set(`list_entry:${id}`, {
      kind,
      entityType: 'list_entry',
      id,
      name: row.name,
      record: { kind, id, name: row.name, data: { name: row.name, code: row.code } },
      externalId: mirrored ?? findLink(db, connectionId, 'list_entry', id)?.external_id ?? null,
    });
  };
  for (const line of document.lines) {
    addListEntry(line.itemId);
    addListEntry(line.accountId);
    addListEntry(line.classId);
    addListEntry(line.customerId);
    if (line.taxRateId && !needs.has(`tax_rate:${line.taxRateId}`)) {
      const row = taxRate.get(line.taxRateId);
      if (row) {
        needs.set(`tax_rate:${row.id}`, {
          kind: 'tax_rate',
          entityType: 'tax_rate',
          id: row.id,
          name: row.name,
          record: {
            kind: 'tax_rate',
            id: row.id,
            name: row.name,
            data: { name: row.name, code: null, percent: row.percent },
          },
          externalId: findLink(db, connectionId, 'tax_rate', row.id)?.external_id ?? null,
        });
      }
    }
  }
  for (const id of Object.values(document.fields ?? {})) addListEntry(id);
  return [...needs.values()];
}

export interface ResolveArgs {
  db: Database;
  connector: Connector;
  ctx: ConnectorContext;
  connection: ConnectionT;
  document: DocumentT;
  supplier: SupplierT;
  log: IntegrationLog;
  now: () => Date;
}

/**
 * Resolves every unlinked reference of the document, linking as it goes (a link made before a later failure is
 * kept: it is true regardless). Connector errors (transient, auth) propagate to the caller.
 */
export async function resolveReferences(args: ResolveArgs): Promise<ResolveOutcome> {
  const { db, connector, ctx, connection, document, log } = args;
  const system = connector.label;
  const references: Record<string, string> = {};
  for (const need of collectReferences(db, connection.id, document, args.supplier)) {
    if (need.externalId) {
      references[need.id] = need.externalId;
      continue;
    }
    const noun = NOUN[need.kind];
    const matches: ExternalMatch[] = await connector.findReferences(ctx, need.kind, need.name);
    if (matches.length > 1) {
      return {
        kind: 'needs_user',
        message: `There are ${matches.length} ${noun.theirsPlural} named '${need.name}' in ${system}. Pair the ${noun.ours.toLowerCase()} by hand in ${noun.pairIn}.`,
        detail: `findReferences(${need.kind}, ${JSON.stringify(need.name)}) → ${matches.map((m) => m.externalId).join(', ')}`,
      };
    }
    let match = matches[0];
    let created = false;
    if (!match) {
      if (!createMissingEnabled(connection)) {
        return {
          kind: 'waiting',
          message: `${noun.ours} '${need.name}' has no counterpart in ${system}. Pair it in ${noun.pairIn}, or turn on 'Create missing records' in the connection's settings.`,
        };
      }
      match = await connector.createReference(ctx, need.record);
      created = true;
    }
    const { conflictWith } = upsertLink(db, {
      connectionId: connection.id,
      entityType: need.entityType,
      entityId: need.id,
      externalId: match.externalId,
      now: args.now(),
    });
    if (conflictWith) {
      return {
        kind: 'needs_user',
        message: `The ${noun.theirs} '${match.name}' in ${system} is already paired with another ${noun.ours.toLowerCase()} here. Check the pairing in ${noun.pairIn}.`,
        detail: `${need.entityType} ${need.id} → external ${match.externalId}, already linked to ${conflictWith}`,
      };
    }
    log.append({
      companyId: connection.companyId,
      documentId: document.id,
      connectionId: connection.id,
      action: created ? 'create_reference' : 'match_reference',
      result: 'info',
      message: created
        ? `Created ${noun.ours.toLowerCase()} '${need.name}' in ${system}`
        : `Matched ${noun.ours.toLowerCase()} '${need.name}' to the existing ${noun.theirs} in ${system}`,
      detail: `${need.entityType} ${need.id} → ${match.externalId}`,
    });
    references[need.id] = match.externalId;
  }
  return { kind: 'ok', references };
}
