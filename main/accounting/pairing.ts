// "Needs pairing" on the Lists page: the references a connection's waiting documents are held up by, paired by hand
// with an entry mirrored from the system, or created there from here. Either way the documents waiting on it go on
// by themselves: the pairing re-queues them through the ledger (main/sync/pairing.ts) and the worker is woken.
import type { ConnectionT } from '../../preload/contract.js';
import type { ListKindName, ReferenceKind } from '../connectors/contract.js';
import { isPush, isSession } from '../connectors/contract.js';
import { getConnection } from '../db/repos/connections.js';
import { AppError } from '../domain/errors.js';
import { createMissingEnabled } from '../sync/connections.js';
import { resumeWaiting } from '../sync/outbox.js';
import { pairReference, waitingReferences, type WaitingReference } from '../sync/pairing.js';
import type { LinkEntityType } from '../sync/references.js';
import { asAppError } from './capability.js';
import type { AccountingContext } from './context.js';

const NOUN: Record<ReferenceKind, string> = {
  supplier: 'supplier',
  item: 'item',
  account: 'account',
  class: 'class',
  customer: 'customer',
  tax_rate: 'tax rate',
};

/** The mirrored lists an entry to pair with may come from, best first (tax codes where the system has them). */
const PAIR_FROM: Record<ReferenceKind, ListKindName[]> = {
  supplier: [],
  item: ['item'],
  account: ['account'],
  class: ['class', 'tracking_option'],
  customer: ['customer', 'tracking_option'],
  tax_rate: ['tax_code', 'tax_rate'],
};

export interface NeedsPairing extends Omit<WaitingReference, 'record'> {
  /** The lists whose entries it can be paired with here (none for a supplier: mirroredVendors offers vendors). */
  pairWith: ListKindName[];
}

export function needsPairing(ctx: AccountingContext, connectionId: string): NeedsPairing[] {
  const connection = getConnection(ctx.db, connectionId);
  const present = new Set(
    ctx.db
      .prepare<[string], { kind: ListKindName }>(
        'SELECT DISTINCT kind FROM list_entries WHERE connection_id = ?',
      )
      .all(connection.id)
      .map((r) => r.kind),
  );
  return waitingReferences(ctx.db, connection.id).map(({ record: _record, ...reference }) => {
    const from = PAIR_FROM[reference.kind].filter((k) => present.has(k));
    return { ...reference, pairWith: from.length > 0 ? from : PAIR_FROM[reference.kind].slice(0, 1) };
  });
}

function findWaiting(
  ctx: AccountingContext,
  connectionId: string,
  entityType: LinkEntityType,
  entityId: string,
): WaitingReference {
  const reference = waitingReferences(ctx.db, connectionId).find(
    (r) => r.entityType === entityType && r.entityId === entityId,
  );
  if (!reference) {
    throw new AppError(
      'conflict',
      'No document is waiting on that any more (it may have been paired or sent meanwhile). Reload the Lists page.',
    );
  }
  return reference;
}

const failedOf = (reference: WaitingReference): string[] =>
  reference.documents.filter((d) => d.held === 'failed').map((d) => d.id);

/** Pairs the waiting reference with an entry mirrored from the connection's system. */
export function pairWithEntry(
  ctx: AccountingContext,
  input: { connectionId: string; entityType: LinkEntityType; entityId: string; entryId: string },
): { released: number; externalId: string; name: string } {
  const connection = getConnection(ctx.db, input.connectionId);
  const reference = findWaiting(ctx, connection.id, input.entityType, input.entityId);
  const entry = ctx.db
    .prepare<
      [string],
      { kind: ListKindName; name: string; external_id: string | null; connection_id: string | null }
    >('SELECT kind, name, external_id, connection_id FROM list_entries WHERE id = ?')
    .get(input.entryId);
  if (!entry || entry.connection_id !== connection.id || !entry.external_id) {
    throw new AppError(
      'invalid_input',
      `Choose an entry imported from ${connection.name}: that one is not in its lists. Import the list first if it is missing.`,
      { problems: [{ field: 'entryId', message: `is not an entry of ${connection.name}` }] },
    );
  }
  if (!PAIR_FROM[reference.kind].includes(entry.kind)) {
    throw new AppError(
      'invalid_input',
      `A ${NOUN[reference.kind]} can only be paired with a ${NOUN[reference.kind]} of ${connection.name}. Choose one from that list.`,
      { problems: [{ field: 'entryId', message: `is not a ${NOUN[reference.kind]}` }] },
    );
  }
  const { released } = pairReference(ctx.db, {
    connectionId: connection.id,
    entityType: input.entityType,
    entityId: input.entityId,
    externalId: entry.external_id,
    what: `The ${NOUN[reference.kind]} '${entry.name}' of ${connection.name}`,
    failedDocuments: failedOf(reference),
  });
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'pair_reference',
    result: 'success',
    message: `Paired ${NOUN[reference.kind]} '${reference.name}' with '${entry.name}' in ${connection.name}; ${released} waiting document${released === 1 ? '' : 's'} queued again.`,
    detail: `${input.entityType} ${input.entityId} → ${entry.external_id}`,
  });
  ctx.kickSync();
  return { released, externalId: entry.external_id, name: entry.name };
}

/** What the system calls the party a supplier of ours is there: a contact in Xero, a vendor elsewhere. */
const vendorNoun = (system: string): string => (system === 'xero' ? 'contact' : 'vendor');

export interface MirroredVendor {
  externalId: string;
  name: string;
  supplierId: string;
  documents: number;
}

/**
 * The connection's vendors as mirrored here: the supplier import makes (or pairs) a supplier for every vendor it
 * reads, so the suppliers paired with the connection are its vendors, each under the name it has there.
 */
export function mirroredVendors(ctx: AccountingContext, connectionId: string): MirroredVendor[] {
  const connection = getConnection(ctx.db, connectionId);
  return ctx.db
    .prepare<[string, string], MirroredVendor>(
      `SELECT l.external_id AS externalId, s.name, s.id AS supplierId,
              (SELECT COUNT(*) FROM documents d WHERE d.supplier_id = s.id) AS documents
       FROM external_links l JOIN suppliers s ON s.id = l.entity_id
       WHERE l.connection_id = ? AND l.entity_type = 'supplier' AND s.company_id = ?
       ORDER BY s.name COLLATE NOCASE`,
    )
    .all(connection.id, connection.companyId);
}

/**
 * Pairs a supplier documents wait on with one of the connection's mirrored vendors. The vendor is paired with a
 * supplier here already (the one the import made for it): when that supplier has no documents, it is only the
 * vendor's mirror, and the pairing moves to the supplier the bookkeeper says is that vendor; when it has documents,
 * moving would strand them, so the bookkeeper is told what to do instead.
 */
export function pairWithVendor(
  ctx: AccountingContext,
  input: { connectionId: string; supplierId: string; externalId: string },
): { released: number; externalId: string; name: string; unpaired: string | null } {
  const connection = getConnection(ctx.db, input.connectionId);
  const reference = findWaiting(ctx, connection.id, 'supplier', input.supplierId);
  const party = vendorNoun(connection.system);
  const vendor = mirroredVendors(ctx, connection.id).find((v) => v.externalId === input.externalId);
  if (!vendor) {
    throw new AppError(
      'invalid_input',
      `Choose a ${party} imported from ${connection.name}: that one is not among its suppliers here. Import the suppliers first if it is missing.`,
      {
        problems: [{ field: 'externalId', message: `is not a ${party} of ${connection.name} mirrored here` }],
      },
    );
  }
  if (vendor.supplierId !== input.supplierId && vendor.documents > 0) {
    throw new AppError(
      'conflict',
      `The ${connection.name} ${party} '${vendor.name}' is already the supplier '${vendor.name}' here, which has documents of its own. Revise the waiting documents to take the supplier '${vendor.name}', or pair '${reference.name}' with another ${party}.`,
    );
  }
  const unpaired = vendor.supplierId !== input.supplierId ? vendor.name : null;
  const { released } = ctx.db.transaction(() => {
    if (unpaired) {
      ctx.db
        .prepare(
          "DELETE FROM external_links WHERE connection_id = ? AND entity_type = 'supplier' AND entity_id = ?",
        )
        .run(connection.id, vendor.supplierId);
      ctx.db
        .prepare('DELETE FROM supplier_sync_state WHERE connection_id = ? AND supplier_id = ?')
        .run(connection.id, vendor.supplierId);
    }
    return pairReference(ctx.db, {
      connectionId: connection.id,
      entityType: 'supplier',
      entityId: input.supplierId,
      externalId: vendor.externalId,
      what: `The ${party} '${vendor.name}' of ${connection.name}`,
      failedDocuments: failedOf(reference),
    });
  })();
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'pair_reference',
    result: 'success',
    message: `Paired supplier '${reference.name}' with the ${party} '${vendor.name}' in ${connection.name}${unpaired ? ` (the supplier '${unpaired}' here, which had no documents, is no longer paired with it)` : ''}; ${released} waiting document${released === 1 ? '' : 's'} queued again.`,
    detail: `supplier ${input.supplierId} → ${vendor.externalId}${unpaired ? `; unpaired supplier ${vendor.supplierId}` : ''}`,
  });
  ctx.kickSync();
  return { released, externalId: vendor.externalId, name: vendor.name, unpaired };
}

/**
 * Creates the waiting reference in the system (as "Create missing records" would) and pairs it. A system that calls
 * us (QuickBooks Desktop) cannot be asked now: the documents waiting on it are queued, and its next run adds it (a
 * lookup by name first, so a record it has already is paired, not added twice) and sends them.
 */
export async function createForPairing(
  ctx: AccountingContext,
  input: { connectionId: string; entityType: LinkEntityType; entityId: string },
): Promise<{ released: number; externalId: string | null; name: string; queued: boolean }> {
  const connection = getConnection(ctx.db, input.connectionId);
  const reference = findWaiting(ctx, connection.id, input.entityType, input.entityId);
  if (reference.documents.some((d) => d.held === 'failed')) {
    throw new AppError(
      'conflict',
      `${connection.name} already has ${NOUN[reference.kind]} records named '${reference.name}' (or refused to create one): creating another would make it worse. Pair it with the right one instead.`,
    );
  }
  const connector = ctx.connectors.get(connection.system);
  if (connector && isSession(connector) && connector.createsReferenceKinds?.includes(reference.kind)) {
    return queueCreation(ctx, connection, connection.name || connector.label, reference);
  }
  if (!connector || !isPush(connector)) {
    throw new AppError(
      'not_supported',
      `${connector?.label ?? connection.system} cannot be asked to create records from here: pair the ${NOUN[reference.kind]} with an existing entry, or turn on 'Create missing suppliers and records in ${connector?.label ?? connection.system}' in Connections → ${connector?.label ?? connection.system} settings so its next run creates it.`,
    );
  }
  if (connection.status !== 'connected') {
    throw new AppError(
      'conflict',
      `${connection.name} is not connected (${connection.statusMessage ?? connection.status}). Connect it in Connections first.`,
    );
  }
  let match;
  try {
    match = await connector.createReference(ctx.connectorContext(connection), reference.record);
  } catch (error) {
    asAppError(ctx, connection, 'create_reference', error);
  }
  const { released } = pairReference(ctx.db, {
    connectionId: connection.id,
    entityType: input.entityType,
    entityId: input.entityId,
    externalId: match.externalId,
    what: `The ${NOUN[reference.kind]} '${match.name}' just created in ${connection.name}`,
    failedDocuments: failedOf(reference),
  });
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'create_reference',
    result: 'success',
    message: `Created ${NOUN[reference.kind]} '${reference.name}' in ${connection.name}; ${released} waiting document${released === 1 ? '' : 's'} queued again.`,
    detail: `${input.entityType} ${input.entityId} → ${match.externalId}`,
  });
  ctx.kickSync();
  return { released, externalId: match.externalId, name: match.name, queued: false };
}

/** Create in <system> for a system that calls us: what waits on the reference goes at its next run, which adds it. */
function queueCreation(
  ctx: AccountingContext,
  connection: ConnectionT,
  label: string,
  reference: WaitingReference,
): { released: number; externalId: null; name: string; queued: true } {
  const noun = NOUN[reference.kind];
  if (!createMissingEnabled(connection)) {
    throw new AppError(
      'conflict',
      `${connection.name} adds missing ${noun}s at its Web Connector run only while 'Create missing suppliers and records in ${label}' is on. Turn it on in Connections → ${label} settings, then try again; or add the ${noun === 'supplier' ? 'vendor' : noun} '${reference.name}' in ${label}, import the supplier list and pair it here.`,
    );
  }
  const released = resumeWaiting(ctx.db, connection.id);
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'create_reference',
    result: 'info',
    message: `The ${noun} '${reference.name}' is added to ${label} at the next Web Connector run of ${connection.name}, unless ${label} has it already (then it is paired); ${released} waiting document${released === 1 ? '' : 's'} go${released === 1 ? 'es' : ''} then. To run it now, click Update Selected in the Web Connector.`,
    detail: `${reference.entityType} ${reference.entityId}: queued for the next Web Connector run`,
  });
  return { released, externalId: null, name: reference.name, queued: true };
}
