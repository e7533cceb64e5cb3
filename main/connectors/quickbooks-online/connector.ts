// The QuickBooks Online connector: the class the registry loads, wiring one idea per module. Sign-in through
// intuit-oauth (loopback redirect for sandbox companies, the https relay page for production), CompanyInfo and
// Preferences read on connect and cached (company.ts). References are in references.ts; sending in send.ts
// (revisions: revise.ts; answers: transactions.ts; the batch endpoint: batch.ts); cancels as deletes in
// cancel.ts. Lists, suppliers, tax codes and payments are in their own modules.
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
  type ReferenceOutcome,
  type ReferenceRecord,
  type SendOutcome,
  type SignInRequest,
  type SignInResult,
  type SyncPolicy,
  type TaxCodeSetup,
  type TaxRateToCreate,
} from '../contract.js';
import { createAllButSuppliers } from '../reference-outcomes.js';
import { cancelDocument } from './cancel.js';
import { QboClient } from './client.js';
import { describeProfile, readCompanyProfile, type CompanyProfile } from './company.js';
import { quickBooksOnlineDescriptor } from './descriptor.js';
import { listPage } from './lists.js';
import { appCredentials, authorizeUrl, exchangeCode, revokeToken, TokenKeeper } from './oauth.js';
import { importPayments } from './payments.js';
import {
  createReference,
  createVendors,
  findReferences,
  findReferencesBulk,
  mappedTaxCode,
} from './references.js';
import { sendDocuments } from './send.js';
import { connectRefusal, qboSettingsOf } from './settings.js';
import { createTaxCodes } from './tax-codes.js';
import { listVendors, upsertVendor, vendorBody, vendorPage } from './vendors.js';

const PROFILE_TTL_MS = 5 * 60_000;

export class QuickBooksOnlineConnector implements PushConnector {
  readonly system = quickBooksOnlineDescriptor.system;
  readonly label = quickBooksOnlineDescriptor.label;
  readonly settingsSchema = quickBooksOnlineDescriptor.settingsSchema;
  readonly listKinds = quickBooksOnlineDescriptor.listKinds;
  readonly createsReferenceKinds = quickBooksOnlineDescriptor.createsReferenceKinds;
  readonly mappingSettings = quickBooksOnlineDescriptor.mappingSettings;
  readonly defaultSettings = quickBooksOnlineDescriptor.defaultSettings;
  readonly documentTypes = quickBooksOnlineDescriptor.documentTypes;
  readonly takesFiles = quickBooksOnlineDescriptor.takesFiles;
  readonly companyConfirmation = quickBooksOnlineDescriptor.companyConfirmation;
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

  /** The company's Preferences as the document editor uses them: class tracking, locations (departments). */
  async companySettings(ctx: ConnectorContext, fresh: boolean): Promise<Record<string, unknown>> {
    const current = qboSettingsOf(ctx.connection.settings).company;
    if (!current) return {};
    const profile = await this.profile(ctx, fresh);
    return {
      company: {
        ...current,
        classTracking: profile.classTracking,
        trackDepartments: profile.trackDepartments,
        departmentTerminology: profile.departmentTerminology,
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
    return findReferences(await this.client(ctx), kind, name);
  }

  async findReferencesBulk(
    ctx: ConnectorContext,
    kind: ReferenceKind,
    names: readonly string[],
  ): Promise<Map<string, ExternalMatch[]>> {
    if (names.length === 0) return new Map();
    return findReferencesBulk(await this.client(ctx), kind, names);
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
    await createVendors(client, await this.profile(ctx), vendors, outcomes);
    return outcomes;
  }

  /** Tax rates go by settings.taxCodeMap (and need no tax code in a US company): references.ts mappedTaxCode. */
  async mapReference(ctx: ConnectorContext, record: ReferenceRecord): Promise<ExternalMatch | null> {
    return mappedTaxCode(() => this.profile(ctx), qboSettingsOf(ctx.connection.settings), record);
  }

  async createReference(ctx: ConnectorContext, record: ReferenceRecord): Promise<ExternalMatch> {
    const client = await this.client(ctx);
    const settings = qboSettingsOf(ctx.connection.settings);
    return createReference(client, () => this.profile(ctx), settings, record);
  }

  // ---------- documents ----------

  async sendDocuments(ctx: ConnectorContext, documents: OutgoingDocument[]): Promise<SendOutcome[]> {
    const settings = qboSettingsOf(ctx.connection.settings);
    const profile = await this.profile(ctx);
    const client = await this.client(ctx);
    return sendDocuments(client, profile, settings, documents, () => this.profiles.delete(ctx.connection.id));
  }

  async cancelDocument(ctx: ConnectorContext, outgoing: OutgoingDocument): Promise<SendOutcome> {
    return cancelDocument(await this.client(ctx), outgoing);
  }

  // ---------- optional capabilities ----------

  async readListPage(
    ctx: ConnectorContext,
    kind: ListKindName,
    cursor: ListCursor | null,
    options: { pageSize?: number } = {},
  ): Promise<ListPage> {
    return listPage(await this.client(ctx), kind, cursor, options.pageSize);
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
