// Looking up and creating the records a document refers to. Names are matched exactly (QuickBooks compares
// without case; the rule is an exact match). Vendors, classes and customers are created; accounts and products
// are the bookkeeper's to set up; tax rates are mapped to QuickBooks tax codes, never created here.
import { z } from 'zod';
import type { SupplierT } from '../../../preload/contract.js';
import {
  ConnectorError,
  type ExternalMatch,
  type ReferenceKind,
  type ReferenceOutcome,
  type ReferenceRecord,
} from '../contract.js';
import { failedReference } from '../reference-outcomes.js';
import { BATCH_ITEMS, batchFaultInfo, BatchResponse, chunk } from './batch.js';
import { literal, QboFault, requestIdFor, type QboClient } from './client.js';
import type { CompanyProfile } from './company.js';
import { TAX_PLACEHOLDER } from './mapping.js';
import type { QboSettings } from './settings.js';
import { upsertVendor, vendorBody } from './vendors.js';

/** Where each kind of reference lives in QuickBooks, and the field its name is in. */
const LOOKUPS: Record<ReferenceKind, { entity: string; field: string }> = {
  supplier: { entity: 'Vendor', field: 'DisplayName' },
  customer: { entity: 'Customer', field: 'DisplayName' },
  item: { entity: 'Item', field: 'Name' },
  account: { entity: 'Account', field: 'Name' },
  class: { entity: 'Class', field: 'Name' },
  tax_rate: { entity: 'TaxCode', field: 'Name' },
};
/** Names in one IN (...) query. */
const NAMES_PER_QUERY = 30;

const Row = z.object({ Id: z.string() }).catchall(z.unknown());

export async function findReferences(
  client: QboClient,
  kind: ReferenceKind,
  name: string,
): Promise<ExternalMatch[]> {
  const { entity, field } = LOOKUPS[kind];
  const rows = await client.query(entity, `WHERE ${field} = ${literal(name)}`, Row);
  return rows
    .filter((r) => r[field] === name) // QuickBooks compares without case; the rule is an exact match
    .map((r) => ({ externalId: r.Id, name: String(r[field]) }));
}

/**
 * Many names at once: one query per 30 names (WHERE DisplayName IN (...)), up to 30 queries in one batch
 * request. QuickBooks compares names without case; as in findReferences, only exact matches count.
 */
export async function findReferencesBulk(
  client: QboClient,
  kind: ReferenceKind,
  names: readonly string[],
): Promise<Map<string, ExternalMatch[]>> {
  const found = new Map<string, ExternalMatch[]>([...new Set(names)].map((name) => [name, []]));
  const { entity, field } = LOOKUPS[kind];
  const queries = chunk([...found.keys()], NAMES_PER_QUERY).map((group, n) => ({
    bId: String(n + 1),
    Query: `SELECT * FROM ${entity} WHERE ${field} IN (${group.map(literal).join(',')}) MAXRESULTS 1000`,
  }));
  const what = `the ${entity === 'Vendor' ? 'vendors' : `${entity.toLowerCase()} records`} these documents name`;
  for (const batch of chunk(queries, BATCH_ITEMS)) {
    const answer = await client.request('batch', {
      body: { BatchItemRequest: batch },
      what,
      schema: BatchResponse,
    });
    for (const item of answer.BatchItemResponse) {
      if (item.Fault) throw new QboFault(batchFaultInfo(item.Fault), what);
      for (const record of z.array(Row).parse(item.QueryResponse?.[entity] ?? [])) {
        const name = record[field];
        if (typeof name === 'string') found.get(name)?.push({ externalId: record.Id, name });
      }
    }
  }
  return found;
}

/** Vendors created 30 to a batch request; the outcomes are written at the records' positions in the caller's list. */
export async function createVendors(
  client: QboClient,
  profile: CompanyProfile,
  vendors: readonly { record: ReferenceRecord; i: number }[],
  outcomes: ReferenceOutcome[],
): Promise<void> {
  const row = z.object({ Id: z.string(), DisplayName: z.string().optional() }).passthrough();
  for (const batch of chunk(vendors, BATCH_ITEMS)) {
    const key = batch
      .map(({ record }) => record.id)
      .sort()
      .join('|');
    const answer = await client.request('batch', {
      body: {
        BatchItemRequest: batch.map(({ record }, n) => ({
          bId: String(n + 1),
          operation: 'create',
          Vendor: vendorBody(record.data as SupplierT, profile),
        })),
      },
      requestKey: `vendors:${requestIdFor(key)}`,
      what: `${batch.length} vendor${batch.length === 1 ? '' : 's'}`,
      schema: BatchResponse,
    });
    const byId = new Map(answer.BatchItemResponse.map((r) => [r.bId, r]));
    batch.forEach(({ record, i }, n) => {
      const item = byId.get(String(n + 1));
      const what = `vendor '${record.name}'`;
      if (!item) {
        outcomes[i] = failedReference(
          new ConnectorError('transient', `QuickBooks did not answer for ${what}. Ledgerbridge retries.`),
        );
      } else if (item.Fault) {
        outcomes[i] = failedReference(new QboFault(batchFaultInfo(item.Fault), what));
      } else {
        const vendor = row.safeParse(item['Vendor']);
        outcomes[i] = vendor.success
          ? { ok: true, match: { externalId: vendor.data.Id, name: vendor.data.DisplayName ?? record.name } }
          : failedReference(
              new ConnectorError('transient', `QuickBooks answered for ${what} without its Id.`),
            );
      }
    });
  }
}

/**
 * mapReference for a tax rate: the QuickBooks tax code the bookkeeper mapped it to (settings.taxCodeMap), or, in a
 * US company, a placeholder (purchase forms there carry no tax code, so no rate of ours waits for one); null
 * otherwise, and for any other kind of record. mapping.ts reads the map itself and ignores placeholders.
 */
export async function mappedTaxCode(
  profileOf: () => Promise<CompanyProfile>,
  settings: QboSettings,
  record: ReferenceRecord,
): Promise<ExternalMatch | null> {
  if (record.kind !== 'tax_rate') return null;
  const mapped = settings.taxCodeMap[record.id];
  if (mapped) return { externalId: mapped, name: record.name };
  if ((await profileOf()).usTax)
    return { externalId: `${TAX_PLACEHOLDER}us:${record.id}`, name: record.name };
  return null;
}

export async function createReference(
  client: QboClient,
  /** The company's profile, read only for the kinds that need it. */
  profileOf: () => Promise<CompanyProfile>,
  settings: QboSettings,
  record: ReferenceRecord,
): Promise<ExternalMatch> {
  if (record.kind === 'supplier') {
    const profile = await profileOf();
    const vendor = await upsertVendor(
      client,
      vendorBody(record.data as SupplierT, profile),
      null,
      `vendor:${record.id}`,
    );
    return { externalId: vendor.externalId, name: vendor.name };
  }
  if (record.kind === 'class' || record.kind === 'customer') {
    const entity = record.kind === 'class' ? 'Class' : 'Customer';
    const body = record.kind === 'class' ? { Name: record.name } : { DisplayName: record.name };
    const answer = await client.request(entity.toLowerCase(), {
      body,
      requestKey: `${record.kind}:${record.id}`,
      what: `${record.kind} '${record.name}'`,
      schema: z.object({ [entity]: z.object({ Id: z.string() }) }),
    });
    return { externalId: (answer[entity] as { Id: string }).Id, name: record.name };
  }
  if (record.kind === 'tax_rate') {
    // Reached when the mapping had nothing for it (the engine asks mappedTaxCode first): tax codes are made only on
    // the bookkeeper's request (tax-codes.ts), never while sending.
    const mapped = await mappedTaxCode(profileOf, settings, record);
    if (mapped) return mapped;
  }
  const noun = { account: 'account', item: 'product or service', tax_rate: 'tax code' }[record.kind];
  throw new ConnectorError(
    'needs_user',
    record.kind === 'tax_rate'
      ? `QuickBooks has no tax code named '${record.name}', and the tax rate is not mapped. In the connection settings, map it to a QuickBooks tax code or choose Create in QuickBooks next to it, then send again.`
      : `QuickBooks has no ${noun} named '${record.name}'. Create it in QuickBooks (or choose an existing one), then import the lists and send again.`,
  );
}
