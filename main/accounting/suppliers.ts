// Two-way supplier sync with an accounting system: pairs our suppliers with theirs (an existing pairing stands;
// otherwise by name), keeps the paired ones in step both ways (last change wins), imports theirs on request, and
// creates one of ours there on request.
import type { SupplierT } from '../../preload/contract.js';
import { getSupplier, updateSupplier, insertSupplier } from '../db/repos/suppliers.js';
import { AppError } from '../domain/errors.js';
import { ConnectorError, isPush, type ExternalSupplier } from '../connectors/contract.js';
import { pairSuppliersByName, supplierNameKey } from '../domain/supplier-match.js';
import { findLink, upsertLink } from '../db/repos/external-links.js';
import { asAppError, capable } from './capability.js';
import { ImportedCodingDefaults } from './supplier-defaults-import.js';
import type { AccountingContext } from './context.js';

const FIELDS = [
  'name',
  'email',
  'phone',
  'address',
  'city',
  'state',
  'postalCode',
  'country',
  'accountNumber',
] as const;

function differs(ours: SupplierT, theirs: ExternalSupplier): string[] {
  return FIELDS.filter((f) => (ours[f] ?? null) !== (theirs[f] ?? null));
}

function fieldsOf(theirs: ExternalSupplier) {
  return Object.fromEntries(FIELDS.map((f) => [f, theirs[f]])) as Pick<
    ExternalSupplier,
    (typeof FIELDS)[number]
  >;
}

export async function syncSuppliers(ctx: AccountingContext, connectionId: string, importUnmatched: boolean) {
  const { connection, connector } = capable(ctx, connectionId, 'listSuppliers');
  const cctx = ctx.connectorContext(connection);
  let theirs: ExternalSupplier[];
  try {
    theirs = await connector.listSuppliers(cctx);
  } catch (error) {
    asAppError(ctx, connection, 'sync_suppliers', error);
  }
  const ours = ctx.db
    .prepare<[string], { id: string }>(
      'SELECT id FROM suppliers WHERE company_id = ? ORDER BY name COLLATE NOCASE',
    )
    .all(connection.companyId)
    .map((r) => getSupplier(ctx.db, r.id));
  const byId = new Map(theirs.map((t) => [t.externalId, t]));
  const links = new Map(
    ctx.db
      .prepare<[string], { entity_id: string; external_id: string }>(
        `SELECT entity_id, external_id FROM external_links WHERE connection_id = ? AND entity_type = 'supplier'`,
      )
      .all(connection.id)
      .map((row) => [row.entity_id, row.external_id]),
  );
  const linkedTheirs = new Set(links.values());
  // The one matching rule (domain/supplier-match.ts) pairs what no link pairs yet.
  const byName = pairSuppliersByName(
    ours.filter((supplier) => !links.has(supplier.id)),
    theirs.filter((t) => !linkedTheirs.has(t.externalId)),
  );
  const pairedByName = new Map(byName.pairs.map((p) => [p.ours.id, p.theirs.externalId]));
  for (const name of byName.ambiguous) {
    ctx.log({
      companyId: connection.companyId,
      connectionId: connection.id,
      action: 'match_reference',
      result: 'info',
      message: `'${name.name}' was not paired by name: ${name.ours} supplier${name.ours === 1 ? '' : 's'} here and ${name.theirs} vendor${name.theirs === 1 ? '' : 's'} in ${connection.name} carry it. Pair it by hand in Suppliers.`,
    });
  }
  const ambiguousKeys = new Set(byName.ambiguous.map((a) => supplierNameKey(a.name)));
  const result = {
    matched: [] as { supplierId: string; name: string; externalId: string }[],
    unmatchedOurs: [] as { supplierId: string; name: string }[],
    unmatchedTheirs: [] as { externalId: string; name: string }[],
    pushed: 0,
    pulled: 0,
    imported: 0,
  };
  const paired = new Set<string>();
  const state = ctx.db.prepare<[string, string], { ours_at: string; theirs_at: string }>(
    'SELECT ours_at, theirs_at FROM supplier_sync_state WHERE connection_id = ? AND supplier_id = ?',
  );
  const saveState = ctx.db.prepare(
    `INSERT INTO supplier_sync_state (connection_id, supplier_id, ours_at, theirs_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (connection_id, supplier_id) DO UPDATE SET ours_at = excluded.ours_at, theirs_at = excluded.theirs_at`,
  );
  const defaults = new ImportedCodingDefaults(ctx.db, connection, {
    connector: isPush(connector) ? connector : {},
    ctx: cctx,
  });
  await defaults.prepare(theirs);
  for (const supplier of ours) {
    let externalId = links.get(supplier.id) ?? null;
    const named = externalId ? undefined : pairedByName.get(supplier.id);
    if (named) {
      upsertLink(ctx.db, {
        connectionId: connection.id,
        entityType: 'supplier',
        entityId: supplier.id,
        externalId: named,
        now: new Date(),
      });
      externalId = named;
      ctx.log({
        companyId: connection.companyId,
        connectionId: connection.id,
        action: 'match_reference',
        result: 'info',
        message: `Matched supplier '${supplier.name}' to the ${connection.name} vendor of the same name.`,
        detail: `supplier ${supplier.id} → ${named}`,
      });
    }
    const external = externalId ? byId.get(externalId) : undefined;
    if (!externalId || !external) {
      result.unmatchedOurs.push({ supplierId: supplier.id, name: supplier.name });
      continue;
    }
    paired.add(externalId);
    result.matched.push({ supplierId: supplier.id, name: supplier.name, externalId });
    defaults.apply(supplier.id, external.codingDefaults);
    const changed = differs(supplier, external);
    if (changed.length === 0) {
      saveState.run(connection.id, supplier.id, supplier.updatedAt, external.updatedAt);
      continue;
    }
    // Last change wins: whichever side changed since the last sync, and the later of the two if both did.
    const last = state.get(connection.id, supplier.id);
    const oursChanged = !last || supplier.updatedAt > last.ours_at;
    const theirsChanged = !last || external.updatedAt > last.theirs_at;
    const pull = theirsChanged && (!oursChanged || external.updatedAt > supplier.updatedAt);
    try {
      if (pull) {
        const updated = updateSupplier(ctx.db, supplier.id, fieldsOf(external));
        saveState.run(connection.id, supplier.id, updated.updatedAt, external.updatedAt);
        result.pulled++;
      } else {
        const sent = await connector.upsertSupplier!(cctx, supplier, { externalId });
        saveState.run(connection.id, supplier.id, supplier.updatedAt, sent.updatedAt);
        result.pushed++;
      }
      ctx.log({
        companyId: connection.companyId,
        connectionId: connection.id,
        action: 'sync_supplier',
        result: 'info',
        message: pull
          ? `Supplier '${external.name}': took ${changed.join(', ')} from ${connection.name} (changed there last).`
          : `Supplier '${supplier.name}': sent ${changed.join(', ')} to ${connection.name} (changed here last).`,
        detail: `ours ${supplier.updatedAt}, theirs ${external.updatedAt}`,
      });
    } catch (error) {
      const message =
        error instanceof ConnectorError || error instanceof AppError ? error.userMessage : String(error);
      ctx.log({
        companyId: connection.companyId,
        connectionId: connection.id,
        action: 'sync_supplier',
        result: 'failure',
        message: `Supplier '${supplier.name}' was not brought in step: ${message}`,
      });
    }
  }
  for (const t of theirs) {
    if (paired.has(t.externalId) || !t.active) continue;
    if (
      ctx.db
        .prepare(
          'SELECT 1 FROM external_links WHERE connection_id = ? AND entity_type = ? AND external_id = ?',
        )
        .get(connection.id, 'supplier', t.externalId)
    )
      continue;
    // A name we could not pair for ambiguity is not imported as yet another supplier of that name.
    if (!importUnmatched || ambiguousKeys.has(supplierNameKey(t.name))) {
      result.unmatchedTheirs.push({ externalId: t.externalId, name: t.name });
      continue;
    }
    try {
      const created = insertSupplier(ctx.db, connection.companyId, fieldsOf(t));
      upsertLink(ctx.db, {
        connectionId: connection.id,
        entityType: 'supplier',
        entityId: created.id,
        externalId: t.externalId,
        now: new Date(),
      });
      saveState.run(connection.id, created.id, created.updatedAt, t.updatedAt);
      defaults.apply(created.id, t.codingDefaults);
      result.imported++;
      result.matched.push({ supplierId: created.id, name: created.name, externalId: t.externalId });
    } catch (error) {
      result.unmatchedTheirs.push({ externalId: t.externalId, name: t.name });
      ctx.log({
        companyId: connection.companyId,
        connectionId: connection.id,
        action: 'sync_supplier',
        result: 'failure',
        message: `Vendor '${t.name}' was not imported: ${error instanceof AppError ? error.userMessage : String(error)}`,
      });
    }
  }
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'sync_suppliers',
    result: 'success',
    message: `Suppliers synced with ${connection.name}: ${result.matched.length} paired, ${result.unmatchedOurs.length} of ours and ${result.unmatchedTheirs.length} of theirs unpaired; ${result.pushed} sent, ${result.pulled} taken, ${result.imported} imported.`,
  });
  return result;
}

export async function createExternalSupplier(
  ctx: AccountingContext,
  connectionId: string,
  supplierId: string,
) {
  const { connection, connector } = capable(ctx, connectionId, 'upsertSupplier');
  const supplier = getSupplier(ctx.db, supplierId);
  if (supplier.companyId !== connection.companyId) {
    throw new AppError('invalid_input', 'That supplier belongs to another company.');
  }
  const link = findLink(ctx.db, connection.id, 'supplier', supplier.id);
  if (link)
    throw new AppError('conflict', `'${supplier.name}' is already paired with a ${connection.name} vendor.`);
  let created: ExternalSupplier;
  try {
    created = await connector.upsertSupplier(ctx.connectorContext(connection), supplier, null);
  } catch (error) {
    asAppError(ctx, connection, 'create_reference', error);
  }
  const { conflictWith } = upsertLink(ctx.db, {
    connectionId: connection.id,
    entityType: 'supplier',
    entityId: supplier.id,
    externalId: created.externalId,
    now: new Date(),
  });
  if (conflictWith)
    throw new AppError(
      'conflict',
      `The new ${connection.name} vendor is already paired with another supplier.`,
    );
  ctx.db
    .prepare(
      `INSERT INTO supplier_sync_state (connection_id, supplier_id, ours_at, theirs_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (connection_id, supplier_id) DO UPDATE SET ours_at = excluded.ours_at, theirs_at = excluded.theirs_at`,
    )
    .run(connection.id, supplier.id, supplier.updatedAt, created.updatedAt);
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'create_reference',
    result: 'success',
    message: `Created supplier '${supplier.name}' in ${connection.name}.`,
    detail: `supplier ${supplier.id} → ${created.externalId}`,
  });
  return getSupplier(ctx.db, supplier.id);
}
