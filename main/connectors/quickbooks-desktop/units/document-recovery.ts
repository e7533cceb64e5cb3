// The duplicate guard of document Adds. Before an Add leaves, qbd_inflight records it (committed) with an
// ExternalGUID derived from the idempotency key; while the row exists, the next attempt first queries by
// RefNumber and links the record whose ExternalGUID matches, and only otherwise adds again. Below qbXML 9.0
// (no ExternalGUID on transactions) the one record with the same number, vendor and date is ours.
import type { OutboxJobRow } from '../../../sync/outbox.js';
import type { Message } from '../message.js';
import type { QbxmlResponse, UnreadableRecord } from '../qbxml/types.js';
import { loadQbdDocument, type QbdDocument, type QbdSupplier } from '../records.js';
import type { References } from '../references.js';
import { unreadableWords } from '../references.js';
import type { SessionContext } from '../session-context.js';
import { clearInflight, type InflightLookup } from '../state.js';
import { findTxnRequest, NOUN, refNumberOf, TXN_TYPE } from '../translate.js';
import type { Release, RequestHandler } from '../unit.js';
import type { DocumentOutcomes } from './document-outcomes.js';

interface RecoveryProbe {
  kind: 'recoveryProbe';
  job: OutboxJobRow;
  guid: string;
  vendorName: string;
  vendorListId: string | null;
  lookup: InflightLookup;
}

export class DocumentRecovery implements RequestHandler<RecoveryProbe> {
  private readonly recovery = new Map<number, 'probing' | 'absent'>();

  constructor(
    private readonly ctx: SessionContext,
    private readonly references: References,
    private readonly outcomes: DocumentOutcomes,
  ) {}

  /** Whether the job's Add is known not to be in QuickBooks (checked in this session). */
  absent(jobId: number): boolean {
    return this.recovery.get(jobId) === 'absent';
  }

  /** Looks for the Add whose answer was lost (nothing when the look-up is already on its way). */
  probe(
    message: Message,
    job: OutboxJobRow,
    document: QbdDocument,
    supplier: QbdSupplier,
    inflight: { external_guid: string; lookup_json: string },
  ): void {
    if (this.recovery.get(job.id) === 'probing') return;
    const vendorRef = this.references.vendorRefIfKnown(supplier);
    const lookup = JSON.parse(inflight.lookup_json) as InflightLookup;
    const query = findTxnRequest(TXN_TYPE[document.type], message.rid(`r${job.id}`), {
      refNumber: lookup.refNumber ?? refNumberOf(document),
      vendor: vendorRef ?? { FullName: supplier.name },
    });
    this.recovery.set(job.id, 'probing');
    message.add(query, this, {
      kind: 'recoveryProbe',
      job,
      guid: inflight.external_guid,
      vendorName: supplier.name,
      vendorListId: vendorRef?.ListID ?? null,
      lookup,
    });
  }

  apply(p: RecoveryProbe, r: QbxmlResponse): void {
    const { ctx } = this;
    const { job, guid } = p;
    if (r.statusSeverity === 'Error') {
      // Cannot tell: leave it for the next run rather than risk a duplicate.
      this.recovery.delete(job.id);
      ctx.deferred.add(job.id);
      ctx.problem(String(r.statusCode), ctx.classify(r).userMessage);
      return;
    }
    const records = r.records as {
      TxnID: string;
      EditSequence?: string;
      ExternalGUID?: string;
      RefNumber?: string;
      TxnDate?: string;
      VendorRef?: { ListID?: string; FullName?: string };
    }[];
    let found = records.find((rec) => rec.ExternalGUID?.toUpperCase() === guid.toUpperCase());
    let how = `ExternalGUID ${guid}`;
    if (!found && p.lookup.guidSent === false) {
      // Sent below qbXML 9.0, where transactions carry no ExternalGUID: the same number, vendor and date is ours.
      const same = (a: string | undefined, b: string | null | undefined) =>
        (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
      const candidates = records.filter(
        (rec) =>
          same(rec.RefNumber, p.lookup.refNumber) &&
          rec.TxnDate === p.lookup.txnDate &&
          (p.vendorListId
            ? rec.VendorRef?.ListID === p.vendorListId
            : same(rec.VendorRef?.FullName, p.vendorName)),
      );
      if (candidates.length > 1) {
        this.recovery.delete(job.id);
        clearInflight(ctx.db, ctx.connectionId, job.idempotency_key);
        const document = loadQbdDocument(ctx.db, job.entity_id);
        if (!document) return;
        return this.outcomes.failed(
          job,
          document,
          {
            kind: 'needs_user',
            userMessage: `The answer to the last attempt to create this ${NOUN[document.type]} in ${ctx.label} was lost, and QuickBooks now has ${candidates.length} with number ${p.lookup.refNumber ?? ''}, vendor '${p.vendorName}' and date ${p.lookup.txnDate ?? ''}. Delete the extra one in QuickBooks, then use Send to ${ctx.label} again.`,
          },
          `no ExternalGUID below qbXML 9.0; TxnIDs ${candidates.map((c) => c.TxnID).join(', ')}`,
        );
      }
      found = candidates[0];
      how = 'the same number, vendor and date (this QuickBooks is too old to keep an ExternalGUID)';
    }
    if (!found) {
      clearInflight(ctx.db, ctx.connectionId, job.idempotency_key);
      this.recovery.set(job.id, 'absent');
      ctx.log({
        documentId: job.entity_id,
        action: job.kind,
        result: 'info',
        message: `Checked ${ctx.label} after a lost answer: the document is not there, so it is sent again`,
        detail: `key ${job.idempotency_key}; ExternalGUID ${guid}; ${records.length} record(s) with that number`,
      });
      return;
    }
    this.recovery.delete(job.id);
    const document = loadQbdDocument(ctx.db, job.entity_id);
    if (!document) return;
    this.outcomes.linked(
      job,
      document,
      found.TxnID,
      found.EditSequence ?? null,
      false,
      `Found in ${ctx.label} after a lost answer (${how}); linked, not sent again`,
    );
  }

  release(p: RecoveryProbe, _why: Release): void {
    this.recovery.delete(p.job.id);
  }

  unreadable(p: RecoveryProbe, r: QbxmlResponse, bad: UnreadableRecord[]): boolean {
    const ours = (r.records as { ExternalGUID?: string }[]).some(
      (rec) => rec.ExternalGUID?.toUpperCase() === p.guid.toUpperCase(),
    );
    if (r.statusSeverity === 'Error' || ours) return false;
    this.recovery.delete(p.job.id);
    const document = loadQbdDocument(this.ctx.db, p.job.entity_id);
    if (!document) return false;
    const { says, detail } = unreadableWords(r, bad);
    const number = refNumberOf(document);
    this.outcomes.failed(
      p.job,
      document,
      {
        kind: 'needs_user',
        userMessage: `${says(number)} Ledgerbridge cannot tell whether ${NOUN[document.type]} ${number} is already there. Check it in QuickBooks (and delete a second copy if there is one), then use Send to ${this.ctx.label} again.`,
      },
      detail,
    );
    return true;
  }
}
