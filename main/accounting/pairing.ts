// "Needs pairing" on the Lists page: the references a connection's waiting documents are held up by, paired by hand
// with an entry mirrored from the system, or created there from here. Either way the documents waiting on it go on
// by themselves: the pairing re-queues them through the ledger (main/sync/pairing.ts) and the worker is woken.
import type { ListKindName, ReferenceKind } from '../connectors/contract.js';
import { isPush } from '../connectors/contract.js';
import { getConnection } from '../db/repos/connections.js';
import { AppError } from '../domain/errors.js';
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
  /** The lists whose entries it can be paired with here (none for a supplier: pair it in Suppliers). */
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

/** Creates the waiting reference in the system (as "Create missing records" would) and pairs it. */
export async function createForPairing(
  ctx: AccountingContext,
  input: { connectionId: string; entityType: LinkEntityType; entityId: string },
): Promise<{ released: number; externalId: string; name: string }> {
  const connection = getConnection(ctx.db, input.connectionId);
  const reference = findWaiting(ctx, connection.id, input.entityType, input.entityId);
  if (reference.documents.some((d) => d.held === 'failed')) {
    throw new AppError(
      'conflict',
      `${connection.name} already has ${NOUN[reference.kind]} records named '${reference.name}' (or refused to create one): creating another would make it worse. Pair it with the right one instead.`,
    );
  }
  const connector = ctx.connectors.get(connection.system);
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
  return { released, externalId: match.externalId, name: match.name };
}
