import type { ParsedInput, SupplierT } from '../../preload/contract.js';
import { getCompany, insertCompany, listCompanies } from '../db/repos/companies.js';
import { getConnection, listConnections, updateConnectionRow } from '../db/repos/connections.js';
import { isPush } from '../connectors/contract.js';
import {
  deleteTaxRate,
  documentsWithTaxRate,
  getTaxRate,
  insertListEntry,
  insertTaxRate,
  listListEntries,
  listTaxRates,
  updateTaxRate,
} from '../db/repos/reference-lists.js';
import { getSupplier, insertSupplier, listSuppliers, updateSupplier } from '../db/repos/suppliers.js';
import { AppError } from '../domain/errors.js';
import { resumeWaiting } from '../sync/outbox.js';
import { upsertLink } from '../db/repos/external-links.js';
import type { ApiContext, Handlers } from './context.js';

/** Links a supplier to a record of the connection's system and releases the documents that waited for it. */
function pairSupplier(ctx: ApiContext, input: ParsedInput<'suppliers.pair'>): SupplierT {
  ctx.db.transaction(() => {
    const supplier = getSupplier(ctx.db, input.id);
    const connection = getConnection(ctx.db, input.connectionId);
    if (connection.companyId !== supplier.companyId) {
      throw new AppError(
        'invalid_input',
        'That connection belongs to another company. Choose one of this company’s connections.',
      );
    }
    const { conflictWith } = upsertLink(ctx.db, {
      connectionId: connection.id,
      entityType: 'supplier',
      entityId: supplier.id,
      externalId: input.externalId,
      now: new Date(),
    });
    if (conflictWith) {
      const other = getSupplier(ctx.db, conflictWith);
      throw new AppError(
        'conflict',
        `That ${connection.name} record is already paired with the supplier '${other.name}'. Unpair it there first, or choose another record.`,
      );
    }
    resumeWaiting(ctx.db, connection.id);
  })();
  ctx.kickSync();
  return getSupplier(ctx.db, input.id);
}

/**
 * Removes a tax rate no document line uses, and its entries in the connections' tax maps. Lines keep the rate they
 * were saved with (an approved document is locked, and a draft's lines would silently lose their tax), so a rate in
 * use stays.
 */
function removeTaxRate(ctx: ApiContext, id: string): { id: string } {
  let changed: string[] = [];
  ctx.db.transaction(() => {
    const rate = getTaxRate(ctx.db, id);
    const documents = documentsWithTaxRate(ctx.db, id);
    if (documents.length > 0) {
      const named = documents.slice(0, 3).join(', ') + (documents.length > 3 ? ', …' : '');
      const count = documents.length === 1 ? 'one document' : `${documents.length} documents`;
      throw new AppError(
        'conflict',
        `“${rate.name}” is on the lines of ${count} (${named}), which keep it, so it cannot be removed. Rename it instead if its name is wrong, or leave it.`,
      );
    }
    deleteTaxRate(ctx.db, id);
    changed = forgetMappedRate(ctx, rate.companyId, id);
  })();
  for (const connectionId of changed) ctx.emit({ type: 'connection', connectionId });
  return { id };
}

/**
 * Drops a removed rate from the company's connections' tax maps (QuickBooks Online's and NetSuite's taxCodeMap,
 * Xero's taxRateMap): the mapping settings keyed by our rate's id. Its id is never used again, so an entry left
 * there would only be a pairing nobody can see or change on the settings form. Returns the connections changed.
 */
function forgetMappedRate(ctx: ApiContext, companyId: string, rateId: string): string[] {
  const changed: string[] = [];
  for (const connection of listConnections(ctx.db, companyId)) {
    const connector = ctx.connectors.get(connection.system);
    if (!connector || !isPush(connector)) continue;
    const settings = { ...connection.settings };
    for (const key of connector.mappingSettings ?? []) {
      const map = settings[key];
      if (map === null || typeof map !== 'object' || Array.isArray(map) || !(rateId in map)) continue;
      settings[key] = Object.fromEntries(Object.entries(map).filter(([ours]) => ours !== rateId));
    }
    if (JSON.stringify(settings) === JSON.stringify(connection.settings)) continue;
    updateConnectionRow(ctx.db, connection.id, { settings });
    changed.push(connection.id);
  }
  return changed;
}

/** Companies, suppliers, tax rates and our own list entries: plain records with no lifecycle. */
export const recordHandlers = {
  'companies.create': (input, ctx) => insertCompany(ctx.db, input),
  'companies.list': (_input, ctx) => listCompanies(ctx.db),
  'suppliers.create': ({ companyId, ...fields }, ctx) => {
    getCompany(ctx.db, companyId);
    return insertSupplier(ctx.db, companyId, fields);
  },
  'suppliers.update': ({ id, ...fields }, ctx) => updateSupplier(ctx.db, id, fields),
  'suppliers.get': ({ id }, ctx) => getSupplier(ctx.db, id),
  'suppliers.pair': (input, ctx) => pairSupplier(ctx, input),
  'suppliers.list': (input, ctx) => listSuppliers(ctx.db, input),
  'taxRates.create': (input, ctx) => {
    getCompany(ctx.db, input.companyId);
    return insertTaxRate(ctx.db, input);
  },
  'taxRates.list': ({ companyId }, ctx) => listTaxRates(ctx.db, companyId),
  'taxRates.update': ({ id, name, percent }, ctx) => updateTaxRate(ctx.db, id, { name, percent }),
  'taxRates.delete': ({ id }, ctx) => removeTaxRate(ctx, id),
  'lists.create': (input, ctx) => {
    getCompany(ctx.db, input.companyId);
    if (input.parentId) {
      const parent = listListEntries(ctx.db, {
        companyId: input.companyId,
        kind: input.kind,
        includeHidden: true,
      }).find((e) => e.id === input.parentId);
      if (!parent)
        throw new AppError(
          'invalid_input',
          `The parent ${input.kind} does not exist in this company. Choose another parent.`,
        );
    }
    return insertListEntry(ctx.db, input);
  },
  'lists.list': (input, ctx) => listListEntries(ctx.db, input),
} satisfies Partial<Handlers>;
