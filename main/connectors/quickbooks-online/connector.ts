// The QuickBooks Online connector: sign-in through intuit-oauth (loopback redirect for sandbox companies, the https
// relay page for production), CompanyInfo and Preferences read on connect and cached, vendors found by exact
// DisplayName or created, purchase orders and bills sent in batches of up to 30 (one batch of look-ups first: the
// linked purchase orders, and any transaction a lost answer already created), revisions as sparse updates with the
// current SyncToken, cancels as deletes. Lists, suppliers and payments are in their own modules.
import { z } from 'zod';
import { createAllButSuppliers, failedReference } from '../reference-outcomes.js';
import type { ConnectionT, SupplierT } from '../../../preload/contract.js';
import {
  ConnectorError,
  type PushConnector,
  type ConnectorContext,
  type ExternalMatch,
  type ExternalSupplier,
  type SupplierCursor,
  type SupplierPage,
  type ListKindName,
  type OutgoingDocument,
  type PaymentImport,
  type ReferenceKind,
  type ReferenceOutcome,
  type ReferenceRecord,
  type SendOutcome,
  type SignInRequest,
  type SignInResult,
  type SyncPolicy,
  type TaxCodeSetup,
  type TaxRateToCreate,
} from '../contract.js';
import { currencyDecimals } from '../../domain/currency.js';
import { formatMinor } from '../../domain/money.js';
import { uploadAttachments } from './attachments.js';
import { literal, QboClient, QboFault, requestIdFor } from './client.js';
import { describeProfile, readCompanyProfile, type CompanyProfile } from './company.js';
import { isClosedPeriod, isNotFound, isStale } from './faults.js';
import { importLists } from './lists.js';
import {
  entityOf,
  mapDocument,
  TAX_PLACEHOLDER,
  markerOf,
  type MappedDocument,
  nounOf,
  docNumberOf,
  type LinkedOrder,
} from './mapping.js';
import { appCredentials, authorizeUrl, exchangeCode, revokeToken, TokenKeeper } from './oauth.js';
import { importPayments } from './payments.js';
import { quickBooksOnlineDescriptor } from './descriptor.js';
import { connectRefusal, qboSettingsOf } from './settings.js';
import { createTaxCodes } from './tax-codes.js';
import { listVendors, upsertVendor, vendorBody, vendorPage } from './vendors.js';

const PROFILE_TTL_MS = 5 * 60_000;

const Rec = z.record(z.string(), z.unknown());
const Txn = z
  .object({
    Id: z.string(),
    SyncToken: z.string(),
    DocNumber: z.string().optional(),
    PrivateNote: z.string().optional(),
    TotalAmt: z.number().optional(),
    VendorRef: z.object({ value: z.string() }).partial().optional(),
    Line: z.array(z.object({ Id: z.string().optional() }).passthrough()).optional(),
  })
  .passthrough();
type Txn = z.infer<typeof Txn>;

const BatchItemResponse = z
  .object({
    bId: z.string(),
    Fault: z
      .object({
        Error: z.array(
          z.object({
            Message: z.string().optional(),
            Detail: z.string().optional(),
            code: z.string().optional(),
            element: z.string().optional(),
          }),
        ),
        type: z.string().optional(),
      })
      .optional(),
    QueryResponse: Rec.optional(),
  })
  .passthrough();
const BatchResponse = z.object({ BatchItemResponse: z.array(BatchItemResponse) });

/** Where each kind of reference lives in QuickBooks, and the field its name is in. */
const LOOKUPS: Record<ReferenceKind, { entity: string; field: string }> = {
  supplier: { entity: 'Vendor', field: 'DisplayName' },
  customer: { entity: 'Customer', field: 'DisplayName' },
  item: { entity: 'Item', field: 'Name' },
  account: { entity: 'Account', field: 'Name' },
  class: { entity: 'Class', field: 'Name' },
  tax_rate: { entity: 'TaxCode', field: 'Name' },
};
/** Names in one IN (...) query, and items in one batch request (QuickBooks takes at most 30). */
const NAMES_PER_QUERY = 30;
const BATCH_ITEMS = 30;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class QuickBooksOnlineConnector implements PushConnector {
  readonly system = quickBooksOnlineDescriptor.system;
  readonly label = quickBooksOnlineDescriptor.label;
  readonly settingsSchema = quickBooksOnlineDescriptor.settingsSchema;
  readonly defaultSettings = quickBooksOnlineDescriptor.defaultSettings;
  readonly tokens = new TokenKeeper();
  private readonly profiles = new Map<string, { profile: CompanyProfile; at: number }>();

  policy(_connection: ConnectionT): SyncPolicy {
    return quickBooksOnlineDescriptor.policy();
  }

  // ---------- sign-in ----------

  refuseConnect(connection: ConnectionT): { field: string; message: string } | null {
    return quickBooksOnlineDescriptor.refuseConnect(connection);
  }

  holdSends(connection: ConnectionT): string | null {
    return quickBooksOnlineDescriptor.holdSends(connection);
  }

  async connect(ctx: ConnectorContext, signIn: SignInRequest) {
    const settings = qboSettingsOf(ctx.connection.settings);
    const refusal = connectRefusal(settings);
    if (refusal) throw new ConnectorError('needs_user', refusal.message);
    const credentials = await appCredentials(ctx);
    // Production companies: Intuit redirects only to https, so the relay page carries the loopback port in state.
    const port = new URL(signIn.redirectUri).port;
    const sandbox = settings.environment === 'sandbox';
    const redirectUri = sandbox || !settings.relayUrl ? signIn.redirectUri : settings.relayUrl;
    const state = sandbox ? signIn.state : `${port}.${signIn.state}`;
    return { authorizeUrl: authorizeUrl(credentials, settings, redirectUri, state) };
  }

  /** Revokes the refresh token at Intuit (which ends the app's access to the company) and forgets the caches. */
  async disconnect(ctx: ConnectorContext): Promise<void> {
    const refreshToken = await ctx.secrets.get('refreshToken');
    this.tokens.forget(ctx.connection.id);
    this.profiles.delete(ctx.connection.id);
    if (!refreshToken) return;
    await revokeToken(await appCredentials(ctx), qboSettingsOf(ctx.connection.settings), refreshToken);
  }

  async finishSignIn(
    ctx: ConnectorContext,
    answer: { code: string; params: Record<string, string>; redirectUri: string },
  ): Promise<SignInResult> {
    const settings = qboSettingsOf(ctx.connection.settings);
    const credentials = await appCredentials(ctx);
    const realmId = answer.params.realmId;
    if (!realmId || !/^\d{1,30}$/.test(realmId)) {
      throw new ConnectorError(
        'needs_user',
        'Intuit did not say which company was chosen. Choose Connect again and pick the company.',
      );
    }
    const refusal = connectRefusal(settings);
    if (refusal) throw new ConnectorError('needs_user', refusal.message);
    const redirectUri =
      settings.environment === 'sandbox' || !settings.relayUrl ? answer.redirectUri : settings.relayUrl;
    const query = new URLSearchParams({ code: answer.code, realmId }).toString();
    const tokens = await exchangeCode(credentials, settings, redirectUri, query);
    // The refresh token first: it is the only thing that cannot be had again without the user.
    await ctx.secrets.set('refreshToken', tokens.refresh_token);
    await ctx.secrets.set('realmId', realmId);
    this.tokens.remember(ctx.connection.id, tokens.access_token, tokens.expires_in);
    this.profiles.delete(ctx.connection.id);
    const profile = await this.profile(ctx, true);
    // The status keeps what the company cannot do (no purchase orders on Simple Start or Essentials) in view, and
    // the settings keep its country (the settings panel offers tax code creation only outside the US) and its realm
    // id: until the bookkeeper confirms this company by name and realm id, nothing is sent to it (holdSends).
    return {
      statusMessage: describeProfile(profile),
      settings: {
        company: {
          name: profile.companyName,
          country: profile.country,
          homeCurrency: profile.homeCurrency,
          realmId,
          classTracking: profile.classTracking,
          trackDepartments: profile.trackDepartments,
          departmentTerminology: profile.departmentTerminology,
        },
      },
    };
  }

  async test(ctx: ConnectorContext): Promise<{ ok: boolean; message: string }> {
    const profile = await this.profile(ctx, true);
    return { ok: true, message: describeProfile(profile) };
  }

  // ---------- plumbing ----------

  async client(ctx: ConnectorContext): Promise<QboClient> {
    const realmId = await ctx.secrets.get('realmId');
    if (!realmId) {
      throw new ConnectorError(
        'auth',
        'This QuickBooks Online connection is not signed in yet. Choose Connect in Connections.',
      );
    }
    return new QboClient(ctx, qboSettingsOf(ctx.connection.settings), realmId, this.tokens);
  }

  /** The company's profile, read at most every few minutes (fresh on connect and test). */
  async profile(ctx: ConnectorContext, fresh = false): Promise<CompanyProfile> {
    const cached = this.profiles.get(ctx.connection.id);
    if (!fresh && cached && Date.now() - cached.at < PROFILE_TTL_MS) return cached.profile;
    const profile = await readCompanyProfile(await this.client(ctx));
    this.profiles.set(ctx.connection.id, { profile, at: Date.now() });
    return profile;
  }

  // ---------- references ----------

  async findReferences(ctx: ConnectorContext, kind: ReferenceKind, name: string): Promise<ExternalMatch[]> {
    const client = await this.client(ctx);
    const { entity, field } = LOOKUPS[kind];
    const row = z.object({ Id: z.string() }).catchall(z.unknown());
    const rows = await client.query(entity, `WHERE ${field} = ${literal(name)}`, row);
    return rows
      .filter((r) => r[field] === name) // QuickBooks compares without case; the rule is an exact match
      .map((r) => ({ externalId: r.Id, name: String(r[field]) }));
  }

  /**
   * Many names at once: one query per 30 names (WHERE DisplayName IN (...)), up to 30 queries in one batch
   * request. QuickBooks compares names without case; as in findReferences, only exact matches count.
   */
  async findReferencesBulk(
    ctx: ConnectorContext,
    kind: ReferenceKind,
    names: readonly string[],
  ): Promise<Map<string, ExternalMatch[]>> {
    const found = new Map<string, ExternalMatch[]>([...new Set(names)].map((name) => [name, []]));
    if (found.size === 0) return found;
    const client = await this.client(ctx);
    const { entity, field } = LOOKUPS[kind];
    const queries = chunk([...found.keys()], NAMES_PER_QUERY).map((group, n) => ({
      bId: String(n + 1),
      Query: `SELECT * FROM ${entity} WHERE ${field} IN (${group.map(literal).join(',')}) MAXRESULTS 1000`,
    }));
    const row = z.object({ Id: z.string() }).catchall(z.unknown());
    const what = `the ${entity === 'Vendor' ? 'vendors' : `${entity.toLowerCase()} records`} these documents name`;
    for (const batch of chunk(queries, BATCH_ITEMS)) {
      const answer = await client.request('batch', {
        body: { BatchItemRequest: batch },
        what,
        schema: BatchResponse,
      });
      for (const item of answer.BatchItemResponse) {
        if (item.Fault) {
          throw new QboFault({ status: 400, type: item.Fault.type ?? '', errors: item.Fault.Error }, what);
        }
        for (const record of z.array(row).parse(item.QueryResponse?.[entity] ?? [])) {
          const name = record[field];
          if (typeof name === 'string') found.get(name)?.push({ externalId: record.Id, name });
        }
      }
    }
    return found;
  }

  /** Vendors created 30 to a batch request; anything else one at a time, as createReference does it. */
  async createReferences(
    ctx: ConnectorContext,
    records: readonly ReferenceRecord[],
  ): Promise<ReferenceOutcome[]> {
    const { outcomes, suppliers: vendors } = await createAllButSuppliers(records, (record) =>
      this.createReference(ctx, record),
    );
    if (vendors.length === 0) return outcomes;
    const client = await this.client(ctx);
    const profile = await this.profile(ctx);
    const row = z.object({ Id: z.string(), DisplayName: z.string() }).passthrough();
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
          outcomes[i] = failedReference(
            new QboFault({ status: 400, type: item.Fault.type ?? '', errors: item.Fault.Error }, what),
          );
        } else {
          const vendor = row.safeParse(item['Vendor']);
          outcomes[i] = vendor.success
            ? { ok: true, match: { externalId: vendor.data.Id, name: vendor.data.DisplayName } }
            : failedReference(
                new ConnectorError('transient', `QuickBooks answered for ${what} without its id.`),
              );
        }
      });
    }
    return outcomes;
  }

  async createReference(ctx: ConnectorContext, record: ReferenceRecord): Promise<ExternalMatch> {
    const client = await this.client(ctx);
    if (record.kind === 'supplier') {
      const profile = await this.profile(ctx);
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
      // Tax rates are not created in QuickBooks: they are mapped (settings.taxCodeMap), and US companies have no tax
      // on purchase forms at all. The link records that the rate was seen; mapping.ts reads the map itself.
      const settings = qboSettingsOf(ctx.connection.settings);
      const profile = await this.profile(ctx);
      if (settings.taxCodeMap[record.id])
        return { externalId: `${TAX_PLACEHOLDER}map:${record.id}`, name: record.name };
      if (profile.usTax) return { externalId: `${TAX_PLACEHOLDER}us:${record.id}`, name: record.name };
    }
    const noun = { account: 'account', item: 'product or service', tax_rate: 'tax code' }[record.kind];
    throw new ConnectorError(
      'needs_user',
      record.kind === 'tax_rate'
        ? `QuickBooks has no tax code named '${record.name}', and the tax rate is not mapped. In the connection settings, map it to a QuickBooks tax code or choose Create in QuickBooks next to it, then send again.`
        : `QuickBooks has no ${noun} named '${record.name}'. Create it in QuickBooks (or choose an existing one), then import the lists and send again.`,
    );
  }

  // ---------- documents ----------

  async sendDocuments(ctx: ConnectorContext, documents: OutgoingDocument[]): Promise<SendOutcome[]> {
    const settings = qboSettingsOf(ctx.connection.settings);
    const profile = await this.profile(ctx);
    const client = await this.client(ctx);
    const outcomes: (SendOutcome | null)[] = documents.map(() => null);
    const fail = (i: number, error: unknown) => {
      outcomes[i] = {
        ok: false,
        error: error instanceof ConnectorError ? error : new ConnectorError('needs_user', String(error)),
      };
    };

    // One batch of look-ups: the purchase orders bills link to, and anything an earlier, unanswered attempt created.
    // A batch whose documents are all on their first try, with no order to link, needs none: a request that
    // never left cannot have created anything.
    const creates = documents.map((d, i) => ({ d, i })).filter(({ d }) => !d.existing);
    const toLookUp = creates.map(({ d }) => d).filter((d) => d.mayExist !== false || d.linkedDocument);
    const looked = await this.lookUp(client, toLookUp);

    const toCreate: {
      i: number;
      entity: string;
      body: Record<string, unknown>;
      mapped: MappedDocument;
      what: string;
    }[] = [];
    for (const [i, outgoing] of documents.entries()) {
      try {
        const linkedId = outgoing.linkedDocument?.externalId;
        const linked: LinkedOrder | null = linkedId ? (looked.orders.get(linkedId) ?? null) : null;
        const mapped = mapDocument(outgoing, profile, settings, linked);
        if (outgoing.existing) {
          outcomes[i] = await this.update(client, outgoing, mapped);
          continue;
        }
        const earlier = looked.created.get(outgoing.document.id);
        if (earlier) {
          outcomes[i] = {
            ok: true,
            externalId: earlier.Id,
            syncToken: earlier.SyncToken,
            message: `Found ${nounOf(outgoing.document)} already in QuickBooks (sent before its answer was lost); not sent twice.`,
            detail: `${mapped.entity} ${earlier.Id} carries ${markerOf(outgoing.document)}`,
          };
          continue;
        }
        toCreate.push({
          i,
          entity: mapped.entity,
          body: mapped.body,
          mapped,
          what: nounOf(outgoing.document),
        });
      } catch (error) {
        fail(i, error);
      }
    }
    if (toCreate.length > 0) {
      const key = toCreate
        .map(({ i }) => documents[i]!.idempotencyKey)
        .sort()
        .join('|');
      const answer = await client.request('batch', {
        body: {
          BatchItemRequest: toCreate.map((c, n) => ({
            bId: String(n + 1),
            operation: 'create',
            [c.entity]: c.body,
          })),
        },
        requestKey: `batch:${requestIdFor(key)}`,
        what: `${toCreate.length} document${toCreate.length === 1 ? '' : 's'}`,
        schema: BatchResponse,
      });
      const byId = new Map(answer.BatchItemResponse.map((r) => [r.bId, r]));
      toCreate.forEach((c, n) => {
        const item = byId.get(String(n + 1));
        if (!item) {
          fail(
            c.i,
            new ConnectorError('transient', `QuickBooks did not answer for ${c.what}. Ledgerbridge retries.`),
          );
        } else if (item.Fault) {
          const info = { status: 400, type: item.Fault.type ?? '', errors: item.Fault.Error };
          // The books were closed since we last read Preferences: read them again before the next send.
          if (isClosedPeriod(info)) this.profiles.delete(ctx.connection.id);
          fail(c.i, new QboFault(info, c.what));
        } else {
          const created = Txn.parse(item[c.entity]);
          outcomes[c.i] = this.sentOutcome(created, c.mapped, documents[c.i]!, 'Created');
        }
      });
    }
    // Files go once, right after the transaction exists (a revision does not attach them again).
    for (const c of toCreate) {
      const outcome = outcomes[c.i];
      const files = documents[c.i]!.attachments ?? [];
      if (!outcome?.ok || files.length === 0) continue;
      const missed = await uploadAttachments(client, c.entity, outcome.externalId, files);
      if (missed) outcomes[c.i] = { ...outcome, message: `${outcome.message ?? ''} ${missed}`.trim() };
    }
    return outcomes.map(
      (o) => o ?? { ok: false, error: new ConnectorError('transient', 'Not attempted; retrying.') },
    );
  }

  private sentOutcome(
    txn: Txn,
    mapped: MappedDocument,
    outgoing: OutgoingDocument,
    verb: string,
  ): SendOutcome {
    const noun = nounOf(outgoing.document);
    const expectedMinor = mapped.expectedTotalMinor;
    // Minor units of the document's currency (a JPY bill has none), as expectedTotalMinor is.
    const decimals = currencyDecimals(outgoing.document.currency);
    const total = Math.round((txn.TotalAmt ?? 0) * 10 ** decimals);
    const amount = (minor: number) => formatMinor(minor, decimals);
    const mismatch = txn.TotalAmt !== undefined && total !== expectedMinor;
    const sentence = mismatch
      ? `${verb} ${noun} in QuickBooks, but its total there is ${amount(total)} instead of ${amount(expectedMinor)}. Check the tax codes mapped in the connection settings.`
      : `${verb} ${noun} in QuickBooks (total ${amount(total)}).`;
    return {
      ok: true,
      externalId: txn.Id,
      syncToken: txn.SyncToken,
      // What QuickBooks could not take (a class, a location) is said, not silently dropped.
      message: [sentence, ...mapped.notSent].join(' '),
      detail: `${entityOf(outgoing.document)} Id ${txn.Id} SyncToken ${txn.SyncToken}`,
    };
  }

  /** The linked purchase orders (with their line ids) and transactions an earlier attempt already created. */
  private async lookUp(
    client: QboClient,
    creates: OutgoingDocument[],
  ): Promise<{ orders: Map<string, LinkedOrder>; created: Map<string, Txn> }> {
    const orders = new Map<string, LinkedOrder>();
    const created = new Map<string, Txn>();
    const linkedIds = [
      ...new Set(creates.map((d) => d.linkedDocument?.externalId).filter((x): x is string => !!x)),
    ];
    const numbers = (entity: string) => [
      ...new Set(creates.filter((d) => entityOf(d.document) === entity).map((d) => docNumberOf(d.document))),
    ];
    const queries: { bId: string; Query: string }[] = [];
    if (linkedIds.length > 0)
      queries.push({
        bId: 'po',
        Query: `SELECT * FROM PurchaseOrder WHERE Id IN (${linkedIds.map(literal).join(',')})`,
      });
    for (const entity of ['PurchaseOrder', 'Bill']) {
      const list = numbers(entity);
      if (list.length > 0)
        queries.push({
          bId: entity,
          Query: `SELECT * FROM ${entity} WHERE DocNumber IN (${list.map(literal).join(',')}) MAXRESULTS 1000`,
        });
    }
    if (queries.length === 0) return { orders, created };
    const answer = await client.request('batch', {
      body: { BatchItemRequest: queries },
      what: 'the documents already in QuickBooks',
      schema: BatchResponse,
    });
    const markers = new Map(creates.map((d) => [markerOf(d.document), d.document.id]));
    for (const item of answer.BatchItemResponse) {
      if (item.Fault)
        throw new QboFault(
          { status: 400, type: item.Fault.type ?? '', errors: item.Fault.Error },
          'the documents already in QuickBooks',
        );
      const rows = z
        .array(Txn)
        .parse(item.QueryResponse?.[item.bId === 'po' ? 'PurchaseOrder' : item.bId] ?? []);
      for (const row of rows) {
        if (item.bId === 'po') {
          orders.set(row.Id, {
            id: row.Id,
            lineIds: (row.Line ?? []).map((l) => l.Id ?? '').filter(Boolean),
          });
          continue;
        }
        const marker = /\[lb:[^\]]+\]/.exec(row.PrivateNote ?? '')?.[0];
        const ours = marker ? markers.get(marker) : undefined;
        if (ours) created.set(ours, row);
      }
    }
    return { orders, created };
  }

  private async update(
    client: QboClient,
    outgoing: OutgoingDocument,
    mapped: MappedDocument,
  ): Promise<SendOutcome> {
    const { entity, body } = mapped;
    const existing = outgoing.existing!;
    const what = nounOf(outgoing.document);
    const send = (syncToken: string) =>
      client.request(entity.toLowerCase(), {
        body: { ...body, Id: existing.externalId, SyncToken: syncToken, sparse: true },
        requestKey: `${outgoing.idempotencyKey}:${syncToken}`,
        what,
        schema: z.object({ [entity]: Txn }),
      });
    let syncToken =
      existing.syncToken ?? (await this.current(client, entity, existing.externalId, what)).SyncToken;
    try {
      const answer = await send(syncToken);
      return this.sentOutcome(answer[entity] as Txn, mapped, outgoing, 'Updated');
    } catch (error) {
      if (!(error instanceof QboFault) || !isStale(error.info)) throw error;
      // Someone changed it in QuickBooks since: read the current SyncToken and apply ours once more.
      syncToken = (await this.current(client, entity, existing.externalId, what)).SyncToken;
      const answer = await send(syncToken);
      return this.sentOutcome(answer[entity] as Txn, mapped, outgoing, 'Updated');
    }
  }

  private async current(client: QboClient, entity: string, id: string, what: string): Promise<Txn> {
    const answer = await client.request(`${entity.toLowerCase()}/${id}`, {
      what,
      schema: z.object({ [entity]: Txn }),
    });
    return answer[entity] as Txn;
  }

  async cancelDocument(ctx: ConnectorContext, outgoing: OutgoingDocument): Promise<SendOutcome> {
    const client = await this.client(ctx);
    const entity = entityOf(outgoing.document);
    const what = nounOf(outgoing.document);
    const existing = outgoing.existing;
    if (!existing)
      return { ok: true, externalId: '', syncToken: null, message: `${what} was never in QuickBooks.` };
    const remove = (syncToken: string) =>
      client.request(entity.toLowerCase(), {
        query: { operation: 'delete' },
        body: { Id: existing.externalId, SyncToken: syncToken },
        requestKey: `${outgoing.idempotencyKey}:${syncToken}`,
        what,
        schema: z.object({ [entity]: z.object({ Id: z.string() }).passthrough() }),
      });
    try {
      try {
        await remove(
          existing.syncToken ?? (await this.current(client, entity, existing.externalId, what)).SyncToken,
        );
      } catch (error) {
        if (!(error instanceof QboFault) || !isStale(error.info)) throw error;
        await remove((await this.current(client, entity, existing.externalId, what)).SyncToken);
      }
    } catch (error) {
      if (error instanceof QboFault && isNotFound(error.info)) {
        return {
          ok: true,
          externalId: existing.externalId,
          syncToken: null,
          message: `${what} was already deleted in QuickBooks.`,
        };
      }
      throw error;
    }
    return {
      ok: true,
      externalId: existing.externalId,
      syncToken: null,
      message: `Deleted ${what} in QuickBooks.`,
    };
  }

  // ---------- optional capabilities ----------

  async importLists(
    ctx: ConnectorContext,
    kinds: readonly ListKindName[],
    progress: (report: { kind: ListKindName; done: number }) => void,
  ) {
    return importLists(await this.client(ctx), kinds, progress);
  }

  async listSuppliers(ctx: ConnectorContext): Promise<ExternalSupplier[]> {
    return listVendors(await this.client(ctx));
  }

  async readSupplierPage(
    ctx: ConnectorContext,
    cursor: SupplierCursor | null,
    options: { pageSize?: number } = {},
  ): Promise<SupplierPage> {
    return vendorPage(await this.client(ctx), cursor, options.pageSize);
  }

  async upsertSupplier(
    ctx: ConnectorContext,
    supplier: SupplierT,
    existing: { externalId: string } | null,
  ): Promise<ExternalSupplier> {
    const profile = await this.profile(ctx);
    return upsertVendor(
      await this.client(ctx),
      vendorBody(supplier, profile),
      existing,
      `vendor:${supplier.id}:${supplier.updatedAt}`,
    );
  }

  /**
   * Creates QuickBooks tax codes for our tax rates that map to none (non-US companies), filed with the default tax
   * agency; only on the bookkeeper's request. The caller saves the returned taxCodeMap in the connection's settings
   * and imports the tax lists again.
   */
  async createTaxCodes(ctx: ConnectorContext, rates: readonly TaxRateToCreate[]): Promise<TaxCodeSetup> {
    return createTaxCodes(
      await this.client(ctx),
      await this.profile(ctx),
      qboSettingsOf(ctx.connection.settings),
      rates,
    );
  }

  async importPayments(
    ctx: ConnectorContext,
    request: { since: string | null } | { from: string; to: string },
  ): Promise<PaymentImport> {
    return importPayments(await this.client(ctx), request);
  }
}
