// The Xero connector: the class the registry loads, wiring one idea per module. Sign-in with PKCE through
// identity.ts (no client secret), the organisation chosen after sign-in (kept when the user allowed only one;
// picked with xero.chooseTenant or settings.tenantId otherwise), xero-node's AccountingApi for every accounting
// call (api.ts). References are in references.ts, sending in send.ts (revisions: revise.ts; the answer:
// outcome.ts), cancels in cancel.ts, lists in lists.ts, suppliers in suppliers.ts, payments in payments.ts.
import type { TaxRate } from 'xero-node';
import type { ConnectionT, SupplierT } from '../../../preload/contract.js';
import { connectionLabel } from '../../domain/text.js';
import {
  ConnectorError,
  type PushConnector,
  type ConnectorContext,
  type ExternalMatch,
  type ExternalSupplier,
  type SupplierCursor,
  type SupplierPage,
  type PaymentImport,
  type ListKindName,
  type ListPage,
  type OutgoingDocument,
  type ReferenceKind,
  type ReferenceOutcome,
  type ReferenceRecord,
  type SendOutcome,
  type SignInRequest,
  type SignInResult,
  type SyncPolicy,
} from '../contract.js';
import { createAllButSuppliers } from '../reference-outcomes.js';
import { XeroApi } from './api.js';
import { cancelDocument } from './cancel.js';
import { BATCH_SIZE, xeroDescriptor } from './descriptor.js';
import {
  authorizeUrl,
  clientIdOf,
  exchangeCode,
  listTenants,
  XeroTokens,
  type XeroTenant,
  revokeRefreshToken,
} from './identity.js';
import { idempotencyKeyOf } from './keys.js';
import { listPage } from './lists.js';
import { importPayments } from './payments.js';
import { registeredRedirectUri, startRelay, type Relay } from './redirect.js';
import { createContacts, findReferences, findReferencesBulk, notCreatedInXero } from './references.js';
import { mappedTaxType, readTaxRates, taxTypeFor, type TaxRatesReader } from './tax-types.js';
import { sendDocuments } from './send.js';
import { xeroSettingsOf } from './settings.js';
import { listSuppliers, supplierImportPage, supplierPage, upsertContact } from './suppliers.js';

export { BATCH_SIZE };

const TAX_RATES_TTL_MS = 5 * 60_000;

export { idempotencyKeyOf };

export { xeroStatusLabel } from './outcome.js';

/** An organisation id with its name where the sign-in's list has it; null for none. */
function tenantNamed(
  tenantId: string | null,
  tenants: readonly XeroTenant[],
): { tenantId: string; name: string } | null {
  if (!tenantId) return null;
  const named = tenants.find((t) => t.tenantId === tenantId)?.tenantName;
  return { tenantId, name: named ?? tenantId };
}

export class XeroConnector implements PushConnector {
  readonly system = xeroDescriptor.system;
  readonly label = xeroDescriptor.label;
  readonly settingsSchema = xeroDescriptor.settingsSchema;
  readonly listKinds = xeroDescriptor.listKinds;
  readonly createsReferenceKinds = xeroDescriptor.createsReferenceKinds;
  readonly mappingSettings = xeroDescriptor.mappingSettings;
  readonly defaultSettings = xeroDescriptor.defaultSettings;
  readonly documentTypes = xeroDescriptor.documentTypes;
  readonly takesFiles = xeroDescriptor.takesFiles;
  readonly companyConfirmation = xeroDescriptor.companyConfirmation;
  readonly tokens = new XeroTokens();

  holdSends(connection: ConnectionT): string | null {
    return xeroDescriptor.holdSends(connection);
  }

  policy(_connection: ConnectionT): SyncPolicy {
    return xeroDescriptor.policy();
  }

  // ---------- sign-in ----------

  /** Relays on the fixed redirect port during a sign-in, by connection (redirect.ts). */
  private readonly relays = new Map<string, Relay>();

  async connect(ctx: ConnectorContext, signIn: SignInRequest) {
    const settings = xeroSettingsOf(ctx.connection.settings);
    const clientId = await clientIdOf(ctx);
    this.relays.get(ctx.connection.id)?.close();
    this.relays.delete(ctx.connection.id);
    const port = settings.redirectPort;
    if (port === 0) return { authorizeUrl: authorizeUrl(settings, clientId, signIn) };
    // Xero sends the browser back to the registered URI on the fixed port; the relay passes it on to the
    // engine's loopback listener, which checks the state.
    this.relays.set(ctx.connection.id, await startRelay(port, signIn.redirectUri, signIn.state));
    return {
      authorizeUrl: authorizeUrl(settings, clientId, { ...signIn, redirectUri: registeredRedirectUri(port) }),
    };
  }

  /** Revokes the refresh token at Xero (every organisation connection of the sign-in ends with it). */
  async disconnect(ctx: ConnectorContext): Promise<void> {
    this.relays.get(ctx.connection.id)?.close();
    this.relays.delete(ctx.connection.id);
    this.tokens.forget(ctx.connection.id);
    const refreshToken = await ctx.secrets.get('refreshToken');
    if (!refreshToken) return;
    await revokeRefreshToken(
      ctx,
      xeroSettingsOf(ctx.connection.settings),
      await clientIdOf(ctx),
      refreshToken,
    );
  }

  /**
   * Ends the sign-in and says which organisation it reached, into the settings (tenantId with its name): the one in
   * use when the sign-in still allows it, else the only one it allowed — which, when another was confirmed before,
   * is a switch the bookkeeper confirms before anything is sent (holdSends). Allowed several but not the one in use:
   * the bookkeeper chooses (xero.chooseTenant).
   */
  async finishSignIn(
    ctx: ConnectorContext,
    answer: { code: string; params: Record<string, string>; redirectUri: string; codeVerifier: string },
  ): Promise<SignInResult> {
    const settings = xeroSettingsOf(ctx.connection.settings);
    this.relays.get(ctx.connection.id)?.close();
    this.relays.delete(ctx.connection.id);
    const clientId = await clientIdOf(ctx);
    // The code is exchanged with the redirect URI the authorize request named.
    const redirectUri =
      settings.redirectPort === 0 ? answer.redirectUri : registeredRedirectUri(settings.redirectPort);
    const tokens = await exchangeCode(ctx, settings, clientId, { ...answer, redirectUri });
    // The refresh token first: it is the only thing that cannot be had again without the user.
    await ctx.secrets.set('refreshToken', tokens.refresh_token);
    this.tokens.remember(ctx.connection.id, tokens);
    const tenants = await listTenants(ctx, settings, tokens.access_token);
    if (tenants.length === 0) {
      throw new ConnectorError(
        'needs_user',
        'No Xero organisation was allowed during sign-in. Choose Connect again and tick an organisation.',
      );
    }
    // Connections made before the organisation was kept in the settings have it in the keychain.
    const inUse = settings.tenantId ?? (await ctx.secrets.get('tenantId'));
    const kept = tenants.find((t) => t.tenantId === inUse) ?? (tenants.length === 1 ? tenants[0]! : null);
    // The one it sent to before, for a connection connected before the confirmation was kept: a reconnect that
    // reached another is then a switch too.
    const before = tenantNamed(inUse, tenants);
    const earlier =
      settings.confirmedOrganisation === null && ctx.connection.connectedAt && before
        ? {
            confirmedOrganisation: {
              ...before,
              confirmedAt: ctx.connection.connectedAt,
              confirmedBy: 'Ledgerbridge (connected before switches were confirmed)',
            },
          }
        : {};
    if (kept) {
      await ctx.secrets.delete('tenantId');
      return {
        settings: {
          ...earlier,
          tenantId: kept.tenantId,
          organisation: { tenantId: kept.tenantId, name: kept.tenantName ?? kept.tenantId },
        },
      };
    }
    // Kept in the keychain (older connections): choosing another organisation is then a switch from it.
    throw new ConnectorError(
      'needs_user',
      `You allowed ${tenants.length} Xero organisations (${tenants.map((t) => t.tenantName ?? t.tenantId).join(', ')}). Choose the one for this company in the connection; one organisation per company.`,
    );
  }

  /** The organisations this connection's sign-in reaches, for choosing one. */
  async tenants(ctx: ConnectorContext): Promise<XeroTenant[]> {
    const settings = xeroSettingsOf(ctx.connection.settings);
    return listTenants(ctx, settings, await this.tokens.accessToken(ctx, settings));
  }

  async tenantId(ctx: ConnectorContext): Promise<string> {
    const settings = xeroSettingsOf(ctx.connection.settings);
    const chosen = settings.tenantId ?? (await ctx.secrets.get('tenantId'));
    if (!chosen) {
      throw new ConnectorError(
        'auth',
        'This Xero connection has no organisation yet. Choose Connect (and the organisation) in Connections.',
      );
    }
    return chosen;
  }

  async api(ctx: ConnectorContext): Promise<XeroApi> {
    return new XeroApi(ctx, xeroSettingsOf(ctx.connection.settings), await this.tenantId(ctx), this.tokens);
  }

  async test(ctx: ConnectorContext): Promise<{ ok: boolean; message: string }> {
    const api = await this.api(ctx);
    const answer = await api.call('the organisation', (x, t) => x.getOrganisations(t));
    const org = answer.organisations?.[0];
    if (!org) return { ok: false, message: 'Xero did not describe the organisation.' };
    return {
      ok: true,
      message: `Connected to ${org.name ?? 'the organisation'} (${String(org.countryCode ?? '')}, ${String(org.baseCurrency ?? '')}).`,
    };
  }

  // ---------- references ----------

  async findReferences(ctx: ConnectorContext, kind: ReferenceKind, name: string): Promise<ExternalMatch[]> {
    return findReferences(await this.api(ctx), kind, name);
  }

  async findReferencesBulk(
    ctx: ConnectorContext,
    kind: ReferenceKind,
    names: readonly string[],
  ): Promise<Map<string, ExternalMatch[]>> {
    if (names.length === 0) return new Map();
    return findReferencesBulk(await this.api(ctx), kind, names);
  }

  /** Contacts created up to 50 in one PUT (each answered on its own); anything else as createReference does. */
  async createReferences(
    ctx: ConnectorContext,
    records: readonly ReferenceRecord[],
  ): Promise<ReferenceOutcome[]> {
    const { outcomes, suppliers: contacts } = await createAllButSuppliers(records, (record) =>
      this.createReference(ctx, record),
    );
    if (contacts.length === 0) return outcomes;
    await createContacts(await this.api(ctx), contacts, outcomes);
    return outcomes;
  }

  /**
   * The organisation's tax rates, read at most every few minutes (again after a list import). Kept per connection
   * and organisation: after a switch of organisation the old one's rates must not answer for the new one.
   */
  private readonly taxRateReads = new Map<string, { rates: Promise<TaxRate[]>; at: number }>();

  private taxRates(ctx: ConnectorContext): TaxRatesReader {
    return async () => {
      const key = `${ctx.connection.id} ${await this.tenantId(ctx)}`;
      const cached = this.taxRateReads.get(key);
      if (cached && Date.now() - cached.at < TAX_RATES_TTL_MS) return cached.rates;
      const rates = this.api(ctx).then(readTaxRates);
      // A failed read is not kept: the next reference asks again.
      rates.catch(() => {
        if (this.taxRateReads.get(key)?.rates === rates) this.taxRateReads.delete(key);
      });
      this.taxRateReads.set(key, { rates, at: Date.now() });
      return rates;
    };
  }

  private forgetTaxRates(connectionId: string): void {
    for (const key of this.taxRateReads.keys()) {
      if (key.startsWith(`${connectionId} `)) this.taxRateReads.delete(key);
    }
  }

  /** Tax rates go by the connection's mapping (settings.taxRateMap), else by name or rate (tax-types.ts). */
  async mapReference(ctx: ConnectorContext, record: ReferenceRecord): Promise<ExternalMatch | null> {
    return mappedTaxType(xeroSettingsOf(ctx.connection.settings), record, this.taxRates(ctx));
  }

  async createReference(ctx: ConnectorContext, record: ReferenceRecord): Promise<ExternalMatch> {
    if (record.kind === 'tax_rate') {
      return taxTypeFor(xeroSettingsOf(ctx.connection.settings), record, this.taxRates(ctx));
    }
    if (record.kind !== 'supplier') throw notCreatedInXero(record);
    const created = await upsertContact(
      await this.api(ctx),
      record.data as SupplierT,
      null,
      idempotencyKeyOf([`contact:${record.id}`]),
    );
    return { externalId: created.externalId, name: created.name };
  }

  // ---------- documents ----------

  async sendDocuments(ctx: ConnectorContext, documents: OutgoingDocument[]): Promise<SendOutcome[]> {
    const settings = xeroSettingsOf(ctx.connection.settings);
    return sendDocuments(await this.api(ctx), settings, documents);
  }

  async cancelDocument(ctx: ConnectorContext, outgoing: OutgoingDocument): Promise<SendOutcome> {
    return cancelDocument(
      () => this.api(ctx),
      outgoing,
      connectionLabel(ctx.connection, xeroDescriptor.label),
    );
  }

  // ---------- optional capabilities ----------

  async readListPage(ctx: ConnectorContext, kind: ListKindName): Promise<ListPage> {
    // Read again, the tax rates are fresh for the references too.
    if (kind === 'tax_rate') this.forgetTaxRates(ctx.connection.id);
    return listPage(await this.api(ctx), kind);
  }

  /** Who wants to hear, per connection, how many suppliers a full read has reached (xero.importSuppliers). */
  private readonly supplierWatchers = new Map<string, (done: number) => void>();

  watchSupplierReads(connectionId: string, listener: (done: number) => void): () => void {
    this.supplierWatchers.set(connectionId, listener);
    return () => {
      if (this.supplierWatchers.get(connectionId) === listener) this.supplierWatchers.delete(connectionId);
    };
  }

  async listSuppliers(ctx: ConnectorContext): Promise<ExternalSupplier[]> {
    return listSuppliers(await this.api(ctx), (done) => this.supplierWatchers.get(ctx.connection.id)?.(done));
  }

  async readSupplierPage(
    ctx: ConnectorContext,
    cursor: SupplierCursor | null,
    options: { pageSize?: number } = {},
  ): Promise<SupplierPage> {
    return supplierImportPage(await this.api(ctx), cursor, options.pageSize);
  }

  /** One page of 100 suppliers, optionally searched by name (Xero's own "load more"). */
  async supplierPage(ctx: ConnectorContext, page: number, search?: string) {
    return supplierPage(await this.api(ctx), page, search);
  }

  async upsertSupplier(
    ctx: ConnectorContext,
    supplier: SupplierT,
    existing: { externalId: string } | null,
  ): Promise<ExternalSupplier> {
    return upsertContact(
      await this.api(ctx),
      supplier,
      existing,
      idempotencyKeyOf([`contact:${supplier.id}:${supplier.updatedAt}`]),
    );
  }

  async importPayments(
    ctx: ConnectorContext,
    request: { since: string | null } | { from: string; to: string },
  ): Promise<PaymentImport> {
    return importPayments(await this.api(ctx), request);
  }
}
