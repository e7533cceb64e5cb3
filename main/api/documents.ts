// Documents: create and edit (validated, totals computed exactly), lifecycle transitions with who/when, and the
// outbox jobs that a transition implies, written in the same transaction as the change.
import type { ConnectionT, DocumentT, MethodOutput, ParsedInput } from '../../preload/contract.js';
import { getCompany } from '../db/repos/companies.js';
import {
  findDocumentByNumber,
  findDocumentRow,
  getDocumentRow,
  insertDocument,
  loadDocument,
  nextDocumentNumber,
  recordTransition,
  replaceDocument,
  setDocumentStatus,
  type DocumentRow,
  type StoredDocument,
} from '../db/repos/documents.js';
import { findListEntries, listTaxRates } from '../db/repos/reference-lists.js';
import { findSupplier } from '../db/repos/suppliers.js';
import { currencyDecimals } from '../domain/currency.js';
import { AppError, validationFailed, type FieldProblem } from '../domain/errors.js';
import { applyAction, assertEditable, documentTypeLabel, type DocumentAction } from '../domain/lifecycle.js';
import { computeTotals } from '../domain/totals.js';
import { validateDocument } from '../domain/validation.js';
import { connectionsForAutoSend, enqueueCancel, enqueueSend } from '../sync/outbox.js';
import { getConnection, listConnections } from '../db/repos/connections.js';
import type { ApiContext } from './context.js';

const TRANSITION_VERB: Record<DocumentAction, string> = {
  submit: 'Submitted for approval',
  approve: 'Approved',
  reject: 'Rejected',
  revise: 'Opened for revision',
  cancel: 'Canceled',
};

/** Connections that hold this document already: a new revision updates it there, a cancel removes it. */
function sentConnections(ctx: ApiContext, documentId: string): string[] {
  return ctx.db
    .prepare<[string], { connection_id: string }>(
      `SELECT connection_id FROM external_links WHERE entity_type = 'document' AND entity_id = ?`,
    )
    .all(documentId)
    .map((r) => r.connection_id);
}

type DocumentDraft = Omit<ParsedInput<'documents.create'>, 'companyId' | 'type'>;

const LINE_REFERENCES = [
  ['itemId', 'item'],
  ['accountId', 'account'],
  ['customerId', 'customer'],
  ['classId', 'class'],
  ['locationId', 'location'],
  ['departmentId', 'department'],
] as const;

/** Validates a draft against the company's data and turns it into rows with exact totals. */
function prepare(
  ctx: ApiContext,
  companyId: string,
  type: DocumentT['type'],
  draft: DocumentDraft,
  number: string,
  existingId: string | null,
): StoredDocument {
  const company = getCompany(ctx.db, companyId);
  const supplierFound = findSupplier(ctx.db, draft.supplierId);
  const supplier = supplierFound && supplierFound.companyId === companyId ? supplierFound : null;
  const currency = draft.currency ?? supplier?.currency ?? company.baseCurrency;
  const decimals = currencyDecimals(currency);
  const taxRates = new Map(listTaxRates(ctx.db, companyId).map((r) => [r.id, r.percent]));
  const linkedRow = draft.linkedDocumentId ? findDocumentRow(ctx.db, draft.linkedDocumentId) : null;
  const linkedDocument = draft.linkedDocumentId
    ? linkedRow && linkedRow.company_id === companyId
      ? {
          type: linkedRow.type,
          supplierId: linkedRow.supplier_id,
          currency: linkedRow.currency,
          number: linkedRow.number,
        }
      : null
    : undefined;

  const problems: FieldProblem[] = validateDocument({
    type,
    supplierId: draft.supplierId,
    currency,
    date: draft.date,
    dueDate: draft.dueDate ?? null,
    discount: draft.discount ?? null,
    lines: draft.lines.map((l) => ({
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount ?? null,
      taxRateId: l.taxRateId ?? null,
    })),
    linkedDocumentId: draft.linkedDocumentId ?? null,
    supplierInvoiceNumber: draft.supplierInvoiceNumber ?? null,
    supplier: supplier
      ? { id: supplier.id, name: supplier.name, currency: supplier.currency, active: supplier.active }
      : null,
    linkedDocument,
    taxRates,
    decimals,
  });
  if (existingId && linkedRow?.id === existingId) {
    problems.push({ field: 'linkedDocumentId', message: 'A document cannot be linked to itself.' });
  }
  const referenced = draft.lines.flatMap((l) =>
    LINE_REFERENCES.map(([key]) => l[key]).filter((v): v is string => !!v),
  );
  const fieldIds = Object.values(draft.fields ?? {}).filter((v): v is string => !!v);
  const entries = findListEntries(ctx.db, companyId, [...new Set([...referenced, ...fieldIds])]);
  draft.lines.forEach((line, index) => {
    for (const [key, kind] of LINE_REFERENCES) {
      const id = line[key];
      const entry = id ? entries.get(id) : undefined;
      // Xero's tracking options ride on classId and customerId (its purchase lines have neither classes nor
      // customers; the connector sends any mirrored tracking option it finds on a line, at most two).
      const fits =
        entry?.kind === kind ||
        (entry?.kind === 'tracking_option' && (key === 'classId' || key === 'customerId'));
      if (id && !fits) {
        problems.push({
          field: `lines.${index}.${key}`,
          message: `Line ${index + 1}: the ${kind} chosen does not exist. Choose another ${kind} or refresh the lists.`,
        });
      }
    }
  });
  for (const [field, id] of Object.entries(draft.fields ?? {})) {
    if (id && !entries.has(id)) {
      problems.push({
        field: `fields.${field}`,
        message: `The ${field} chosen does not exist. Choose another one.`,
      });
    }
  }
  const duplicate = findDocumentByNumber(ctx.db, companyId, number, [type]);
  if (duplicate && duplicate.id !== existingId) {
    problems.push({
      field: 'number',
      message: `Number ${number} is already used by another ${documentTypeLabel(type)}. Choose another number.`,
    });
  }
  if (problems.length > 0) throw validationFailed(problems);

  const computed = computeTotals({
    decimals,
    discount: draft.discount ?? null,
    lines: draft.lines.map((l) => ({
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount ?? null,
      taxPercent: l.taxRateId ? (taxRates.get(l.taxRateId) ?? null) : null,
    })),
  });
  return {
    header: {
      company_id: companyId,
      type,
      number,
      status: 'draft',
      revision: 0,
      supplier_id: draft.supplierId,
      supplier_name: supplier?.name ?? '',
      date: draft.date,
      due_date: draft.dueDate ?? null,
      currency,
      supplier_invoice_number: draft.supplierInvoiceNumber ?? null,
      memo: draft.memo ?? null,
      discount_json: draft.discount ? JSON.stringify(draft.discount) : null,
      fields_json: JSON.stringify(draft.fields ?? {}),
      linked_document_id: draft.linkedDocumentId ?? null,
      subtotal_minor: computed.totals.subtotal,
      discount_minor: computed.totals.discount,
      net_minor: computed.totals.net,
      tax_minor: computed.totals.tax,
      gross_minor: computed.totals.gross,
      payment_status: null,
    },
    lines: draft.lines.map((l, index) => {
      const t = computed.lines[index];
      if (!t) throw new Error('computeTotals returned fewer lines than it was given');
      return {
        position: index + 1,
        description: l.description,
        quantity: l.quantity,
        unit_price: l.unitPrice,
        discount_json: l.discount ? JSON.stringify(l.discount) : null,
        item_id: l.itemId ?? null,
        account_id: l.accountId ?? null,
        tax_rate_id: l.taxRateId ?? null,
        tax_percent: l.taxRateId ? (taxRates.get(l.taxRateId) ?? null) : null,
        customer_id: l.customerId ?? null,
        class_id: l.classId ?? null,
        location_id: l.locationId ?? null,
        department_id: l.departmentId ?? null,
        amount_minor: t.amount,
        line_discount_minor: t.lineDiscount,
        document_discount_minor: t.documentDiscount,
        net_minor: t.netAmount,
        tax_minor: t.tax,
      };
    }),
  };
}

/** Creates a draft. `quiet` skips the per-document event (an import announces its result once). */
export function createDocument(
  ctx: ApiContext,
  input: ParsedInput<'documents.create'>,
  options: { actor?: string; quiet?: boolean } = {},
): DocumentT {
  const { companyId, type, ...draft } = input;
  const id = ctx.db.transaction(() => {
    const number = draft.number ?? nextDocumentNumber(ctx.db, companyId, type);
    const stored = prepare(ctx, companyId, type, draft, number, null);
    const newId = insertDocument(ctx.db, stored);
    recordTransition(ctx.db, {
      documentId: newId,
      actor: options.actor ?? ctx.userName,
      action: 'create',
      from: null,
      to: 'draft',
    });
    return newId;
  })();
  if (!options.quiet) ctx.emit({ type: 'document', documentId: id });
  return loadDocument(ctx.db, id);
}

/** The stored document as a draft, so an update can change only what it names. */
function currentDraft(ctx: ApiContext, row: DocumentRow): DocumentDraft {
  const doc = loadDocument(ctx.db, row.id);
  return {
    number: doc.number,
    supplierId: doc.supplierId,
    date: doc.date,
    dueDate: doc.dueDate,
    currency: doc.currency,
    supplierInvoiceNumber: doc.supplierInvoiceNumber,
    memo: doc.memo,
    discount: doc.discount,
    fields: doc.fields,
    linkedDocumentId: doc.linkedDocumentId,
    lines: doc.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount,
      itemId: l.itemId,
      accountId: l.accountId,
      taxRateId: l.taxRateId,
      customerId: l.customerId,
      classId: l.classId,
      locationId: l.locationId,
      departmentId: l.departmentId,
    })),
  };
}

export function updateDocument(ctx: ApiContext, input: ParsedInput<'documents.update'>): DocumentT {
  const { id, ...changes } = input;
  ctx.db.transaction(() => {
    const row = getDocumentRow(ctx.db, id);
    assertEditable(row.status, row.type);
    const draft = { ...currentDraft(ctx, row) };
    for (const [key, value] of Object.entries(changes) as [keyof DocumentDraft, unknown][]) {
      if (value !== undefined) (draft as Record<string, unknown>)[key] = value;
    }
    const stored = prepare(ctx, row.company_id, row.type, draft, draft.number ?? row.number, row.id);
    replaceDocument(ctx.db, id, stored);
  })();
  ctx.emit({ type: 'document', documentId: id });
  return loadDocument(ctx.db, id);
}

/**
 * Applies a lifecycle action. Approval queues sending to every connection whose settings include the type, and
 * to every connection that already holds an earlier revision; cancel queues removal where it was sent. Both in
 * the same transaction as the status change, so a crash can delay a send but never lose it.
 */
export function transitionDocument(
  ctx: ApiContext,
  action: DocumentAction,
  input: { id: string; actor?: string | undefined; comment?: string | undefined },
): DocumentT {
  const actor = input.actor ?? ctx.userName;
  let queued = false;
  let companyId = '';
  ctx.db.transaction(() => {
    const row = getDocumentRow(ctx.db, input.id);
    const next = applyAction(row.status, action, row.revision, row.type);
    const paymentStatus =
      next.status === 'approved' && row.type === 'invoice'
        ? (row.payment_status ?? 'unpaid')
        : row.payment_status;
    setDocumentStatus(ctx.db, row.id, { status: next.status, revision: next.revision, paymentStatus });
    recordTransition(ctx.db, {
      documentId: row.id,
      actor,
      action,
      from: row.status,
      to: next.status,
      comment: input.comment,
    });
    companyId = row.company_id;
    if (next.status === 'approved') {
      const targets = new Set([
        ...connectionsForAutoSend(ctx.db, row.company_id, row.type)
          // A system without a record for this type (QuickBooks Online receipts) is never queued.
          .filter((c) => ctx.connectors.takesType(c.system, row.type))
          .map((c) => c.id),
        ...sentConnections(ctx, row.id),
      ]);
      for (const connectionId of targets) {
        queued =
          enqueueSend(ctx.db, { documentId: row.id, connectionId, revision: next.revision, reason: 'auto' })
            .enqueued || queued;
      }
    }
    if (next.status === 'canceled') {
      // Every connection that has seen the document; enqueueCancel decides whether anything must be undone there.
      const touched = ctx.db
        .prepare<[string], { connection_id: string }>(
          'SELECT connection_id FROM document_sync WHERE document_id = ?',
        )
        .all(row.id)
        .map((r) => r.connection_id);
      for (const connectionId of touched) {
        queued =
          enqueueCancel(ctx.db, { documentId: row.id, connectionId, revision: next.revision }).enqueued ||
          queued;
      }
    }
  })();
  // Logged after the commit, so no client hears of a transition that was rolled back; document_events keeps
  // the who and when in the same transaction as the change.
  ctx.log({
    companyId,
    connectionId: null,
    documentId: input.id,
    action,
    result: 'info',
    message: `${TRANSITION_VERB[action]} by ${actor}${input.comment ? `: ${input.comment}` : ''}.`,
  });
  if (queued) ctx.kickSync();
  ctx.emit({ type: 'document', documentId: input.id });
  return loadDocument(ctx.db, input.id);
}

/** Why a document of this type is not sent to that system, and what the bookkeeper does instead. */
function notTakenMessage(ctx: ApiContext, system: string, row: DocumentRow): string {
  const systemLabel = ctx.connectors.get(system)?.label ?? system;
  if (row.type === 'receipt') {
    const order = row.linked_document_id ? findDocumentRow(ctx.db, row.linked_document_id) : null;
    return `${systemLabel} has no receipts, so receipt ${row.number} is not sent there (and never as a purchase order). It stays here to match the invoice against: when the supplier's invoice comes, link it to ${order ? `${documentTypeLabel(order.type)} ${order.number}` : 'its purchase order'} and send the invoice as a bill; ${systemLabel} records the goods with the bill.`;
  }
  return `${systemLabel} has no record for a ${documentTypeLabel(row.type)}, so ${row.number} is not sent there.`;
}

/** The connection's id when its system has a record for the document's type; otherwise says why not. */
function takingType(ctx: ApiContext, row: DocumentRow, connection: ConnectionT): string {
  if (!ctx.connectors.takesType(connection.system, row.type)) {
    throw new AppError('not_supported', notTakenMessage(ctx, connection.system, row));
  }
  return connection.id;
}

/**
 * The rules of "Send to <system>" for one document: it must be approved, and the connection must be the company's
 * (given, or its only accounting connection). Returns the connection to send to; throws AppError saying why not.
 */
export function sendTarget(ctx: ApiContext, row: DocumentRow, requested: string | undefined): string {
  const label = documentTypeLabel(row.type);
  if (row.status !== 'approved') {
    throw new AppError(
      'invalid_transition',
      `Only approved documents are sent. This ${label} is ${row.status.replace('_', ' ')}; approve it first.`,
    );
  }
  if (requested) {
    const connection = getConnection(ctx.db, requested);
    if (connection.companyId !== row.company_id) {
      throw new AppError(
        'invalid_input',
        'That connection belongs to another company. Choose one of this company’s connections.',
      );
    }
    return takingType(ctx, row, connection);
  }
  const candidates = listConnections(ctx.db, row.company_id).filter((c) =>
    ctx.connectors.isAccounting(c.system),
  );
  const [only] = candidates;
  if (!only) {
    throw new AppError(
      'not_found',
      'This company has no accounting connection yet. Add one under Connections, then send again.',
    );
  }
  if (candidates.length > 1) {
    throw new AppError(
      'invalid_input',
      'This company has several accounting connections. Choose the one to send to.',
    );
  }
  return takingType(ctx, row, only);
}

/**
 * "Send to <system>": by hand, and again after a failure. While the same version is being sent there (the
 * automatic send running, or a second click), nothing more is queued and the answer says "Already sending".
 */
export function sendDocument(
  ctx: ApiContext,
  input: ParsedInput<'documents.send'>,
): MethodOutput<'documents.send'> {
  const result = ctx.db.transaction(() => {
    const row = getDocumentRow(ctx.db, input.id);
    const connectionId = sendTarget(ctx, row, input.connectionId);
    const queued = enqueueSend(ctx.db, {
      documentId: row.id,
      connectionId,
      revision: row.revision,
      reason: 'manual',
    });
    return { queued, connectionName: getConnection(ctx.db, connectionId).name };
  })();
  if (result.queued.enqueued) {
    ctx.kickSync();
    ctx.emit({ type: 'document', documentId: input.id });
  }
  return {
    ...loadDocument(ctx.db, input.id),
    sendResult: result.queued.enqueued
      ? { outcome: 'queued', message: `Queued for ${result.connectionName}.` }
      : { outcome: 'already_sending', message: result.queued.message },
  };
}
