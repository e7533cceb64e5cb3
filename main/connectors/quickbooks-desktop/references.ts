// The list records a session's documents and jobs refer to — vendors, items, customers — as this session knows
// them: linked or mirrored already, being looked up (by exact name), absent, being added, or failed (what needs
// it fails with the same reason). A vendor found or added is paired with its supplier (external_links); an item
// or customer is mirrored into list_entries. Right after a list import in the same session the look-up is
// skipped: a name not imported is not in QuickBooks.
import { findLink, upsertLink } from '../../db/repos/external-links.js';
import type { Message } from './message.js';
import type { ListRef, QbxmlRequest, QbxmlResponse, UnreadableRecord, VendorAdd } from './qbxml/types.js';
import type { QbdSupplier } from './records.js';
import type { SessionContext } from './session-context.js';
import { externalGuid } from './state.js';
import type { RefResolver } from './translate.js';
import type { Release, RequestHandler } from './unit.js';
import type { Classified } from './wire.js';

export type RefFailure = { state: 'failed'; error: Classified; detail: string };
export type RefState =
  | { state: 'probing' }
  | { state: 'absent' }
  | { state: 'adding'; requestID: string }
  | { state: 'known'; ref: ListRef }
  | RefFailure;
export type Lookup = RefState | { state: 'unknown' };

type RefPending =
  | { kind: 'vendorProbe'; supplier: QbdSupplier }
  | { kind: 'vendorAdd'; supplier: QbdSupplier }
  | { kind: 'itemProbe'; name: string }
  | { kind: 'itemAdd'; name: string }
  | { kind: 'customerProbe'; fullName: string };

interface ListRecord {
  ListID: string;
  FullName?: string;
  Name: string;
  EditSequence?: string;
}

export class References implements RequestHandler<RefPending> {
  private readonly vendors = new Map<string, RefState>();
  private readonly items = new Map<string, RefState>();
  /** Customers, locations and jobs, by lower-cased full name. */
  private readonly customers = new Map<string, RefState>();

  constructor(private readonly ctx: SessionContext) {}

  // ---- vendors ----

  vendorRefIfKnown(supplier: QbdSupplier): ListRef | null {
    const link = findLink(this.ctx.db, this.ctx.connectionId, 'supplier', supplier.id);
    return link ? { ListID: link.external_id } : null;
  }

  vendorState(supplier: QbdSupplier): Lookup {
    const ref = this.vendorRefIfKnown(supplier);
    if (ref) return { state: 'known', ref };
    const state = this.vendors.get(supplier.id);
    if (state) return state;
    // Vendors were imported in this very session: a supplier left unmatched has no vendor of that name.
    if (this.ctx.listsFresh) return { state: 'absent' };
    return { state: 'unknown' };
  }

  /** The reason the vendor of this supplier failed in this session, if it did. */
  vendorFailure(supplierId: string): Classified | null {
    const state = this.vendors.get(supplierId);
    return state?.state === 'failed' ? state.error : null;
  }

  /** Asks QuickBooks for a vendor of the supplier's exact name. */
  probeVendor(message: Message, supplier: QbdSupplier): void {
    this.vendors.set(supplier.id, { state: 'probing' });
    message.add(
      {
        type: 'VendorQuery',
        requestID: message.rid(`vq.${supplier.id}`),
        body: { FullName: [supplier.name] },
      },
      this,
      { kind: 'vendorProbe', supplier },
    );
  }

  /** The VendorAdd of a supplier without a vendor (written alone by the caller first). */
  vendorAddRequest(message: Message, supplier: QbdSupplier): QbxmlRequest {
    return { type: 'VendorAdd', requestID: message.rid(`v.${supplier.id}`), body: vendorAddOf(supplier) };
  }

  addVendor(message: Message, supplier: QbdSupplier, request: QbxmlRequest): void {
    message.add(request, this, { kind: 'vendorAdd', supplier });
    this.vendors.set(supplier.id, { state: 'adding', requestID: request.requestID });
  }

  // ---- items ----

  itemState(name: string): Lookup {
    const state = this.items.get(name.toLowerCase());
    if (state) return state;
    const mirrored = this.mirrored('item', name);
    if (mirrored) {
      const known: RefState = { state: 'known', ref: { ListID: mirrored } };
      this.items.set(name.toLowerCase(), known);
      return known;
    }
    if (this.ctx.listsFresh) return { state: 'absent' };
    return { state: 'unknown' };
  }

  /** Whether an item of that name is in this connection's mirrored lists. */
  itemMirrored(name: string): boolean {
    return (
      this.ctx.db
        .prepare(
          `SELECT 1 FROM list_entries WHERE connection_id = ? AND kind = 'item' AND name = ? COLLATE NOCASE LIMIT 1`,
        )
        .get(this.ctx.connectionId, name) !== undefined
    );
  }

  probeItem(message: Message, name: string): void {
    this.items.set(name.toLowerCase(), { state: 'probing' });
    message.add(
      { type: 'ItemQuery', requestID: message.rid(`iq.${name.slice(0, 40)}`), body: { FullName: [name] } },
      this,
      { kind: 'itemProbe', name },
    );
  }

  addItem(message: Message, name: string, request: QbxmlRequest): void {
    message.add(request, this, { kind: 'itemAdd', name });
    this.items.set(name.toLowerCase(), { state: 'adding', requestID: request.requestID });
  }

  // ---- customers (ServiceTrade's customers, locations and jobs) ----

  customerState(fullName: string): Lookup {
    const key = fullName.toLowerCase();
    const state = this.customers.get(key);
    if (state) return state;
    const mirrored = this.mirrored('customer', fullName);
    if (mirrored) {
      const known: RefState = { state: 'known', ref: { ListID: mirrored } };
      this.customers.set(key, known);
      return known;
    }
    return { state: 'unknown' };
  }

  probeCustomer(message: Message, fullName: string, requestID: string): void {
    this.customers.set(fullName.toLowerCase(), { state: 'probing' });
    message.add({ type: 'CustomerQuery', requestID, body: { FullName: [fullName] } }, this, {
      kind: 'customerProbe',
      fullName,
    });
  }

  /** A CustomerAdd of a unit is on its way (the unit applies its answer through customerAnswered). */
  customerAdding(fullName: string, requestID: string): void {
    this.customers.set(fullName.toLowerCase(), { state: 'adding', requestID });
  }

  forgetCustomer(fullName: string): void {
    this.customers.delete(fullName.toLowerCase());
  }

  /**
   * QuickBooks' answer about a customer (a query or an add): the ListID when it holds one (mirrored), null when
   * it found none, or the failure that what needs the customer fails with.
   */
  customerAnswered(fullName: string, r: QbxmlResponse): string | null | RefFailure {
    const key = fullName.toLowerCase();
    const record = r.records[0] as ListRecord | undefined;
    const ok = r.statusSeverity !== 'Error';
    if (ok && r.statusCode !== 1 && record) {
      this.mirror('customer', record.ListID, record.FullName ?? record.Name, record.EditSequence ?? null);
      this.customers.set(key, { state: 'known', ref: { ListID: record.ListID } });
      return record.ListID;
    }
    if (ok) {
      this.customers.set(key, { state: 'absent' });
      return null;
    }
    const failure = this.failure(r);
    this.customers.set(key, failure);
    return failure;
  }

  /** A customer answer that cannot be read: what needs the customer fails with this. */
  customerUnreadable(fullName: string, failure: RefFailure): void {
    this.customers.set(fullName.toLowerCase(), failure);
  }

  // ---- documents' other references ----

  /** Our list entries as QuickBooks references (their ListID, or their name when not mirrored from it). */
  resolver(): RefResolver {
    const entry = this.ctx.db.prepare<
      [string],
      { kind: string; name: string; connection_id: string | null; external_id: string | null }
    >('SELECT kind, name, connection_id, external_id FROM list_entries WHERE id = ?');
    return {
      listRef: (id) => {
        if (!id) return null;
        const row = entry.get(id);
        if (!row) return null;
        if (row.connection_id === this.ctx.connectionId && row.external_id)
          return { ListID: row.external_id };
        const link = findLink(this.ctx.db, this.ctx.connectionId, 'list_entry', id);
        return link ? { ListID: link.external_id } : { FullName: row.name };
      },
      kindOf: (id) => entry.get(id)?.kind ?? null,
    };
  }

  /** QuickBooks refused a reference request: what needs the reference fails with this. */
  failure(r: QbxmlResponse): RefFailure {
    return {
      state: 'failed',
      error: this.ctx.classify(r),
      detail: `${r.type} status ${r.statusCode}: ${r.statusMessage}`,
    };
  }

  // ---- answers ----

  apply(p: RefPending, r: QbxmlResponse): void {
    // Info and Warn answers (0 OK, 1 nothing found, 5xx partial) carry what was asked; Error answers nothing.
    const ok = r.statusSeverity !== 'Error';
    switch (p.kind) {
      case 'vendorProbe': {
        if (ok && r.statusCode !== 1 && r.records.length > 0) {
          const record = r.records[0] as { ListID: string; EditSequence?: string };
          this.linkVendor(p.supplier, record.ListID, record.EditSequence ?? null, false);
        } else if (ok) this.vendors.set(p.supplier.id, { state: 'absent' });
        else this.vendors.set(p.supplier.id, this.failure(r));
        return;
      }
      case 'vendorAdd': {
        if (ok && r.records[0]) {
          const record = r.records[0] as { ListID: string; EditSequence?: string };
          this.linkVendor(p.supplier, record.ListID, record.EditSequence ?? null, true);
        } else {
          const failure = this.failure(r);
          this.vendors.set(p.supplier.id, failure);
          this.ctx.problem(String(r.statusCode), failure.error.userMessage);
        }
        return;
      }
      case 'itemProbe':
      case 'itemAdd': {
        const key = p.name.toLowerCase();
        if (ok && r.statusCode !== 1 && r.records[0]) {
          const record = r.records[0] as ListRecord;
          this.mirror('item', record.ListID, record.FullName ?? record.Name, record.EditSequence ?? null);
          this.items.set(key, { state: 'known', ref: { ListID: record.ListID } });
          if (p.kind === 'itemAdd') {
            this.ctx.log({
              action: 'create_reference',
              result: 'info',
              message: `Created item '${p.name}' in ${this.ctx.label} (non-inventory, for lines without an item)`,
              detail: `ListID ${record.ListID}`,
            });
          }
        } else if (ok) this.items.set(key, { state: 'absent' });
        else {
          const failure = this.failure(r);
          this.items.set(key, failure);
          this.ctx.problem(String(r.statusCode), failure.error.userMessage);
        }
        return;
      }
      case 'customerProbe':
        this.customerAnswered(p.fullName, r);
        return;
    }
  }

  /** Looked up again next time (a record QuickBooks did add is then found by name, not added twice). */
  release(p: RefPending, _why: Release): void {
    if (p.kind === 'vendorProbe' || p.kind === 'vendorAdd') this.vendors.delete(p.supplier.id);
    else if (p.kind === 'itemProbe' || p.kind === 'itemAdd') this.items.delete(p.name.toLowerCase());
    else this.customers.delete(p.fullName.toLowerCase());
  }

  /** A reference answered with a record that cannot be read: what waits for it fails with what to check. */
  unreadable(p: RefPending, r: QbxmlResponse, bad: UnreadableRecord[]): boolean {
    if (r.statusSeverity === 'Error' || r.records.length > 0) return false;
    const [noun, name, map, key] =
      p.kind === 'customerProbe'
        ? (['customer', p.fullName, this.customers, p.fullName.toLowerCase()] as const)
        : p.kind === 'vendorProbe' || p.kind === 'vendorAdd'
          ? (['vendor', p.supplier.name, this.vendors, p.supplier.id] as const)
          : (['item', p.name, this.items, p.name.toLowerCase()] as const);
    const failure = unreadableReference(noun, name, r, bad);
    map.set(key, failure);
    this.ctx.problem('unreadable-record', failure.error.userMessage);
    return true;
  }

  private linkVendor(
    supplier: QbdSupplier,
    listId: string,
    editSequence: string | null,
    created: boolean,
  ): void {
    const { conflictWith } = upsertLink(this.ctx.db, {
      connectionId: this.ctx.connectionId,
      entityType: 'supplier',
      entityId: supplier.id,
      externalId: listId,
      syncToken: editSequence,
      now: this.ctx.now(),
    });
    if (conflictWith) {
      this.vendors.set(supplier.id, {
        state: 'failed',
        error: {
          kind: 'needs_user',
          userMessage: `The vendor '${supplier.name}' in ${this.ctx.label} is already paired with another supplier here. Check the pairing in Suppliers.`,
        },
        detail: `vendor ${listId} already linked to supplier ${conflictWith}`,
      });
      return;
    }
    this.vendors.set(supplier.id, { state: 'known', ref: { ListID: listId } });
    this.ctx.log({
      action: created ? 'create_reference' : 'match_reference',
      result: 'info',
      message: created
        ? `Created vendor '${supplier.name}' in ${this.ctx.label}`
        : `Matched supplier '${supplier.name}' to the existing vendor in ${this.ctx.label}`,
      detail: `supplier ${supplier.id} → ${listId}`,
    });
  }

  private mirrored(kind: 'item' | 'customer', name: string): string | null {
    return (
      this.ctx.db
        .prepare<[string, string, string], { external_id: string }>(
          `SELECT external_id FROM list_entries WHERE connection_id = ? AND kind = ? AND name = ? COLLATE NOCASE
           AND external_id IS NOT NULL LIMIT 1`,
        )
        .get(this.ctx.connectionId, kind, name)?.external_id ?? null
    );
  }

  private mirror(
    kind: 'item' | 'customer',
    listId: string,
    fullName: string,
    editSequence: string | null,
  ): void {
    this.ctx.db
      .prepare(
        `INSERT INTO list_entries (id, company_id, connection_id, kind, external_id, name, active, data_json, updated_at)
         VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, 1, ?, ?)
         ON CONFLICT (connection_id, kind, external_id) WHERE connection_id IS NOT NULL AND external_id IS NOT NULL
         DO UPDATE SET name = excluded.name, data_json = excluded.data_json, updated_at = excluded.updated_at`,
      )
      .run(
        this.ctx.connection.companyId,
        this.ctx.connectionId,
        kind,
        listId,
        fullName,
        JSON.stringify({ editSequence }),
        this.ctx.now().toISOString(),
      );
  }
}

/** "QuickBooks answered <label> with a record Ledgerbridge cannot read: <what>." and the log detail. */
export function unreadableWords(
  r: QbxmlResponse,
  bad: UnreadableRecord[],
): { says: (label: string) => string; what: string; detail: string } {
  const what =
    bad
      .slice(0, 3)
      .map((u) => `${u.element}${u.label ? ` ${u.label}` : ''} (${u.reason})`)
      .join(', ') + (bad.length > 3 ? ` and ${bad.length - 3} more` : '');
  return {
    what,
    detail: `${r.type}Rs status ${r.statusCode}; unreadable: ${what}`,
    says: (label) => `QuickBooks answered ${label} with a record Ledgerbridge cannot read: ${what}.`,
  };
}

/** The failure of a reference answered with a record that cannot be read. */
export function unreadableReference(
  noun: string,
  name: string,
  r: QbxmlResponse,
  bad: UnreadableRecord[],
): RefFailure {
  const { says, detail } = unreadableWords(r, bad);
  return {
    state: 'failed',
    error: {
      kind: 'needs_user',
      userMessage: `${says(`the ${noun} '${name}'`)} Check the ${noun} in QuickBooks (its name and whether it is listed twice), then send again.`,
    },
    detail,
  };
}

/** The VendorAdd (and, without its ExternalGUID, the VendorMod) fields of a supplier. */
export function vendorAddOf(supplier: QbdSupplier): VendorAdd {
  const address = {
    Addr1: supplier.address ?? undefined,
    City: supplier.city ?? undefined,
    State: supplier.state ?? undefined,
    PostalCode: supplier.postalCode ?? undefined,
    Country: supplier.country ?? undefined,
  };
  const hasAddress = Object.values(address).some((v) => v);
  return Object.fromEntries(
    Object.entries({
      Name: supplier.name,
      CompanyName: supplier.name,
      VendorAddress: hasAddress
        ? Object.fromEntries(Object.entries(address).filter(([, v]) => v))
        : undefined,
      Phone: supplier.phone ?? undefined,
      Email: supplier.email ?? undefined,
      AccountNumber: supplier.accountNumber ?? undefined,
      VendorTaxIdent: supplier.taxId ?? undefined,
      ExternalGUID: externalGuid(`supplier:${supplier.id}`),
    }).filter(([, v]) => v !== undefined),
  ) as unknown as VendorAdd;
}
