// The NetSuite connector: token-based authentication or OAuth 2.0 client credentials (auth.ts), references found
// with SuiteQL by exact name, vendors upserted by external id, and documents written as upserts by external id
// (PUT …/eid:lb-<document id>, lines replaced on a revision), so a retry after a lost answer never duplicates.
// A bill that came from a sent order and every receipt are transforms of the purchase order (looked up by external id
// first, since a transform cannot be an upsert). Cancel closes the order's lines, or deletes the bill or receipt.
import { z } from 'zod';
import type { ConnectionT, SupplierT } from '../../../preload/contract.js';
import {
  ConnectorError,
  type PushConnector,
  type ConnectorContext,
  type ExternalMatch,
  type ExternalSupplier,
  type SupplierCursor,
  type SupplierPage,
  type ListCursor,
  type ListKindName,
  type ListPage,
  type OutgoingDocument,
  type PaymentImport,
  type ReferenceKind,
  type ReferenceRecord,
  type SendOutcome,
  type SyncPolicy,
} from '../contract.js';
import { currencyDecimals } from '../../domain/currency.js';
import { formatMinor, toMinor } from '../../domain/money.js';
import { capitalized } from '../../domain/text.js';
import { notTakenSentence } from '../../sync/file-deliveries.js';
import { ClientCredentialsTokens } from './auth.js';
import { literal, NsClient, NsId } from './client.js';
import { lineFaultError, NsFault } from './faults.js';
import { listPage } from './lists.js';
import { importPayments } from './payments.js';
import {
  externalIdOf,
  headerOf,
  lineOfPath,
  mapRecord,
  nounOf,
  receiptLines,
  recordTypeOf,
  TAX_PLACEHOLDER,
  type MappedLine,
  type OrderLines,
} from './mapping.js';
import { netSuiteDescriptor } from './descriptor.js';
import { NetSuiteSettings, netSuiteSettingsOf } from './settings.js';
import { listVendors, upsertVendor, vendorPage } from './vendors.js';

const CURRENCY_TTL_MS = 5 * 60_000;

/** A write of our lines whose refusal, when NetSuite names a field of one line, names that line of ours. */
async function onLines<T>(write: Promise<T>, lines: readonly MappedLine[], what: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    const at = error instanceof NsFault ? lineOfPath(error.info.path, lines) : null;
    throw (at && error instanceof NsFault && lineFaultError(error.info, what, at)) || error;
  }
}

/**
 * Files are not sent to NetSuite (docs/netsuite.md, "Attachments"): REST record writes carry no files, and the
 * File Cabinet's REST document service could not be checked against an account or a specification here. The
 * bookkeeper is told once for each file: on the send that first carries it (the first send, or the update of the
 * revision that added it); the engine then records it as not taken and does not offer it again.
 */
export function attachmentsNote(outgoing: OutgoingDocument): string {
  const files = outgoing.attachments ?? [];
  if (files.length === 0) return '';
  // The same sentence as every system that takes no files (QuickBooks Desktop), naming this one.
  return ` ${notTakenSentence('NetSuite', files, "NetSuite (the record's Communication → Files)")}`;
}

// As NetSuite's OpenAPI description has them: a reference's id, a line's number, amount and quantities and a
// record's id, tranId and total are all optional, most of them nullable (null is read as absent).
const Ref = z.object({ id: z.string().nullable().optional() }).passthrough();
const Num = z.number().nullable().optional();
/** A line number or order line: an integer, or its text (the expense sublist's orderLine is a string there). */
const LineNumber = z
  .union([z.number(), z.string()])
  .nullable()
  .optional()
  .transform((v) =>
    v === null || v === undefined || v === '' || Number.isNaN(Number(v)) ? null : Number(v),
  );
const SublistLine = z
  .object({
    line: LineNumber,
    item: Ref.nullable().optional(),
    account: Ref.nullable().optional(),
    quantity: Num,
    quantityBilled: Num,
    quantityReceived: Num,
    amount: Num,
    orderLine: LineNumber,
    isClosed: z.boolean().nullable().optional(),
  })
  .passthrough();
const Sublist = z
  .object({ items: z.array(SublistLine).nullable().optional() })
  .passthrough()
  .nullable()
  .optional();
const Transaction = z
  .object({
    id: z.string().nullable().optional(),
    tranId: z.string().nullable().optional(),
    total: Num,
    item: Sublist,
    expense: Sublist,
  })
  .passthrough();
type Transaction = z.infer<typeof Transaction>;
type Line = z.infer<typeof SublistLine>;

/** The lines NetSuite answered with their line number (the only way to refer to a line). */
const numbered = (lines: readonly Line[] | null | undefined) =>
  (lines ?? []).filter((l): l is Line & { line: number } => l.line !== null);

/** A record's internal id; one answered without it is refused by name (it was written by external id: retrying is safe). */
function idOf(record: Transaction, client: NsClient, what: string): string {
  if (record.id) return record.id;
  throw new ConnectorError(
    'transient',
    `${client.named} answered about ${what} without its internal id (id). Ledgerbridge reads it again on the next try; nothing is sent twice.`,
  );
}

/** Where each kind of reference lives in NetSuite, and the column its name is in. */
const LOOKUPS: Record<ReferenceKind, { table: string; field: string }> = {
  supplier: { table: 'vendor', field: 'entityid' },
  customer: { table: 'customer', field: 'entityid' },
  item: { table: 'item', field: 'itemid' },
  account: { table: 'account', field: 'acctname' },
  class: { table: 'classification', field: 'name' },
  tax_rate: { table: 'salestaxitem', field: 'itemid' },
};
/** Names in one SuiteQL IN (...) list. */
const NAMES_PER_QUERY = 200;

export class NetSuiteConnector implements PushConnector {
  readonly system = netSuiteDescriptor.system;
  readonly label = netSuiteDescriptor.label;
  readonly settingsSchema = netSuiteDescriptor.settingsSchema;
  readonly listKinds = netSuiteDescriptor.listKinds;
  readonly createsReferenceKinds = netSuiteDescriptor.createsReferenceKinds;
  readonly mappingSettings = netSuiteDescriptor.mappingSettings;
  readonly defaultSettings = netSuiteDescriptor.defaultSettings;
  readonly companyConfirmation = netSuiteDescriptor.companyConfirmation;
  readonly tokens = new ClientCredentialsTokens();
  private readonly currencies = new Map<string, { bySymbol: Map<string, string>; at: number }>();

  policy(_connection: ConnectionT): SyncPolicy {
    return netSuiteDescriptor.policy();
  }

  holdSends(connection: ConnectionT): string | null {
    return netSuiteDescriptor.holdSends(connection);
  }

  client(ctx: ConnectorContext): NsClient {
    const parsed = NetSuiteSettings.shape.accountId.safeParse(ctx.connection.settings['accountId']);
    if (!parsed.success) {
      throw new ConnectorError(
        'needs_user',
        'The NetSuite connection has no account id. Enter it in the connection settings (Setup → Company → Company Information shows it).',
      );
    }
    return new NsClient(ctx, netSuiteSettingsOf(ctx.connection.settings), this.tokens);
  }

  // ---------- connecting ----------

  async connect(ctx: ConnectorContext) {
    this.tokens.forget(ctx.connection.id);
    const result = await this.test(ctx);
    if (!result.ok) throw new ConnectorError('needs_user', result.message);
    return { authorizeUrl: null };
  }

  /**
   * The health check: signs in, reads the subsidiary, then asks for one record of each kind we write, so a role
   * that lacks a permission is named now rather than at the first document.
   */
  async test(ctx: ConnectorContext): Promise<{ ok: boolean; message: string }> {
    const client = this.client(ctx);
    const { subsidiaryId, accountId } = client.settings;
    let subsidiary = '';
    if (subsidiaryId) {
      const rows = await client.suiteql(
        `SELECT id, name FROM subsidiary WHERE id = ${literal(subsidiaryId)} ORDER BY id`,
        z.object({ id: NsId, name: z.string() }),
        'the subsidiary',
      );
      if (rows.length === 0) {
        return {
          ok: false,
          message: `NetSuite account ${accountId} has no subsidiary with internal id ${subsidiaryId} that this role can see. Check the subsidiary id in the connection settings (Setup → Company → Subsidiaries).`,
        };
      }
      subsidiary = `, subsidiary ${rows[0]!.name}`;
    } else {
      // OneWorld accounts write every transaction in a subsidiary: say which setting is missing now, not at the
      // first document (connecting still succeeds, so the settings can list the subsidiaries).
      const rows = await client
        .suiteql('SELECT id FROM subsidiary ORDER BY id', z.object({ id: NsId }), 'the subsidiaries')
        .catch((error: unknown) => {
          if (error instanceof NsFault && error.kind === 'needs_user') return []; // no subsidiaries to speak of
          throw error;
        });
      if (rows.length > 0)
        subsidiary = '. Choose the subsidiary this company is in the NetSuite settings before sending';
    }
    const problems: string[] = [];
    for (const [type, what] of [
      ['vendor', 'vendors'],
      ['purchaseOrder', 'purchase orders'],
      ['vendorBill', 'bills'],
      ...(client.settings.receipts ? [['itemReceipt', 'item receipts']] : []),
    ] as const) {
      try {
        await client.request('GET', `record/v1/${type}`, { query: { limit: '1' }, what });
      } catch (error) {
        if (error instanceof NsFault && error.kind === 'needs_user') problems.push(error.userMessage);
        else throw error;
      }
    }
    if (problems.length > 0) return { ok: false, message: problems.join(' ') };
    return { ok: true, message: `Connected to NetSuite account ${accountId.toUpperCase()}${subsidiary}.` };
  }

  /** The subsidiaries this role can see (for choosing settings.subsidiaryId). */
  async subsidiaries(
    ctx: ConnectorContext,
  ): Promise<{ id: string; name: string; parentId: string | null; active: boolean }[]> {
    const rows = await this.client(ctx).suiteql(
      'SELECT id, name, parent, isinactive FROM subsidiary ORDER BY id',
      z.object({
        id: NsId,
        name: z.string(),
        parent: z.coerce.string().nullable().optional(),
        isinactive: z.string().optional(),
      }),
      'the subsidiaries',
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      parentId: r.parent ?? null,
      active: r.isinactive !== 'T',
    }));
  }

  // ---------- references ----------

  async findReferences(ctx: ConnectorContext, kind: ReferenceKind, name: string): Promise<ExternalMatch[]> {
    const { table, field } = LOOKUPS[kind];
    const rows = await this.client(ctx).suiteql(
      `SELECT id, ${field} FROM ${table} WHERE ${field} = ${literal(name)} ORDER BY id`,
      z.object({ id: NsId }).catchall(z.unknown()),
      `the ${table} list`,
    );
    return rows.filter((r) => r[field] === name).map((r) => ({ externalId: r.id, name }));
  }

  /** Many names at once: one SuiteQL query per kind (WHERE field IN (...)), per 200 names; exact matches only. */
  async findReferencesBulk(
    ctx: ConnectorContext,
    kind: ReferenceKind,
    names: readonly string[],
  ): Promise<Map<string, ExternalMatch[]>> {
    const found = new Map<string, ExternalMatch[]>([...new Set(names)].map((name) => [name, []]));
    const { table, field } = LOOKUPS[kind];
    const all = [...found.keys()];
    for (let start = 0; start < all.length; start += NAMES_PER_QUERY) {
      const group = all.slice(start, start + NAMES_PER_QUERY);
      const rows = await this.client(ctx).suiteql(
        `SELECT id, ${field} FROM ${table} WHERE ${field} IN (${group.map(literal).join(', ')}) ORDER BY id`,
        z.object({ id: NsId }).catchall(z.unknown()),
        `the ${table} list`,
      );
      for (const row of rows) {
        const name = row[field];
        if (typeof name === 'string') found.get(name)?.push({ externalId: row.id, name });
      }
    }
    return found;
  }

  /**
   * A tax rate goes as the NetSuite tax code it is mapped to (settings.taxCodeMap); where the connection sends no
   * line tax codes, as a placeholder, so it never holds a document. Anything else: by name (findReferences).
   */
  async mapReference(ctx: ConnectorContext, record: ReferenceRecord): Promise<ExternalMatch | null> {
    if (record.kind !== 'tax_rate') return null;
    const settings = netSuiteSettingsOf(ctx.connection.settings);
    const mapped = settings.taxCodeMap[record.id];
    if (mapped) return { externalId: mapped, name: record.name };
    if (!settings.lineTaxCodes) return { externalId: `${TAX_PLACEHOLDER}${record.id}`, name: record.name };
    return null;
  }

  async createReference(ctx: ConnectorContext, record: ReferenceRecord): Promise<ExternalMatch> {
    if (record.kind === 'supplier') {
      const vendor = await upsertVendor(this.client(ctx), record.data as SupplierT, null);
      return { externalId: vendor.externalId, name: vendor.name };
    }
    if (record.kind === 'tax_rate') {
      // Reached when the mapping had nothing for it: NetSuite's tax codes are not created from here.
      const mapped = await this.mapReference(ctx, record);
      if (mapped) return mapped;
    }
    const noun = {
      account: 'account',
      item: 'item',
      class: 'class',
      customer: 'customer or project',
      tax_rate: 'tax code',
    }[record.kind];
    throw new ConnectorError(
      'needs_user',
      `NetSuite has no ${noun} named '${record.name}' that this role can see. ${record.kind === 'tax_rate' ? 'Map the tax rate to a NetSuite tax code in the connection settings' : 'Create it in NetSuite (or choose an existing one), import the lists,'} and send again.`,
    );
  }

  /** Currency internal ids by ISO code, read at most every few minutes. */
  private async currencyId(ctx: ConnectorContext, client: NsClient, code: string): Promise<string> {
    // Per account too: after a switch of account the old one's currency ids must not answer for the new one.
    const key = `${ctx.connection.id} ${client.settings.accountId}`;
    let cached = this.currencies.get(key);
    if (!cached || Date.now() - cached.at > CURRENCY_TTL_MS) {
      // The currency record's id and symbol are nullable: a currency without them is not one a document can be in.
      const rows = await client.suiteql(
        'SELECT id, symbol FROM currency ORDER BY id',
        z.object({ id: NsId.optional().catch(undefined), symbol: z.string().nullable().optional() }),
        'the currency list',
      );
      const known = rows.flatMap((r) => (r.id && r.symbol ? [[r.symbol, r.id] as const] : []));
      cached = { bySymbol: new Map(known), at: Date.now() };
      this.currencies.set(key, cached);
    }
    const id = cached.bySymbol.get(code);
    if (!id) {
      throw new ConnectorError(
        'needs_user',
        `NetSuite has no currency ${code}. Add it in NetSuite (Lists → Accounting → Currencies, with Multiple Currencies enabled), or use a currency the account has.`,
      );
    }
    return id;
  }

  // ---------- documents ----------

  async sendDocuments(ctx: ConnectorContext, documents: OutgoingDocument[]): Promise<SendOutcome[]> {
    const client = this.client(ctx);
    const outcomes: SendOutcome[] = [];
    // NetSuite's REST API has no batch write: one record at a time, within the engine's concurrency.
    for (const outgoing of documents) {
      try {
        outcomes.push(await this.sendOne(ctx, client, outgoing));
      } catch (error) {
        // Network failures, throttling and sign-in problems go to the engine, which retries the batch: every write
        // is an upsert or is looked up by external id first, so what already went through is not made twice.
        if (!(error instanceof ConnectorError) || error.kind !== 'needs_user') throw error;
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  private async sendOne(
    ctx: ConnectorContext,
    client: NsClient,
    outgoing: OutgoingDocument,
  ): Promise<SendOutcome> {
    const { document } = outgoing;
    const type = recordTypeOf(document);
    const what = nounOf(document);
    const eid = externalIdOf(document);
    const currency = await this.currencyId(ctx, client, document.currency);
    const linkedOrder = outgoing.linkedDocument?.externalId ?? null;

    if (type === 'itemReceipt') return this.sendReceipt(client, outgoing, currency);

    if (type === 'vendorBill' && linkedOrder && !outgoing.existing) {
      // A transform cannot be an upsert: a bill an earlier, unanswered attempt made is found by its external id
      // (not looked for when the engine knows this is the first try).
      const earlier =
        outgoing.mayExist === false ? null : await client.getRecord(type, `eid:${eid}`, Transaction, what);
      if (earlier)
        return this.sent(
          client,
          idOf(earlier, client, what),
          outgoing,
          'Found',
          ' (sent before its answer was lost; not sent twice)',
        );
      const order = await this.orderLines(client, linkedOrder, null, what);
      // Only our lines, each referring to the order line it bills (orderLine) with our quantity and amount; with
      // ?replace the order's other lines are not pulled onto the bill and stay open for a later bill.
      const { body, lines } = mapRecord(outgoing, client.settings, currency, order);
      delete body.entity; // the transform takes the vendor and subsidiary from the order
      delete body.subsidiary;
      const answer = await onLines(
        client.request('POST', `record/v1/purchaseOrder/${linkedOrder}/!transform/vendorBill`, {
          query: { replace: 'item,expense' },
          body,
          what,
        }),
        lines,
        what,
      );
      const id = await this.idOf(client, type, eid, answer.locationId, what);
      // A safety net: when NetSuite's bill does not add up to our invoice, say so rather than stay silent.
      const created = await client.getRecord(type, id, Transaction, what);
      const decimals = currencyDecimals(document.currency);
      const ours = toMinor(document.totals.net, decimals);
      const theirs = created?.total != null ? Math.round(created.total * 10 ** decimals) : ours;
      const differs =
        theirs === ours
          ? ''
          : `, but its total there is ${formatMinor(theirs, decimals)} instead of ${formatMinor(ours, decimals)}. Adjust the bill's lines in NetSuite`;
      return this.sent(client, id, outgoing, 'Created', ` from its purchase order${differs}`);
    }

    // A revised bill that came from an order keeps its lines' links to the order lines they bill.
    let order: OrderLines | null = null;
    if (type === 'vendorBill' && linkedOrder && outgoing.existing) {
      const bill = await client.getRecord(type, outgoing.existing.externalId, Transaction, what);
      order = await this.orderLines(client, linkedOrder, bill, what);
    }
    const { body, lines } = mapRecord(outgoing, client.settings, currency, order);
    delete body.externalId; // the external id is in the URL of an upsert
    const answer = await onLines(
      client.request('PUT', `record/v1/${type}/eid:${eid}`, {
        query: { replace: 'item,expense' },
        body,
        what,
      }),
      lines,
      what,
    );
    const id = await this.idOf(client, type, eid, answer.locationId, what);
    return this.sent(client, id, outgoing, outgoing.existing ? 'Updated' : 'Created');
  }

  /**
   * The purchase order's lines with what is still open to bill on each: the quantity not yet billed (item lines) or
   * the line's amount (expense lines; NetSuite shows no billed amount on them). A bill being revised gives back what
   * it billed itself.
   */
  private async orderLines(
    client: NsClient,
    orderId: string,
    revising: Transaction | null,
    what: string,
  ): Promise<OrderLines> {
    const order = await client.getRecord('purchaseOrder', orderId, Transaction, 'its purchase order');
    if (!order) {
      throw new ConnectorError(
        'needs_user',
        `${what} was not sent: its purchase order (internal id ${orderId}) no longer exists in NetSuite. Remove the link to the order in a revision to send it as a bill of its own.`,
      );
    }
    const ownQuantity = new Map<number, number>();
    for (const l of revising?.item?.items ?? []) {
      if (l.orderLine != null)
        ownQuantity.set(l.orderLine, (ownQuantity.get(l.orderLine) ?? 0) + (l.quantity ?? 0));
    }
    // An order line answered without its number cannot be billed against: it is left out of the matching.
    return {
      item: numbered(order.item?.items)
        .filter((l) => !l.isClosed)
        .map((l) => ({
          line: l.line,
          key: l.item?.id ?? null,
          open: (l.quantity ?? 0) - (l.quantityBilled ?? 0) + (ownQuantity.get(l.line) ?? 0),
        })),
      expense: numbered(order.expense?.items)
        .filter((l) => !l.isClosed)
        .map((l) => ({ line: l.line, key: l.account?.id ?? null, open: l.amount ?? 0 })),
    };
  }

  /** An item receipt: transformed from its purchase order with only the received lines and quantities. */
  private async sendReceipt(
    client: NsClient,
    outgoing: OutgoingDocument,
    currency: string,
  ): Promise<SendOutcome> {
    const { document } = outgoing;
    const what = nounOf(document);
    const eid = externalIdOf(document);
    if (!client.settings.receipts) {
      throw new ConnectorError(
        'needs_user',
        `${what} was not sent: receipts are off for this NetSuite connection. Turn on "approved purchase orders and receipts" in the connection settings to send it.`,
      );
    }
    const orderId = outgoing.linkedDocument?.externalId;
    if (!orderId) {
      throw new ConnectorError(
        'needs_user',
        `${what} was not sent: NetSuite records a receipt against its purchase order, and this receipt's order has not been sent to NetSuite. Link the receipt to its purchase order and send the order first.`,
      );
    }
    const earlier =
      outgoing.mayExist === false && !outgoing.existing
        ? null
        : await client.getRecord('itemReceipt', `eid:${eid}`, Transaction, what);
    if (earlier && !outgoing.existing) {
      return this.sent(
        client,
        idOf(earlier, client, what),
        outgoing,
        'Found',
        ' (sent before its answer was lost; not sent twice)',
      );
    }
    // A revised receipt is received again: the old item receipt goes, the new one is transformed from the order.
    if (earlier)
      await client.request('DELETE', `record/v1/itemReceipt/${idOf(earlier, client, what)}`, { what });
    const order = await client.getRecord('purchaseOrder', orderId, Transaction, 'its purchase order');
    if (!order) {
      throw new ConnectorError(
        'needs_user',
        `${what} was not sent: its purchase order (internal id ${orderId}) no longer exists in NetSuite.`,
      );
    }
    const lines = numbered(order.item?.items)
      .filter((l) => !l.isClosed)
      .map((l) => ({
        line: l.line,
        key: l.item?.id ?? null,
        open: (l.quantity ?? 0) - (l.quantityReceived ?? 0),
      }));
    const header = headerOf(outgoing, client.settings, currency);
    delete header.currency; // the receipt takes the order's currency
    const answer = await client.request('POST', `record/v1/purchaseOrder/${orderId}/!transform/itemReceipt`, {
      body: { ...header, item: { items: receiptLines(outgoing, lines) } },
      what,
    });
    const id = await this.idOf(client, 'itemReceipt', eid, answer.locationId, what);
    return this.sent(
      client,
      id,
      outgoing,
      outgoing.existing ? 'Updated' : 'Created',
      outgoing.existing
        ? ' (received again against its purchase order)'
        : ' (received against its purchase order)',
    );
  }

  private async idOf(
    client: NsClient,
    type: string,
    eid: string,
    located: string | null,
    what: string,
  ): Promise<string> {
    if (located) return located;
    const record = await client.getRecord(type, `eid:${eid}`, Transaction, what);
    if (!record)
      throw new ConnectorError(
        'transient',
        `${client.named} did not confirm ${what}. Ledgerbridge checks again.`,
      );
    return idOf(record, client, what);
  }

  private sent(
    client: NsClient,
    id: string,
    outgoing: OutgoingDocument,
    verb: string,
    suffix = '',
  ): SendOutcome {
    return {
      ok: true,
      externalId: id,
      syncToken: null,
      message: `${verb} ${nounOf(outgoing.document)} in ${client.named}${suffix}.${attachmentsNote(outgoing)}`,
      detail: `${recordTypeOf(outgoing.document)} internal id ${id}, externalId ${externalIdOf(outgoing.document)}`,
      // Said once: the engine offers a file to this connection again only until it is recorded as not taken.
      files: (outgoing.attachments ?? []).map((f) => ({ id: f.id, status: 'not_taken' as const })),
    };
  }

  async cancelDocument(ctx: ConnectorContext, outgoing: OutgoingDocument): Promise<SendOutcome> {
    const client = this.client(ctx);
    const type = recordTypeOf(outgoing.document);
    const what = nounOf(outgoing.document);
    const existing = outgoing.existing;
    if (!existing)
      return {
        ok: true,
        externalId: '',
        syncToken: null,
        message: `${capitalized(what)} was never in ${client.named}.`,
      };
    const done = (message: string): SendOutcome => ({
      ok: true,
      externalId: existing.externalId,
      syncToken: null,
      message,
    });
    if (type === 'purchaseOrder') {
      const order = await client.getRecord(type, existing.externalId, Transaction, what);
      if (!order) return done(`${capitalized(what)} was already deleted in ${client.named}.`);
      const close = (sublist: Transaction['item']) => ({
        items: numbered(sublist?.items).map((l) => ({ line: l.line, isClosed: true })),
      });
      const unnumbered = [...(order.item?.items ?? []), ...(order.expense?.items ?? [])].filter(
        (l) => l.line === null,
      ).length;
      try {
        await client.request('PATCH', `record/v1/purchaseOrder/${order.id ?? existing.externalId}`, {
          body: { item: close(order.item), expense: close(order.expense) },
          what,
        });
      } catch (error) {
        if (error instanceof NsFault && error.kind === 'needs_user') {
          throw new ConnectorError(
            'needs_user',
            `NetSuite did not close ${what}: ${error.info.detail} Cancel or delete what was received or billed against it in NetSuite first (or leave the order open there), then cancel again.`,
            { detail: error.detail ?? '' },
          );
        }
        throw error;
      }
      return done(
        unnumbered === 0
          ? `Closed ${what} in ${client.named} (all its lines).`
          : `Closed ${what} in ${client.named}, except ${unnumbered} line${unnumbered === 1 ? '' : 's'} NetSuite answered without a line number: close ${unnumbered === 1 ? 'it' : 'them'} on the order in NetSuite.`,
      );
    }
    try {
      await client.request('DELETE', `record/v1/${type}/${existing.externalId}`, { what });
    } catch (error) {
      if (error instanceof NsFault && error.info.status === 404)
        return done(`${capitalized(what)} was already deleted in ${client.named}.`);
      if (error instanceof NsFault && error.kind === 'needs_user') {
        throw new ConnectorError(
          'needs_user',
          `NetSuite did not delete ${what}: ${error.info.detail} ${type === 'vendorBill' ? 'A bill with a payment applied cannot be deleted: delete or void the payment in NetSuite first (or enter a vendor credit there), then cancel again.' : 'Remove what depends on it in NetSuite first, then cancel again.'}`,
          { detail: error.detail ?? '' },
        );
      }
      throw error;
    }
    return done(`Deleted ${what} in ${client.named}.`);
  }

  // ---------- optional capabilities ----------

  async readListPage(
    ctx: ConnectorContext,
    kind: ListKindName,
    cursor: ListCursor | null,
    options: { pageSize?: number } = {},
  ): Promise<ListPage> {
    return listPage(this.client(ctx), kind, cursor, options.pageSize);
  }

  async listSuppliers(ctx: ConnectorContext): Promise<ExternalSupplier[]> {
    return listVendors(this.client(ctx));
  }

  async readSupplierPage(
    ctx: ConnectorContext,
    cursor: SupplierCursor | null,
    options: { pageSize?: number } = {},
  ): Promise<SupplierPage> {
    return vendorPage(this.client(ctx), cursor, options.pageSize);
  }

  async upsertSupplier(
    ctx: ConnectorContext,
    supplier: SupplierT,
    existing: { externalId: string } | null,
  ): Promise<ExternalSupplier> {
    return upsertVendor(this.client(ctx), supplier, existing);
  }

  async importPayments(
    ctx: ConnectorContext,
    request: { since: string | null } | { from: string; to: string },
  ): Promise<PaymentImport> {
    return importPayments(this.client(ctx), request);
  }
}
