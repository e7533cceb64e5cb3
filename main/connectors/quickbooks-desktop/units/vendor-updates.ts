// The vendor-updates unit: keeps paired vendors in step with our suppliers (name, address, phone, e-mail,
// account number). A supplier changed after its vendor was last written gets a VendorMod with the vendor's
// EditSequence, ahead of the documents in the same message. A stale EditSequence (3200: edited in QuickBooks
// too) is read again once. Failures are logged and never block documents; an update QuickBooks cannot take
// waits for the supplier's next change instead of being tried at every session.
import { upsertLink } from '../../../db/repos/external-links.js';
import { vendorOwner, type Message } from '../message.js';
import type { QbxmlRequest, QbxmlResponse, UnreadableRecord } from '../qbxml/types.js';
import { loadQbdSupplier } from '../records.js';
import { unreadableWords, vendorAddOf } from '../references.js';
import type { SessionContext } from '../session-context.js';
import type { Release, RequestHandler } from '../unit.js';

type VendorPending =
  | { kind: 'vendorMod'; supplierId: string; name: string; listId: string }
  | { kind: 'vendorReread'; supplierId: string };

interface SupplierLinkRow {
  id: string;
  updated_at: string;
  external_id: string;
  sync_token: string | null;
}

const CHANGED = `SELECT s.id, s.updated_at, l.external_id, l.sync_token FROM external_links l JOIN suppliers s ON s.id = l.entity_id
  WHERE l.connection_id = ? AND l.entity_type = 'supplier' AND s.updated_at > l.updated_at`;

export class VendorUpdatesUnit implements RequestHandler<VendorPending> {
  readonly kinds = ['vendorMod', 'vendorReread'] as const;
  /** Suppliers changed since their vendor was last written: done (or given up) in this session. */
  private readonly synced = new Set<string>();
  /** Suppliers whose VendorMod met a stale EditSequence: the vendor's current one, once read again. */
  private readonly editSequences = new Map<string, string>();
  /** Vendors whose EditSequence must be read again (3200), and those already retried once. */
  private readonly stale = new Set<string>();
  private readonly retried = new Set<string>();
  /** Vendor updates of a refused message that may go once more, in their group's message (refusal.ts). */
  private readonly retries = new Set<string>();

  constructor(private readonly ctx: SessionContext) {}

  /** Paired suppliers changed since their vendor was last written, not yet done in this session. */
  changed(): SupplierLinkRow[] {
    return this.ctx.db
      .prepare<[string, number], SupplierLinkRow>(`${CHANGED} ORDER BY s.updated_at LIMIT ?`)
      .all(this.ctx.connectionId, this.ctx.batchSize + this.synced.size)
      .filter((row) => !this.synced.has(row.id));
  }

  /** Updates still to send in this session (for the progress). */
  remaining(): number {
    return this.changed().length + this.retries.size;
  }

  /** Fills up to half the message with vendor updates (documents get the rest). */
  plan(message: Message): void {
    for (const row of this.changed()) {
      if (message.size >= Math.floor(this.ctx.batchSize / 2)) return;
      if (this.synced.has(row.id)) continue;
      this.planUpdate(message, row);
    }
  }

  /** A refused message's vendor update goes once more, in its group's message. */
  allowRetry(supplierId: string): void {
    this.retries.add(supplierId);
  }

  /** The vendor updates of a refused message's group, once more each (they are done for the session otherwise). */
  planRetries(message: Message, group: readonly string[]): void {
    const changed = this.ctx.db.prepare<[string, string], SupplierLinkRow>(`${CHANGED} AND l.entity_id = ?`);
    for (const unit of group) {
      const supplierId = unit.startsWith('v:') ? unit.slice(2) : null;
      if (!supplierId || !this.retries.delete(supplierId)) continue;
      const row = changed.get(this.ctx.connectionId, supplierId);
      if (!row) continue;
      this.synced.delete(supplierId);
      this.planUpdate(message, row);
    }
  }

  private planUpdate(message: Message, row: SupplierLinkRow): void {
    const { ctx } = this;
    message.for(vendorOwner(row.id), () => {
      const fresh = this.editSequences.get(row.id);
      const supplier = loadQbdSupplier(ctx.db, row.id);
      if (!supplier) return;
      if (this.stale.has(row.id) || (fresh === undefined && row.sync_token === null)) {
        this.stale.delete(row.id);
        this.synced.add(row.id);
        message.add(
          {
            type: 'VendorQuery',
            requestID: message.rid(`vr.${row.id}`),
            body: { ListID: [row.external_id] },
          },
          this,
          { kind: 'vendorReread', supplierId: row.id },
        );
        return;
      }
      const { ExternalGUID: _guid, ...fields } = vendorAddOf(supplier);
      const request: QbxmlRequest = {
        type: 'VendorMod',
        requestID: message.rid(`vm.${row.id}`),
        body: { ...fields, ListID: row.external_id, EditSequence: fresh ?? row.sync_token ?? '0' },
      };
      this.synced.add(row.id);
      try {
        message.prebuild(request);
      } catch (error) {
        const text = `Supplier '${supplier.name}' could not be updated in ${ctx.label}: ${error instanceof Error ? error.message : String(error)}`;
        ctx.problem('vendor', text);
        ctx.log({
          action: 'update_reference',
          result: 'failure',
          message: text,
          detail: `supplier ${row.id} → vendor ${row.external_id}`,
        });
        return;
      }
      message.add(request, this, {
        kind: 'vendorMod',
        supplierId: row.id,
        name: supplier.name,
        listId: row.external_id,
      });
    });
  }

  apply(p: VendorPending, r: QbxmlResponse): void {
    const { ctx } = this;
    const ok = r.statusSeverity !== 'Error';
    const record = r.records[0] as { ListID?: string; EditSequence?: string } | undefined;
    if (p.kind === 'vendorReread') {
      if (ok && record?.EditSequence) {
        this.editSequences.set(p.supplierId, record.EditSequence);
        this.synced.delete(p.supplierId);
      }
      return;
    }
    if (ok && record) {
      // Without an EditSequence in the answer the next update reads the vendor first (sync_token null).
      upsertLink(ctx.db, {
        connectionId: ctx.connectionId,
        entityType: 'supplier',
        entityId: p.supplierId,
        externalId: p.listId,
        syncToken: record.EditSequence ?? null,
        now: ctx.now(),
      });
      this.editSequences.delete(p.supplierId);
      ctx.log({
        action: 'update_reference',
        result: 'success',
        message: `Updated vendor '${p.name}' in ${ctx.label}`,
        detail: `supplier ${p.supplierId} → ${p.listId}; EditSequence ${record.EditSequence ?? 'not answered'}`,
      });
      return;
    }
    if (r.statusCode === 3200 && !this.retried.has(p.supplierId)) {
      // Edited in QuickBooks since we last wrote it: read its EditSequence and write once more.
      this.retried.add(p.supplierId);
      this.synced.delete(p.supplierId);
      this.stale.add(p.supplierId);
      return;
    }
    const classified = ctx.classify(r);
    ctx.problem(String(r.statusCode), classified.userMessage);
    ctx.log({
      action: 'update_reference',
      result: 'failure',
      message: `Vendor '${p.name}' was not updated in ${ctx.label}: ${classified.userMessage}`,
      detail: `VendorMod status ${r.statusCode}: ${r.statusMessage}`,
    });
  }

  /** Done for this session (synced), tried again at the next one. */
  release(_p: VendorPending, _why: Release): void {}

  unreadable(p: VendorPending, r: QbxmlResponse, bad: UnreadableRecord[]): boolean {
    if (r.statusSeverity === 'Error' || r.records.length > 0) return false;
    const { says, detail } = unreadableWords(r, bad);
    const supplier = loadQbdSupplier(this.ctx.db, p.supplierId);
    const message = `${says(`the vendor '${supplier?.name ?? p.supplierId}'`)} It is updated again when the supplier is next saved.`;
    this.giveUp(p.supplierId, message, `supplier ${p.supplierId}; ${detail}`);
    return true;
  }

  /** A vendor update QuickBooks refuses to read even on its own: logged, and left until the supplier changes again. */
  failRefused(supplierId: string, answer: { hresult: string; message: string }): void {
    const supplier = loadQbdSupplier(this.ctx.db, supplierId);
    const said =
      answer.message.trim() || 'QuickBooks found an error when parsing the provided XML text stream.';
    const message = `Vendor '${supplier?.name ?? supplierId}' was not updated in ${this.ctx.label}: QuickBooks refused to read the update, even sent on its own (${answer.hresult || '0x80040400'}: "${said}"). Check the supplier's name, address, phone, e-mail and account number for unusual characters and correct them; the vendor is updated when the supplier is saved again.`;
    this.giveUp(
      supplierId,
      message,
      `supplier ${supplierId}; ${answer.hresult || 'no HRESULT'}: ${said}; refused alone`,
    );
  }

  /** Not written again at every session (the answer would be the same): the supplier's next change retries it. */
  private giveUp(supplierId: string, message: string, detail: string): void {
    const { ctx } = this;
    ctx.problem('vendor', message);
    ctx.db
      .prepare(
        `UPDATE external_links SET updated_at = ? WHERE connection_id = ? AND entity_type = 'supplier' AND entity_id = ?`,
      )
      .run(ctx.now().toISOString(), ctx.connectionId, supplierId);
    ctx.log({ action: 'update_reference', result: 'failure', message, detail });
  }
}
