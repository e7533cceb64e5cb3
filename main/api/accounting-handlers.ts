// The handlers of preload/contracts/accounting.ts: list imports, supplier sync and payments, the same for every
// accounting system. Each dispatches to an optional capability of the connection's connector
// (main/connectors/contract.ts); a connector without it is answered with a plain AppError.
import { randomUUID } from 'node:crypto';
import type { ConnectionT, SupplierT } from '../../preload/contract.js';
import type { accountingContract } from '../../preload/contracts/accounting.js';
import { getConnection, updateConnectionRow } from '../db/repos/connections.js';
import { listTaxRates } from '../db/repos/reference-lists.js';
import { getSupplier, updateSupplier, insertSupplier } from '../db/repos/suppliers.js';
import { nowIso } from '../db/sql-helpers.js';
import { currencyDecimals } from '../domain/currency.js';
import { AppError } from '../domain/errors.js';
import { toMinor } from '../domain/money.js';
import { paymentStateSentence } from '../domain/payment-state.js';
import {
  ConnectorError,
  type Connector,
  type ExternalPayment,
  type ExternalSupplier,
  type ListKindName,
  type TaxCodeSetup,
} from '../connectors/contract.js';
import { resumeWaiting } from '../sync/outbox.js';
import { findLink, upsertLink } from '../sync/references.js';
import type { ApiContext, AreaHandlers } from './context.js';

type Capability = 'importLists' | 'listSuppliers' | 'upsertSupplier' | 'importPayments' | 'createTaxCodes';

const WHAT: Record<Capability, string> = {
  importLists: 'import lists',
  listSuppliers: 'sync suppliers',
  upsertSupplier: 'create or update suppliers',
  importPayments: 'import payments',
  createTaxCodes: 'create tax codes',
};

function capable<C extends Capability>(
  ctx: ApiContext,
  connectionId: string,
  capability: C,
): { connection: ConnectionT; connector: Connector & Required<Pick<Connector, C>> } {
  const connection = getConnection(ctx.db, connectionId);
  const connector = ctx.connectors.get(connection.system);
  if (!connector || typeof connector[capability] !== 'function') {
    const label = connector?.label ?? connection.system;
    const session = connector?.delivery === 'session';
    throw new AppError(
      'not_supported',
      session
        ? `${label} does this during its own Web Connector session; it cannot ${WHAT[capability]} on demand from here.`
        : `Ledgerbridge cannot ${WHAT[capability]} with ${label} in this version.`,
    );
  }
  if (connection.status !== 'connected') {
    throw new AppError(
      'conflict',
      `${connection.name} is not connected (${connection.statusMessage ?? connection.status}). Connect it in Connections first.`,
    );
  }
  return { connection, connector: connector as Connector & Required<Pick<Connector, C>> };
}

/** A connector's error, as the caller's AppError (the message says what to do; the detail goes to the log). */
function asAppError(ctx: ApiContext, connection: ConnectionT, action: string, error: unknown): never {
  if (error instanceof ConnectorError) {
    ctx.log({
      companyId: connection.companyId,
      connectionId: connection.id,
      action,
      result: 'failure',
      message: error.userMessage,
      detail: error.detail ?? null,
    });
    throw new AppError(
      error.kind === 'auth' ? 'unauthorized' : error.kind === 'needs_user' ? 'validation_failed' : 'conflict',
      error.userMessage,
      {
        ...(error.detail ? { detail: error.detail } : {}),
      },
    );
  }
  throw error;
}

// ---------- lists ----------

/** Every kind a connector may offer; each imports the ones its system has and skips the others. */
const DEFAULT_LIST_KINDS: ListKindName[] = [
  'account',
  'class',
  'department',
  'customer',
  'item',
  'tax_code',
  'tax_rate',
  'tax_agency',
  'term',
  'tracking_category',
  'tracking_option',
];

/**
 * QuickBooks Desktop cannot be called: its Web Connector calls us. A request for lists or payments is handed to
 * its engine, which asks QuickBooks in the next session; the answer says so and the log reports the outcome.
 */
function queueForSession(
  ctx: ApiContext,
  connectionId: string,
  request: (engine: ApiContext['qbdRequests']) => void,
): boolean {
  const connection = getConnection(ctx.db, connectionId);
  if (ctx.connectors.get(connection.system)?.delivery !== 'session') return false;
  request(ctx.qbdRequests);
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'request',
    result: 'info',
    message: `Asked for at the next Web Connector session of ${connection.name}.`,
  });
  return true;
}

async function importLists(ctx: ApiContext, connectionId: string, kinds: ListKindName[] | undefined) {
  if (queueForSession(ctx, connectionId, (engine) => engine.requestListImport(connectionId))) {
    return { added: 0, updated: 0, deactivated: 0, byKind: {}, queued: true };
  }
  const { connection, connector } = capable(ctx, connectionId, 'importLists');
  const task = `lists.import:${connection.id}`;
  let entries;
  try {
    entries = await connector.importLists(
      ctx.connectorContext(connection),
      kinds ?? DEFAULT_LIST_KINDS,
      (report) =>
        ctx.emit({
          type: 'progress',
          task,
          done: report.done,
          total: null,
          message: `Reading ${report.kind.replace('_', ' ')} list: ${report.done}`,
        }),
    );
  } catch (error) {
    asAppError(ctx, connection, 'import_lists', error);
  }
  const result = { added: 0, updated: 0, deactivated: 0, byKind: {} as Record<string, number> };
  const now = nowIso();
  ctx.db.transaction(() => {
    const find = ctx.db.prepare<
      [string, string, string],
      { id: string; name: string; code: string | null; active: number; data_json: string }
    >(
      'SELECT id, name, code, active, data_json FROM list_entries WHERE connection_id = ? AND kind = ? AND external_id = ?',
    );
    const insert = ctx.db.prepare(
      `INSERT INTO list_entries (id, company_id, connection_id, kind, external_id, name, code, active, data_json, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = ctx.db.prepare(
      'UPDATE list_entries SET name = ?, code = ?, active = ?, data_json = ?, updated_at = ? WHERE id = ?',
    );
    const ids = new Map<string, string>();
    for (const entry of entries) {
      result.byKind[entry.kind] = (result.byKind[entry.kind] ?? 0) + 1;
      const data = JSON.stringify(entry.data);
      const existing = find.get(connection.id, entry.kind, entry.externalId);
      if (!existing) {
        const id = randomUUID();
        insert.run(
          id,
          connection.companyId,
          connection.id,
          entry.kind,
          entry.externalId,
          entry.name,
          entry.code,
          entry.active ? 1 : 0,
          data,
          now,
        );
        ids.set(`${entry.kind}:${entry.externalId}`, id);
        result.added++;
        continue;
      }
      ids.set(`${entry.kind}:${entry.externalId}`, existing.id);
      if (
        existing.name !== entry.name ||
        existing.code !== entry.code ||
        existing.active !== (entry.active ? 1 : 0) ||
        existing.data_json !== data
      ) {
        update.run(entry.name, entry.code, entry.active ? 1 : 0, data, now, existing.id);
        if (existing.active === 1 && !entry.active) result.deactivated++;
        else result.updated++;
      }
    }
    const parent = ctx.db.prepare('UPDATE list_entries SET parent_id = ? WHERE id = ?');
    for (const entry of entries) {
      if (!entry.parentExternalId) continue;
      const child = ids.get(`${entry.kind}:${entry.externalId}`);
      const of = ids.get(`${entry.kind}:${entry.parentExternalId}`);
      if (child && of) parent.run(of, child);
    }
  })();
  ctx.emit({
    type: 'progress',
    task,
    done: entries.length,
    total: entries.length,
    message: 'Lists imported',
  });
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'import_lists',
    result: 'success',
    message: `Imported lists from ${connection.name}: ${result.added} new, ${result.updated} updated, ${result.deactivated} made inactive.`,
    detail: JSON.stringify(result.byKind),
  });
  return { ...result, queued: false };
}

// ---------- suppliers ----------

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

async function syncSuppliers(ctx: ApiContext, connectionId: string, importUnmatched: boolean) {
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
  const byName = new Map<string, ExternalSupplier[]>();
  for (const t of theirs.filter((x) => x.active)) {
    const key = t.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), t]);
  }
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
  for (const supplier of ours) {
    let externalId = findLink(ctx.db, connection.id, 'supplier', supplier.id)?.external_id ?? null;
    if (!externalId) {
      const candidates = (byName.get(supplier.name.trim().toLowerCase()) ?? []).filter(
        (c) => !paired.has(c.externalId),
      );
      const only = candidates.length === 1 ? candidates[0] : undefined;
      if (
        only &&
        !ctx.db
          .prepare(
            'SELECT 1 FROM external_links WHERE connection_id = ? AND entity_type = ? AND external_id = ?',
          )
          .get(connection.id, 'supplier', only.externalId)
      ) {
        upsertLink(ctx.db, {
          connectionId: connection.id,
          entityType: 'supplier',
          entityId: supplier.id,
          externalId: only.externalId,
          now: new Date(),
        });
        externalId = only.externalId;
        ctx.log({
          companyId: connection.companyId,
          connectionId: connection.id,
          action: 'match_reference',
          result: 'info',
          message: `Matched supplier '${supplier.name}' to the ${connection.name} vendor of the same name.`,
          detail: `supplier ${supplier.id} → ${only.externalId}`,
        });
      }
    }
    const external = externalId ? byId.get(externalId) : undefined;
    if (!externalId || !external) {
      result.unmatchedOurs.push({ supplierId: supplier.id, name: supplier.name });
      continue;
    }
    paired.add(externalId);
    result.matched.push({ supplierId: supplier.id, name: supplier.name, externalId });
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
    if (!importUnmatched) {
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

async function createExternalSupplier(ctx: ApiContext, connectionId: string, supplierId: string) {
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

// ---------- tax codes ----------

async function createExternalTaxCodes(
  ctx: ApiContext,
  connectionId: string,
  taxRateIds: string[] | undefined,
) {
  const { connection, connector } = capable(ctx, connectionId, 'createTaxCodes');
  const all = listTaxRates(ctx.db, connection.companyId);
  const unknown = (taxRateIds ?? []).filter((id) => !all.some((rate) => rate.id === id));
  if (unknown.length > 0) {
    throw new AppError('not_found', `No tax rate ${unknown.join(', ')} in this company.`);
  }
  const rates = taxRateIds ? all.filter((rate) => taxRateIds.includes(rate.id)) : all;
  let setup: TaxCodeSetup;
  try {
    setup = await connector.createTaxCodes(
      ctx.connectorContext(connection),
      rates.map((rate) => ({ id: rate.id, name: rate.name, percent: rate.percent })),
    );
  } catch (error) {
    asAppError(ctx, connection, 'create_reference', error);
  }
  ctx.db.transaction(() => {
    // Re-read: the settings may have changed while the accounting system answered.
    const current = getConnection(ctx.db, connection.id);
    updateConnectionRow(ctx.db, connection.id, {
      settings: { ...current.settings, taxCodeMap: setup.taxCodeMap },
    });
    resumeWaiting(ctx.db, connection.id); // documents waiting for a tax code mapping may go now
  })();
  for (const result of setup.results) {
    if (result.outcome === 'mapped') continue;
    ctx.log({
      companyId: connection.companyId,
      connectionId: connection.id,
      action: 'create_reference',
      result: result.outcome === 'failed' ? 'failure' : 'success',
      message: result.message,
      detail: result.taxCodeId ? `tax rate ${result.taxRateId} → tax code ${result.taxCodeId}` : null,
    });
  }
  if (setup.results.some((r) => r.outcome === 'created')) {
    // The new codes and rates show in the pickers; a failed re-read is logged by importLists and changes nothing.
    await importLists(ctx, connection.id, ['tax_code', 'tax_rate']).catch(() => undefined);
  }
  ctx.emit({ type: 'connection', connectionId: connection.id });
  ctx.kickSync();
  return { results: setup.results, connection: getConnection(ctx.db, connection.id) };
}

// ---------- payments ----------

/** Writes the payments and settles each touched invoice's payment state; returns the counts. */
function applyPayments(ctx: ApiContext, connection: ConnectionT, payments: ExternalPayment[]) {
  const touched = new Set<string>();
  let imported = 0;
  let canceled = 0;
  const now = nowIso();
  /** Each document whose payment state changed, with the sentence its log entry gets. */
  const changes = new Map<string, string>();
  ctx.db.transaction(() => {
    const docOf = ctx.db.prepare<[string, string], { entity_id: string }>(
      `SELECT entity_id FROM external_links WHERE connection_id = ? AND entity_type = 'document' AND external_id = ?`,
    );
    const currencyOf = ctx.db.prepare<[string], { currency: string }>(
      'SELECT currency FROM documents WHERE id = ?',
    );
    const upsert = ctx.db.prepare(
      `INSERT INTO payments (id, document_id, connection_id, external_id, kind, date, amount_minor, status, created_at, updated_at)
       VALUES (@id, @document_id, @connection_id, @external_id, @kind, @date, @amount_minor, 'active', @now, @now)
       ON CONFLICT (connection_id, external_id, document_id) DO UPDATE SET kind = excluded.kind, date = excluded.date,
         amount_minor = excluded.amount_minor, status = 'active', updated_at = excluded.updated_at`,
    );
    const cancel = ctx.db.prepare<[string, string, string]>(
      `UPDATE payments SET status = 'canceled', updated_at = ? WHERE connection_id = ? AND external_id = ? AND status = 'active'
       RETURNING document_id`,
    );
    for (const payment of payments) {
      if (payment.status === 'canceled') {
        const rows = cancel.all(now, connection.id, payment.externalId) as { document_id: string }[];
        for (const r of rows) touched.add(r.document_id);
        canceled += rows.length;
        continue;
      }
      for (const application of payment.applications) {
        const doc = docOf.get(connection.id, application.documentExternalId);
        if (!doc) continue; // a bill that did not come from here
        const currency = currencyOf.get(doc.entity_id)?.currency ?? 'USD';
        upsert.run({
          id: randomUUID(),
          document_id: doc.entity_id,
          connection_id: connection.id,
          external_id: payment.externalId,
          kind: payment.kind,
          date: payment.date,
          amount_minor: toMinor(application.amount, currencyDecimals(currency)),
          now,
        });
        touched.add(doc.entity_id);
        imported++;
      }
    }
    const sums = ctx.db.prepare<
      [string],
      { paid: number | null; gross: number; status: string | null; currency: string }
    >(
      `SELECT (SELECT SUM(amount_minor) FROM payments WHERE document_id = d.id AND status = 'active') AS paid,
              d.gross_minor AS gross, d.payment_status AS status, d.currency FROM documents d WHERE d.id = ?`,
    );
    const setStatus = ctx.db.prepare('UPDATE documents SET payment_status = ?, updated_at = ? WHERE id = ?');
    for (const id of touched) {
      const row = sums.get(id);
      if (!row) continue;
      const paid = row.paid ?? 0;
      const status = paid <= 0 ? 'unpaid' : paid >= row.gross ? 'paid' : 'partly_paid';
      if (status === row.status) continue;
      setStatus.run(status, now, id);
      changes.set(
        id,
        paymentStateSentence({
          status,
          paidMinor: paid,
          grossMinor: row.gross,
          currency: row.currency,
          system: connection.name,
        }),
      );
    }
  })();
  for (const [id, message] of changes) {
    ctx.emit({ type: 'document', documentId: id });
    ctx.log({
      companyId: connection.companyId,
      connectionId: connection.id,
      documentId: id,
      action: 'payments',
      result: 'info',
      message,
    });
  }
  return { imported, canceled, documentsChanged: changes.size };
}

async function importPayments(
  ctx: ApiContext,
  connectionId: string,
  range: { from: string; to: string } | null,
) {
  if (queueForSession(ctx, connectionId, (engine) => engine.requestPayments(connectionId, range))) {
    return { imported: 0, canceled: 0, documentsChanged: 0, checkpoint: null, queued: true };
  }
  const { connection, connector } = capable(ctx, connectionId, 'importPayments');
  const checkpointRow = ctx.db
    .prepare<[string], { value: string }>(
      `SELECT value FROM accounting_checkpoints WHERE connection_id = ? AND name = 'payments'`,
    )
    .get(connection.id);
  let answer;
  try {
    answer = await connector.importPayments(
      ctx.connectorContext(connection),
      range ?? { since: checkpointRow?.value ?? null },
    );
  } catch (error) {
    asAppError(ctx, connection, 'payments', error);
  }
  const counts = applyPayments(ctx, connection, answer.payments);
  if (!range && answer.checkpoint) {
    ctx.db
      .prepare(
        `INSERT INTO accounting_checkpoints (connection_id, name, value, updated_at) VALUES (?, 'payments', ?, ?)
         ON CONFLICT (connection_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(connection.id, answer.checkpoint, nowIso());
  }
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'payments',
    result: 'success',
    message: `Payments from ${connection.name}${range ? ` dated ${range.from} to ${range.to}` : ''}: ${counts.imported} applied, ${counts.canceled} canceled, ${counts.documentsChanged} invoice${counts.documentsChanged === 1 ? '' : 's'} changed.`,
  });
  return {
    ...counts,
    checkpoint: range ? null : (answer.checkpoint ?? checkpointRow?.value ?? null),
    queued: false,
  };
}

export const accountingHandlers: AreaHandlers<typeof accountingContract> = {
  'lists.import': ({ connectionId, kinds }, ctx) => importLists(ctx, connectionId, kinds),
  'suppliers.sync': ({ connectionId, importUnmatched }, ctx) =>
    syncSuppliers(ctx, connectionId, importUnmatched),
  'suppliers.createExternal': ({ connectionId, supplierId }, ctx) =>
    createExternalSupplier(ctx, connectionId, supplierId),
  'taxRates.createExternal': ({ connectionId, taxRateIds }, ctx) =>
    createExternalTaxCodes(ctx, connectionId, taxRateIds),
  'payments.import': ({ connectionId, from, to }, ctx) => importPayments(ctx, connectionId, { from, to }),
  'payments.sync': ({ connectionId }, ctx) => importPayments(ctx, connectionId, null),
};

/**
 * The automatic payments poll: every `intervalMs`, each connected connection whose connector can import payments
 * and whose settings leave importPayments on runs what payments.sync runs. One round at a time; a failure is
 * logged by the handler and does not stop the schedule.
 */
export function startPaymentsPoll(ctx: ApiContext, intervalMs = 15 * 60_000): { stop(): void } {
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      const rows = ctx.db
        .prepare<[], { id: string; system: string; settings_json: string }>(
          `SELECT id, system, settings_json FROM connections WHERE status = 'connected'`,
        )
        .all();
      for (const row of rows) {
        if (typeof ctx.connectors.get(row.system)?.importPayments !== 'function') continue;
        const settings = JSON.parse(row.settings_json) as { importPayments?: unknown };
        if (settings.importPayments === false) continue;
        await importPayments(ctx, row.id, null).catch(() => undefined); // logged by importPayments
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round().catch(() => undefined), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
