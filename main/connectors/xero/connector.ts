// The Xero connector: sign-in with PKCE through identity.ts (no client secret), the organisation chosen after
// sign-in (kept when the user allowed only one; picked with xero.chooseTenant or settings.tenantId otherwise),
// xero-node's AccountingApi for every accounting call (api.ts), purchase orders and bills created up to 50 per call
// with summarizeErrors=false so each document gets its own answer, revisions as updates, cancels as DELETED or
// VOIDED as Xero keeps them. Lists are in lists.ts.
import {
  Contact,
  Invoice,
  PurchaseOrder,
  type Invoices,
  type LineItem,
  type PurchaseOrders,
} from 'xero-node';
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
  type PaymentImport,
  type ListKindName,
  type OutgoingDocument,
  type ReferenceKind,
  type ReferenceOutcome,
  type ReferenceRecord,
  type SendOutcome,
  type SignInRequest,
  type SyncPolicy,
} from '../contract.js';
import { currencyDecimals } from '../../domain/currency.js';
import { formatMinor } from '../../domain/money.js';
import { XeroApi } from './api.js';
import { uploadAttachments } from './attachments.js';
import { idempotencyKeyOf } from './keys.js';
import {
  decodeLines,
  encodeLines,
  linesFromAnswer,
  pairLines,
  storedLineOf,
  type StoredLine,
} from './line-ids.js';
import { explainValidation } from './faults.js';
import {
  authorizeUrl,
  clientIdOf,
  exchangeCode,
  listTenants,
  XeroTokens,
  type XeroTenant,
  revokeRefreshToken,
} from './identity.js';
import { importLists, trackingCategories } from './lists.js';
import { importPayments } from './payments.js';
import { registeredRedirectUri, startRelay, type Relay } from './redirect.js';
import { contactOf, listSuppliers, supplierImportPage, supplierPage, upsertContact } from './suppliers.js';
import { kindOf, mapDocument, nounOf, type TrackingInfo } from './mapping.js';
import { BATCH_SIZE, xeroDescriptor } from './descriptor.js';
import { xeroSettingsOf } from './settings.js';

export { BATCH_SIZE };

export { idempotencyKeyOf };

const billKey = (contactId: string | undefined, number: string | undefined) =>
  `${contactId ?? ''}\u0000${(number ?? '').toLowerCase()}`;

/** Names per where filter of a bulk look-up, and the filter's length at most (it travels in the URL). */
const NAMES_PER_FILTER = 50;
const FILTER_CHARS = 3000;

/** Names in groups whose OR'ed filter stays within both limits. */
function nameGroups(names: readonly string[]): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const name of names) {
    const clause = `Name==${quoted(name)} OR `.length;
    if (current.length > 0 && (current.length >= NAMES_PER_FILTER || length + clause > FILTER_CHARS)) {
      groups.push(current);
      current = [];
      length = 0;
    }
    current.push(name);
    length += clause;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Names in Xero's where filter are double-quoted strings. */
function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export class XeroConnector implements PushConnector {
  readonly system = xeroDescriptor.system;
  readonly label = xeroDescriptor.label;
  readonly settingsSchema = xeroDescriptor.settingsSchema;
  readonly defaultSettings = xeroDescriptor.defaultSettings;
  readonly tokens = new XeroTokens();

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

  async finishSignIn(
    ctx: ConnectorContext,
    answer: { code: string; params: Record<string, string>; redirectUri: string; codeVerifier: string },
  ): Promise<void> {
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
    if (settings.tenantId && tenants.some((t) => t.tenantId === settings.tenantId)) return;
    if (tenants.length === 1) {
      await ctx.secrets.set('tenantId', tenants[0]!.tenantId);
      return;
    }
    await ctx.secrets.delete('tenantId');
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
    const api = await this.api(ctx);
    const where = `Name==${quoted(name)}`;
    switch (kind) {
      case 'supplier':
      case 'customer': {
        const answer = await api.call(`contact '${name}'`, (x, t) => x.getContacts(t, undefined, where));
        return (answer.contacts ?? [])
          .filter(
            (c) => c.name === name && c.contactID && c.contactStatus !== Contact.ContactStatusEnum.ARCHIVED,
          )
          .map((c) => ({ externalId: c.contactID!, name: c.name! }));
      }
      case 'account': {
        const answer = await api.call(`account '${name}'`, (x, t) => x.getAccounts(t, undefined, where));
        return (answer.accounts ?? [])
          .filter((a) => a.name === name && a.code)
          .map((a) => ({ externalId: a.code!, name: a.name! }));
      }
      case 'item': {
        const answer = await api.call(`item '${name}'`, (x, t) => x.getItems(t, undefined, where));
        return (answer.items ?? [])
          .filter((i) => i.name === name)
          .map((i) => ({ externalId: i.code, name: i.name ?? i.code }));
      }
      case 'tax_rate': {
        const answer = await api.call(`tax rate '${name}'`, (x, t) => x.getTaxRates(t, where));
        return (answer.taxRates ?? [])
          .filter((r) => r.name === name && r.taxType)
          .map((r) => ({ externalId: r.taxType!, name: r.name! }));
      }
      case 'class': {
        const categories = await trackingCategories(api);
        return categories.flatMap((c) =>
          c.options.filter((o) => o.name === name).map((o) => ({ externalId: o.id, name: o.name })),
        );
      }
    }
  }

  /**
   * Many names at once: one GET per group of up to 50 names joined by OR in Xero's where filter (kept short enough
   * for a URL); tracking options come from one read of the categories. Only exact matches count, as in
   * findReferences.
   */
  async findReferencesBulk(
    ctx: ConnectorContext,
    kind: ReferenceKind,
    names: readonly string[],
  ): Promise<Map<string, ExternalMatch[]>> {
    const found = new Map<string, ExternalMatch[]>([...new Set(names)].map((name) => [name, []]));
    if (found.size === 0) return found;
    const api = await this.api(ctx);
    const add = (name: string | undefined, externalId: string | undefined) => {
      if (name !== undefined && externalId) found.get(name)?.push({ externalId, name });
    };
    if (kind === 'class') {
      for (const category of await trackingCategories(api)) {
        for (const option of category.options) add(option.name, option.id);
      }
      return found;
    }
    for (const group of nameGroups([...found.keys()])) {
      const where = group.map((name) => `Name==${quoted(name)}`).join(' OR ');
      const what = `${group.length} ${kind === 'supplier' || kind === 'customer' ? 'contact' : kind.replace('_', ' ')}${group.length === 1 ? '' : 's'}`;
      switch (kind) {
        case 'supplier':
        case 'customer': {
          const answer = await api.call(what, (x, t) => x.getContacts(t, undefined, where));
          for (const c of answer.contacts ?? []) {
            if (c.contactStatus !== Contact.ContactStatusEnum.ARCHIVED) add(c.name, c.contactID);
          }
          break;
        }
        case 'account': {
          const answer = await api.call(what, (x, t) => x.getAccounts(t, undefined, where));
          for (const a of answer.accounts ?? []) add(a.name, a.code);
          break;
        }
        case 'item': {
          const answer = await api.call(what, (x, t) => x.getItems(t, undefined, where));
          for (const i of answer.items ?? []) if (i.name !== undefined) add(i.name, i.code);
          break;
        }
        case 'tax_rate': {
          const answer = await api.call(what, (x, t) => x.getTaxRates(t, where));
          for (const r of answer.taxRates ?? []) add(r.name, r.taxType);
          break;
        }
      }
    }
    return found;
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
    const api = await this.api(ctx);
    for (let start = 0; start < contacts.length; start += BATCH_SIZE) {
      const group = contacts.slice(start, start + BATCH_SIZE);
      const key = idempotencyKeyOf(group.map(({ record }) => `contact:${record.id}`));
      const answer = await api.call(`${group.length} contact${group.length === 1 ? '' : 's'}`, (x, t) =>
        x.createContacts(
          t,
          { contacts: group.map(({ record }) => contactOf(record.data as SupplierT)) },
          false,
          key,
        ),
      );
      group.forEach(({ record, i }, n) => {
        const contact = answer.contacts?.[n];
        const what = `contact '${record.name}'`;
        if (!contact) {
          outcomes[i] = failedReference(
            new ConnectorError('transient', `Xero did not answer for ${what}. Ledgerbridge retries.`),
          );
        } else if (!contact.contactID || contact.hasValidationErrors) {
          outcomes[i] = failedReference(
            explainValidation(
              (contact.validationErrors ?? []).map((v) => v.message ?? ''),
              what,
            ),
          );
        } else {
          outcomes[i] = {
            ok: true,
            match: { externalId: contact.contactID, name: contact.name ?? record.name },
          };
        }
      });
    }
    return outcomes;
  }

  async createReference(ctx: ConnectorContext, record: ReferenceRecord): Promise<ExternalMatch> {
    if (record.kind === 'supplier') {
      const created = await upsertContact(
        await this.api(ctx),
        record.data as SupplierT,
        null,
        idempotencyKeyOf([`contact:${record.id}`]),
      );
      return { externalId: created.externalId, name: created.name };
    }
    const noun = {
      account: 'account',
      item: 'item',
      tax_rate: 'tax rate',
      class: 'tracking option',
      customer: 'contact',
    }[record.kind];
    throw new ConnectorError(
      'needs_user',
      `Xero has no ${noun} named '${record.name}'. Create it in Xero (or choose an existing one), import the lists again, and send again.`,
    );
  }

  // ---------- documents ----------

  async sendDocuments(ctx: ConnectorContext, documents: OutgoingDocument[]): Promise<SendOutcome[]> {
    const settings = xeroSettingsOf(ctx.connection.settings);
    const api = await this.api(ctx);
    const outcomes: (SendOutcome | null)[] = documents.map(() => null);
    const fail = (i: number, error: unknown) => {
      outcomes[i] = {
        ok: false,
        error: error instanceof ConnectorError ? error : new ConnectorError('needs_user', String(error)),
      };
    };
    const needsTracking = documents.some(
      (d) =>
        Object.keys(d.document.fields ?? {}).length > 0 ||
        d.document.lines.some((l) => l.classId || l.customerId),
    );
    const tracking: TrackingInfo[] = needsTracking ? await trackingCategories(api) : [];

    const creates = {
      PurchaseOrder: [] as { i: number; body: PurchaseOrder; expected: number }[],
      Bill: [] as { i: number; body: Invoice; expected: number }[],
    };
    for (const [i, outgoing] of documents.entries()) {
      try {
        const mapped = mapDocument(outgoing, settings, tracking);
        if (outgoing.existing) {
          outcomes[i] = await this.update(
            api,
            outgoing,
            mapped.purchaseOrder,
            mapped.invoice,
            mapped.expectedTotalMinor,
          );
        } else if (mapped.purchaseOrder) {
          creates.PurchaseOrder.push({ i, body: mapped.purchaseOrder, expected: mapped.expectedTotalMinor });
        } else if (mapped.invoice) {
          creates.Bill.push({ i, body: mapped.invoice, expected: mapped.expectedTotalMinor });
        }
      } catch (error) {
        fail(i, error);
      }
    }
    const alreadyThere = new Set<number>();
    for (let start = 0; start < creates.PurchaseOrder.length; start += BATCH_SIZE) {
      const all = creates.PurchaseOrder.slice(start, start + BATCH_SIZE);
      // An order already there with this supplier and number (a lost answer in a batch of another make-up, which
      // Xero cannot replay by its Idempotency-Key) is linked, not created twice. The order numbers are ours, so on
      // a certain first try (mayExist false) there is nothing to look for.
      let existing = new Map<string, PurchaseOrder>();
      try {
        if (all.some((c) => documents[c.i]!.mayExist !== false))
          existing = await this.ordersAlreadyThere(
            api,
            all.map((c) => c.body),
          );
      } catch (error) {
        for (const c of all) fail(c.i, error);
        continue;
      }
      const chunk = all.filter((c) => {
        const found = existing.get(billKey(c.body.contact?.contactID, c.body.purchaseOrderNumber));
        if (!found?.purchaseOrderID) return true;
        alreadyThere.add(c.i);
        outcomes[c.i] = this.foundOutcome(documents[c.i]!, found.purchaseOrderID, found, c);
        return false;
      });
      if (chunk.length === 0) continue;
      const key = idempotencyKeyOf(chunk.map((c) => documents[c.i]!.idempotencyKey));
      try {
        const answer = await api.call(
          `${chunk.length} purchase order${chunk.length === 1 ? '' : 's'}`,
          (x, t) =>
            x.createPurchaseOrders(
              t,
              { purchaseOrders: chunk.map((c) => c.body) } satisfies PurchaseOrders,
              false,
              key,
            ),
        );
        chunk.forEach((c, n) => {
          const po = answer.purchaseOrders?.[n];
          outcomes[c.i] = this.outcomeOf(
            documents[c.i]!,
            po?.purchaseOrderID,
            po,
            c.expected,
            'Created',
            c.body.lineItems ?? [],
          );
        });
      } catch (error) {
        for (const c of chunk) fail(c.i, error);
      }
    }
    for (let start = 0; start < creates.Bill.length; start += BATCH_SIZE) {
      const chunk = creates.Bill.slice(start, start + BATCH_SIZE);
      // A bill already there with this supplier and number (an earlier attempt whose answer was lost, in a batch of
      // other documents, so Xero could not replay it by its Idempotency-Key) is not created twice.
      // Bills are looked for even on a first try: a bookkeeper may have keyed the same supplier invoice into Xero.
      let existing: Map<string, Invoice>;
      try {
        existing = await this.billsAlreadyThere(
          api,
          chunk.map((c) => c.body),
        );
      } catch (error) {
        for (const c of chunk) fail(c.i, error);
        continue;
      }
      const fresh = chunk.filter((c) => {
        const found = existing.get(billKey(c.body.contact?.contactID, c.body.invoiceNumber));
        if (!found?.invoiceID) return true;
        alreadyThere.add(c.i);
        outcomes[c.i] = this.foundOutcome(documents[c.i]!, found.invoiceID, found, c);
        return false;
      });
      if (fresh.length === 0) continue;
      const key = idempotencyKeyOf(fresh.map((c) => documents[c.i]!.idempotencyKey));
      try {
        const answer = await api.call(`${fresh.length} bill${fresh.length === 1 ? '' : 's'}`, (x, t) =>
          x.createInvoices(t, { invoices: fresh.map((c) => c.body) } satisfies Invoices, false, 4, key),
        );
        fresh.forEach((c, n) => {
          const bill = answer.invoices?.[n];
          outcomes[c.i] = this.outcomeOf(
            documents[c.i]!,
            bill?.invoiceID,
            bill,
            c.expected,
            'Created',
            c.body.lineItems ?? [],
          );
        });
      } catch (error) {
        for (const c of fresh) fail(c.i, error);
      }
    }
    // Files go once, right after the document exists (a revision does not attach them again).
    for (const c of [...creates.PurchaseOrder, ...creates.Bill]) {
      const outcome = outcomes[c.i];
      const outgoing = documents[c.i]!;
      const files = outgoing.attachments ?? [];
      if (!outcome?.ok || files.length === 0 || alreadyThere.has(c.i)) continue;
      const missed = await uploadAttachments(api, kindOf(outgoing.document), outcome.externalId, files);
      if (missed) outcomes[c.i] = { ...outcome, message: `${outcome.message ?? ''} ${missed}`.trim() };
    }
    return outcomes.map(
      (o) => o ?? { ok: false, error: new ConnectorError('transient', 'Not attempted; retrying.') },
    );
  }

  /** Live purchase orders dated within these orders' dates, by supplier and number (up to 5,000 looked at). */
  private async ordersAlreadyThere(
    api: XeroApi,
    orders: PurchaseOrder[],
  ): Promise<Map<string, PurchaseOrder>> {
    const dates = orders
      .map((o) => o.date ?? '')
      .filter(Boolean)
      .sort();
    const found = new Map<string, PurchaseOrder>();
    if (dates.length === 0) return found;
    const pageSize = 1000;
    for (let page = 1; page <= 5; page++) {
      const answer = await api.call('the purchase orders already in Xero', (x, t) =>
        x.getPurchaseOrders(
          t,
          undefined,
          undefined,
          dates[0],
          dates[dates.length - 1],
          undefined,
          page,
          pageSize,
        ),
      );
      const rows = answer.purchaseOrders ?? [];
      for (const po of rows) {
        if (po.status === PurchaseOrder.StatusEnum.DELETED) continue;
        found.set(billKey(po.contact?.contactID, po.purchaseOrderNumber), po);
      }
      if (rows.length < pageSize) break;
    }
    return found;
  }

  /** Bills of these suppliers with these numbers that Xero already keeps (not deleted or voided). */
  private async billsAlreadyThere(api: XeroApi, bills: Invoice[]): Promise<Map<string, Invoice>> {
    const numbers = [...new Set(bills.map((b) => b.invoiceNumber).filter((n): n is string => Boolean(n)))];
    const contacts = [
      ...new Set(bills.map((b) => b.contact?.contactID).filter((c): c is string => Boolean(c))),
    ];
    const found = new Map<string, Invoice>();
    if (numbers.length === 0) return found;
    const answer = await api.call('the bills already in Xero', (x, t) =>
      x.getInvoices(t, undefined, 'Type=="ACCPAY"', undefined, undefined, numbers, contacts, [
        'DRAFT',
        'SUBMITTED',
        'AUTHORISED',
        'PAID',
      ]),
    );
    for (const invoice of answer.invoices ?? []) {
      found.set(billKey(invoice.contact?.contactID, invoice.invoiceNumber), invoice);
    }
    return found;
  }

  /** A document found already in Xero instead of created: linked, and the log says why nothing was sent. */
  private foundOutcome(
    outgoing: OutgoingDocument,
    id: string,
    found: PurchaseOrder | Invoice,
    sent: { expected: number; body: { lineItems?: LineItem[] } },
  ): SendOutcome {
    const outcome = this.outcomeOf(outgoing, id, found, sent.expected, 'Found', sent.body.lineItems ?? []);
    if (!outcome.ok) return outcome;
    return {
      ...outcome,
      message:
        `${outcome.message ?? ''} It was already in Xero (sent before its answer was lost, or entered there); not sent twice.`.trim(),
    };
  }

  /**
   * The outcome of one document from Xero's answer. Its sync token keeps the LineItemIDs Xero gave the lines we
   * sent (line-ids.ts), so a revision updates those lines instead of replacing them.
   */
  private outcomeOf(
    outgoing: OutgoingDocument,
    id: string | undefined,
    answer: (PurchaseOrder | Invoice) | undefined,
    expectedMinor: number,
    verb: string,
    sent: LineItem[],
  ): SendOutcome {
    const what = nounOf(outgoing.document);
    if (!answer) {
      return {
        ok: false,
        error: new ConnectorError('transient', `Xero did not answer for ${what}. Ledgerbridge retries.`),
      };
    }
    const errors = (answer.validationErrors ?? []).map((v) => v.message ?? '').filter(Boolean);
    const flagged = 'hasErrors' in answer && answer.hasErrors === true;
    if (!id || flagged || errors.length > 0) return { ok: false, error: explainValidation(errors, what) };
    const decimals = currencyDecimals(outgoing.document.currency);
    const total = Math.round((answer.total ?? 0) * 10 ** decimals);
    const mismatch = answer.total !== undefined && total !== expectedMinor;
    const amount = (minor: number) => formatMinor(minor, decimals);
    const lines = linesFromAnswer(sent, answer.lineItems);
    return {
      ok: true,
      externalId: id,
      syncToken: lines ? encodeLines(lines) : null,
      message: mismatch
        ? `${verb} ${what} in Xero, but its total there is ${amount(total)} instead of ${amount(expectedMinor)}. Check the tax rates paired with Xero's.`
        : `${verb} ${what} in Xero (total ${amount(total)}, ${xeroStatusLabel(answer)}).`,
      detail: `${kindOf(outgoing.document)} ${id}`,
    };
  }

  /**
   * A revision: the same document updated in Xero, each line that continues one sent earlier carrying that line's
   * LineItemID (kept in the sync token; read from Xero when the token has none). Should Xero refuse because a kept
   * LineItemID is gone there (the line was deleted in Xero), the lines are paired again with what Xero has now and
   * the update is sent once more.
   */
  private async update(
    api: XeroApi,
    outgoing: OutgoingDocument,
    purchaseOrder: PurchaseOrder | undefined,
    invoice: Invoice | undefined,
    expected: number,
  ): Promise<SendOutcome> {
    const id = outgoing.existing!.externalId;
    const what = nounOf(outgoing.document);
    const lines = (purchaseOrder ?? invoice)?.lineItems ?? [];
    const send = async (earlier: StoredLine[], key: string): Promise<SendOutcome> => {
      const paired = pairLines(lines, earlier);
      if (purchaseOrder) {
        const body = { ...purchaseOrder, purchaseOrderID: id, lineItems: paired };
        const answer = await api.call(what, (x, t) =>
          x.updatePurchaseOrder(t, id, { purchaseOrders: [body] }, key),
        );
        const po = answer.purchaseOrders?.[0];
        return this.outcomeOf(outgoing, po?.purchaseOrderID, po, expected, 'Updated', paired);
      }
      const body = { ...invoice!, invoiceID: id, lineItems: paired };
      const answer = await api.call(what, (x, t) => x.updateInvoice(t, id, { invoices: [body] }, 4, key));
      const bill = answer.invoices?.[0];
      return this.outcomeOf(outgoing, bill?.invoiceID, bill, expected, 'Updated', paired);
    };
    const kept = decodeLines(outgoing.existing!.syncToken);
    const earlier = kept ?? (await this.linesInXero(api, outgoing, id));
    const key = idempotencyKeyOf([outgoing.idempotencyKey]);
    try {
      return await send(earlier, key);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.kind !== 'needs_user' || !kept || kept.length === 0)
        throw error;
      const now = await this.linesInXero(api, outgoing, id);
      const there = new Set(now.map((l) => l.lineItemId));
      if (kept.every((l) => there.has(l.lineItemId))) throw error;
      return send(now, idempotencyKeyOf([outgoing.idempotencyKey, 'lines-read-again']));
    }
  }

  /** The lines the document has in Xero now, for pairing a revision's lines with them. */
  private async linesInXero(api: XeroApi, outgoing: OutgoingDocument, id: string): Promise<StoredLine[]> {
    const what = nounOf(outgoing.document);
    const current =
      kindOf(outgoing.document) === 'PurchaseOrder'
        ? (await api.call(what, (x, t) => x.getPurchaseOrder(t, id))).purchaseOrders?.[0]
        : (await api.call(what, (x, t) => x.getInvoice(t, id, 4))).invoices?.[0];
    return (current?.lineItems ?? [])
      .filter((l): l is LineItem & { lineItemID: string } => Boolean(l.lineItemID))
      .map((l) => storedLineOf(l, l.lineItemID));
  }

  async cancelDocument(ctx: ConnectorContext, outgoing: OutgoingDocument): Promise<SendOutcome> {
    const what = nounOf(outgoing.document);
    const existing = outgoing.existing;
    if (!existing)
      return { ok: true, externalId: '', syncToken: null, message: `${what} was never in Xero.` };
    const api = await this.api(ctx);
    const key = idempotencyKeyOf([outgoing.idempotencyKey]);
    const id = existing.externalId;
    if (kindOf(outgoing.document) === 'PurchaseOrder') {
      await api.call(what, (x, t) =>
        x.updatePurchaseOrder(
          t,
          id,
          { purchaseOrders: [{ purchaseOrderID: id, status: PurchaseOrder.StatusEnum.DELETED }] },
          key,
        ),
      );
      return { ok: true, externalId: id, syncToken: null, message: `Deleted ${what} in Xero.` };
    }
    const current = (await api.call(what, (x, t) => x.getInvoice(t, id))).invoices?.[0];
    if (current?.status === Invoice.StatusEnum.DELETED || current?.status === Invoice.StatusEnum.VOIDED) {
      return {
        ok: true,
        externalId: id,
        syncToken: null,
        message: `${what} was already ${String(current.status).toLowerCase()} in Xero.`,
      };
    }
    if (current?.status === Invoice.StatusEnum.PAID || (current?.amountPaid ?? 0) > 0) {
      throw new ConnectorError(
        'needs_user',
        `${what} has payments in Xero, so it cannot be voided. Remove the payments in Xero first, then cancel again.`,
      );
    }
    const status =
      current?.status === Invoice.StatusEnum.AUTHORISED
        ? Invoice.StatusEnum.VOIDED
        : Invoice.StatusEnum.DELETED;
    const answer = await api.call(what, (x, t) =>
      x.updateInvoice(t, id, { invoices: [{ invoiceID: id, status }] }, undefined, key),
    );
    const after = answer.invoices?.[0];
    const errors = (after?.validationErrors ?? []).map((v) => v.message ?? '').filter(Boolean);
    if (errors.length > 0) throw explainValidation(errors, what);
    return {
      ok: true,
      externalId: id,
      syncToken: null,
      message: `${status === Invoice.StatusEnum.VOIDED ? 'Voided' : 'Deleted'} ${what} in Xero.`,
    };
  }

  // ---------- optional capabilities ----------

  async importLists(
    ctx: ConnectorContext,
    kinds: readonly ListKindName[],
    progress: (report: { kind: ListKindName; done: number }) => void,
  ) {
    return importLists(await this.api(ctx), kinds, progress);
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

/**
 * A document's status as Xero's own screens name it (its API says SUBMITTED where a bookkeeper reads "Awaiting
 * approval"), so the log uses the words they will find in Xero.
 */
export function xeroStatusLabel(answer: PurchaseOrder | Invoice): string {
  const status = String(answer.status ?? '');
  const bill = answer instanceof Invoice || 'invoiceID' in answer;
  switch (status) {
    case 'DRAFT':
      return 'Draft';
    case 'SUBMITTED':
      return 'Awaiting approval';
    case 'AUTHORISED':
      return bill ? 'Awaiting payment' : 'Approved';
    case 'BILLED':
      return 'Billed';
    case 'PAID':
      return 'Paid';
    case 'DELETED':
      return 'Deleted';
    case 'VOIDED':
      return 'Voided';
    default:
      return status || 'status not given';
  }
}
