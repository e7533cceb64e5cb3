// Before a document is sent, everything it refers to (its supplier; each line's item, account, class, customer
// and tax rate; list values picked at document level) must exist in the other system. A reference without an
// external link is first put to the connection's mapping (the connector's mapReference: a tax rate mapped by hand,
// or matched by the system's own rule), then looked up by name: one match is paired, none is created (unless the
// user turned off "Create missing records", which governs creating and nothing else), several is a question only
// the bookkeeper can answer — creating yet another record with the same name would make things worse.
import type { Database } from 'better-sqlite3';
import type { ConnectionT, DocumentT, SupplierT } from '../../preload/contract.js';
import type {
  PushConnector,
  ConnectorContext,
  ExternalMatch,
  ReferenceKind,
  ReferenceRecord,
} from '../connectors/contract.js';
import { connectionLabel, createMissingEnabled } from './connections.js';
import type { IntegrationLog } from './log.js';
import { findLink, upsertLink } from '../db/repos/external-links.js';

// The links themselves are a repository (db/repos/external-links.ts) that connectors may use too; the worker
// finds them here with the rest of reference resolution.
export { findLink, upsertLink };

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
  supplier: { ours: 'Supplier', theirs: 'vendor', theirsPlural: 'vendors', pairIn: 'Connections → Lists' },
  item: { ours: 'Item', theirs: 'item', theirsPlural: 'items', pairIn: 'Connections → Lists' },
  account: { ours: 'Account', theirs: 'account', theirsPlural: 'accounts', pairIn: 'Connections → Lists' },
  class: { ours: 'Class', theirs: 'class', theirsPlural: 'classes', pairIn: 'Connections → Lists' },
  customer: {
    ours: 'Customer',
    theirs: 'customer',
    theirsPlural: 'customers',
    pairIn: 'Connections → Lists',
  },
  tax_rate: {
    ours: 'Tax rate',
    theirs: 'tax rate',
    theirsPlural: 'tax rates',
    pairIn: 'Connections → Lists',
  },
};

/**
 * A reference with no counterpart while 'Create missing records' is off. The setting is suggested only for the
 * kinds the connector makes (createsReferenceKinds): for the rest, turning it on would only move the document from
 * waiting to refused.
 */
function noCounterpartMessage(connector: PushConnector, need: ReferenceNeed, system: string): string {
  const noun = NOUN[need.kind];
  const creates = connector.createsReferenceKinds?.includes(need.kind) ?? true;
  return creates
    ? `${noun.ours} '${need.name}' has no counterpart in ${system}. Pair it in ${noun.pairIn}, or turn on 'Create missing suppliers and records in ${system}' in Connections → ${system} settings.`
    : `${noun.ours} '${need.name}' has no counterpart in ${system}, and ${system} ${noun.theirsPlural} are not created from here. Pair it in ${noun.pairIn}.`;
}

const LIST_KINDS: ReadonlySet<string> = new Set(['item', 'account', 'class', 'customer']);

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
    addListEntry(line.locationId);
    addListEntry(line.departmentId);
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
  connector: PushConnector;
  ctx: ConnectorContext;
  connection: ConnectionT;
  document: DocumentT;
  supplier: SupplierT;
  log: IntegrationLog;
  now: () => Date;
  /** What prefetchReferences learned for the unit this document is sent in (asked instead of the connector). */
  lookups?: ReferenceLookups;
}

type Looked = { matches: ExternalMatch[] } | { error: unknown };

/**
 * The answers of one unit's bulk look-ups and creates, by kind and name: what findReferences would have answered
 * for that name (a record created in bulk is its one match), or the error its creation met.
 */
export class ReferenceLookups {
  private readonly entries = new Map<string, Looked>();
  private static key(kind: ReferenceKind, name: string): string {
    return `${kind}\u0000${name}`;
  }
  set(kind: ReferenceKind, name: string, looked: Looked): void {
    this.entries.set(ReferenceLookups.key(kind, name), looked);
  }
  get(kind: ReferenceKind, name: string): Looked | undefined {
    return this.entries.get(ReferenceLookups.key(kind, name));
  }
  delete(kind: ReferenceKind, name: string): void {
    this.entries.delete(ReferenceLookups.key(kind, name));
  }
}

export interface PrefetchArgs {
  db: Database;
  connector: PushConnector;
  ctx: ConnectorContext;
  connection: ConnectionT;
  /** The documents of one unit, each with its supplier. */
  items: readonly { document: DocumentT; supplier: SupplierT }[];
  log: IntegrationLog;
  now: () => Date;
}

/**
 * Looks up every unlinked reference the documents of a unit need, one bulk request per kind and page of names
 * (findReferencesBulk), and creates the suppliers none of which exists in as few calls as the system takes
 * (createReferences), linking each to the first of our suppliers that needed it. The matching rule is
 * resolveReferences' own, which then runs per document on these answers: one exact match is linked, none is
 * created (unless 'Create missing records' is off: the document waits), several are a question for the bookkeeper.
 * Connector errors propagate; the caller then leaves each document to resolve its references by itself.
 */
export async function prefetchReferences(args: PrefetchArgs): Promise<ReferenceLookups> {
  const { db, connector, ctx, connection, log } = args;
  const lookups = new ReferenceLookups();
  if (!connector.findReferencesBulk) return lookups;
  const wanted = new Map<string, { need: ReferenceNeed; documentId: string }>();
  const mapped = new Set<string>();
  for (const { document, supplier } of args.items) {
    for (const need of collectReferences(db, connection.id, document, supplier)) {
      const key = `${need.entityType}:${need.id}`;
      if (need.externalId || wanted.has(key) || mapped.has(key)) continue;
      // What the mapping answers needs no look-up by name (each document asks the mapping again, cheaply).
      if (await mapReference(connector, ctx, need)) mapped.add(key);
      else wanted.set(key, { need, documentId: document.id });
    }
  }
  const byKind = new Map<ReferenceKind, Set<string>>();
  for (const { need } of wanted.values()) {
    const names = byKind.get(need.kind) ?? new Set<string>();
    names.add(need.name);
    byKind.set(need.kind, names);
  }
  for (const [kind, names] of byKind) {
    const found = await connector.findReferencesBulk(ctx, kind, [...names]);
    for (const name of names) lookups.set(kind, name, { matches: found.get(name) ?? [] });
  }
  if (!connector.createReferences || !createMissingEnabled(connection)) return lookups;
  // One create per name, whatever its case (the systems compare names without it): a second supplier of ours of
  // that name then meets the first one's record, as it would have one document at a time, and is asked about.
  // One whose name differs in case only forgets its look-up, so that its document looks again and finds it.
  const toCreate = new Map<string, { need: ReferenceNeed; documentId: string }>();
  const sameNameLater: ReferenceNeed[] = [];
  for (const entry of wanted.values()) {
    const { need } = entry;
    const looked = lookups.get(need.kind, need.name);
    if (need.kind !== 'supplier' || !looked || !('matches' in looked) || looked.matches.length > 0) continue;
    const folded = need.name.toLowerCase();
    if (!toCreate.has(folded)) toCreate.set(folded, entry);
    else sameNameLater.push(need);
  }
  for (const need of sameNameLater) {
    if (toCreate.get(need.name.toLowerCase())?.need.name !== need.name) lookups.delete(need.kind, need.name);
  }
  if (toCreate.size === 0) return lookups;
  const entries = [...toCreate.values()];
  const outcomes = await connector.createReferences(
    ctx,
    entries.map((e) => e.need.record),
  );
  const system = connectionLabel(connection, connector.label);
  entries.forEach(({ need, documentId }, index) => {
    const outcome = outcomes[index];
    if (!outcome) return; // no answer for it: the document's own resolution looks it up again
    if (!outcome.ok) {
      lookups.set(need.kind, need.name, { error: outcome.error });
      return;
    }
    const { match } = outcome;
    lookups.set(need.kind, need.name, { matches: [match] });
    const { conflictWith } = upsertLink(db, {
      connectionId: connection.id,
      entityType: need.entityType,
      entityId: need.id,
      externalId: match.externalId,
      now: args.now(),
    });
    if (conflictWith) return; // impossible for a new record; resolveReferences reports it if it ever happens
    log.append({
      companyId: connection.companyId,
      documentId,
      connectionId: connection.id,
      action: 'create_reference',
      result: 'info',
      message: `Created ${NOUN[need.kind].ours.toLowerCase()} '${need.name}' in ${system}`,
      detail: `${need.entityType} ${need.id} → ${match.externalId}`,
    });
  });
  return lookups;
}

/** The connection's mapping for a reference (PushDelivery.mapReference), null where it has none. */
async function mapReference(
  connector: PushConnector,
  ctx: ConnectorContext,
  need: ReferenceNeed,
): Promise<ExternalMatch | null> {
  return connector.mapReference ? connector.mapReference(ctx, need.record) : null;
}

/**
 * Resolves every unlinked reference of the document, linking as it goes (a link made before a later failure is
 * kept: it is true regardless); what the connection's mapping answers is used as it stands, unlinked. Connector
 * errors (transient, auth) propagate to the caller.
 */
export async function resolveReferences(args: ResolveArgs): Promise<ResolveOutcome> {
  const { db, connector, ctx, connection, document, log } = args;
  const system = connectionLabel(connection, connector.label);
  const references: Record<string, string> = {};
  for (const need of collectReferences(db, connection.id, document, args.supplier)) {
    if (need.externalId) {
      references[need.id] = need.externalId;
      continue;
    }
    const mapped = await mapReference(connector, ctx, need);
    if (mapped) {
      references[need.id] = mapped.externalId;
      continue;
    }
    const noun = NOUN[need.kind];
    const looked = args.lookups?.get(need.kind, need.name);
    if (looked && 'error' in looked) throw looked.error; // its creation in bulk failed: as createReference would
    const matches: ExternalMatch[] = looked
      ? looked.matches
      : await connector.findReferences(ctx, need.kind, need.name);
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
        return { kind: 'waiting', message: noCounterpartMessage(connector, need, system) };
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
