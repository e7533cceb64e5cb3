// Supplier invoices from files: the queue of files being read (one, dropped ones, or a whole folder, with
// progress), and the review screen — the page image beside the proposed invoice, each field highlighted where it
// was read, fields the reader was unsure of marked; the bookkeeper corrects and saves a draft with the file.
import { useEffect, useMemo, useState, type CSSProperties, type DragEvent } from 'react';
import { create } from 'zustand';
import type { MethodOutput } from '../../../preload/contract';
import { SupplierPicker } from '../components/SupplierPicker';
import { Field, PageHeader } from '../components/ui';
import { bytesToBase64 } from '../lib/base64';
import { label } from '../lib/labels';
import { href } from '../lib/route';
import { request, requestQuiet, useApp } from '../state/app';
import { navigate } from '../state/router';

type Proposal = MethodOutput<'documents.capture'>['proposal'];
type Box = { x: number; y: number; w: number; h: number };
type Located = { page: number; box: Box };

/** Below this a field is marked for the bookkeeper to check. */
export const LOW_CONFIDENCE = 0.8;
const ACCEPTED = /\.(pdf|png|jpe?g|tiff?)$/i;

export interface CaptureItem {
  key: string;
  fileName: string;
  contentBase64: string;
  status: 'waiting' | 'reading' | 'ready' | 'failed' | 'saved';
  proposal?: Proposal;
  error?: string;
  documentId?: string;
}

interface CaptureState {
  items: CaptureItem[];
  update(key: string, change: Partial<CaptureItem>): void;
  add(items: CaptureItem[]): void;
  clear(): void;
}

/** The files read this session; kept while the app runs so the bookkeeper can review them one after another. */
export const useCaptures = create<CaptureState>((set) => ({
  items: [],
  update: (key, change) =>
    set((s) => ({ items: s.items.map((i) => (i.key === key ? { ...i, ...change } : i)) })),
  add: (items) => set((s) => ({ items: [...s.items, ...items] })),
  clear: () => set({ items: [] }),
}));

let counter = 0;

/** Whether a file (by name) is one capture can read. */
export function isCapturable(file: { name: string }): boolean {
  return ACCEPTED.test(file.name);
}

/**
 * Reads the files one after another (OCR is heavy; one at a time keeps the app responsive) and opens the review
 * of the first. Returns the keys of the queued files.
 */
export async function captureFiles(companyId: string, files: readonly File[]): Promise<string[]> {
  const accepted = files.filter(isCapturable);
  const { add, update } = useCaptures.getState();
  const items: CaptureItem[] = [];
  for (const file of accepted) {
    items.push({
      key: `c${Date.now().toString(36)}${(counter++).toString(36)}`,
      fileName: file.name,
      contentBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())),
      status: 'waiting',
    });
  }
  add(items);
  let opened = false;
  for (const item of items) {
    update(item.key, { status: 'reading' });
    try {
      const { proposal } = await requestQuiet('documents.capture', {
        companyId,
        fileName: item.fileName,
        contentBase64: item.contentBase64,
        previews: true,
      });
      update(item.key, { status: 'ready', proposal });
      if (!opened && items.length === 1) {
        opened = true;
        navigate(href('capture', item.key));
      }
    } catch (error) {
      update(item.key, { status: 'failed', error: (error as Error).message });
    }
  }
  return items.map((i) => i.key);
}

/** "New invoice from file" and "Invoices from a folder": the Documents page's entry points. */
export function CaptureButtons() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const pick = (files: FileList | null) => {
    if (files && files.length > 0) void captureFiles(companyId, Array.from(files));
  };
  return (
    <>
      <label className="button" data-testid="capture-file-label">
        New invoice from file
        <input
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,application/pdf,image/png,image/jpeg,image/tiff"
          multiple
          hidden
          onChange={(e) => {
            pick(e.target.files);
            e.target.value = '';
          }}
          data-testid="capture-file"
        />
      </label>
      <label className="button" data-testid="capture-folder-label">
        Invoices from a folder
        <input
          type="file"
          hidden
          // Chromium and Electron read a whole folder with this (non-standard) attribute.
          {...{ webkitdirectory: '', directory: '' }}
          onChange={(e) => {
            pick(e.target.files);
            e.target.value = '';
          }}
          data-testid="capture-folder"
        />
      </label>
    </>
  );
}

/** Drop handlers for a page: invoice files dropped on it are read like chosen ones. */
export function useCaptureDrop(): { onDragOver(e: DragEvent): void; onDrop(e: DragEvent): void } {
  const companyId = useApp((s) => s.companyId) ?? '';
  return {
    onDragOver: (e) => {
      if (Array.from(e.dataTransfer.types).includes('Files')) e.preventDefault();
    },
    onDrop: (e) => {
      if (e.dataTransfer.files.length === 0) return;
      e.preventDefault();
      void captureFiles(companyId, Array.from(e.dataTransfer.files));
    },
  };
}

/** The queue with progress: shown on the Documents page while files are read, and after. */
export function CaptureQueue() {
  const items = useCaptures((s) => s.items);
  const clear = useCaptures((s) => s.clear);
  if (items.length === 0) return null;
  const done = items.filter((i) => i.status !== 'waiting' && i.status !== 'reading').length;
  return (
    <section className="card" aria-labelledby="h-capture-queue" data-testid="capture-queue">
      <h2 id="h-capture-queue">Invoices from files</h2>
      <p className="muted" role="status" data-testid="capture-progress">
        {done < items.length ? `Reading ${done + 1} of ${items.length}…` : `${items.length} read.`}
      </p>
      <progress max={items.length} value={done} aria-label="Files read" style={{ width: '100%' }} />
      <ul className="plain-list">
        {items.map((item) => (
          <li key={item.key} data-testid="capture-item" data-status={item.status}>
            <strong>{item.fileName}</strong>{' '}
            {item.status === 'ready' && (
              <a href={href('capture', item.key)} data-testid="capture-review-link">
                Review
              </a>
            )}
            {item.status === 'saved' && item.documentId && (
              <a href={href('documents', item.documentId)}>Saved as a draft</a>
            )}
            {(item.status === 'waiting' || item.status === 'reading') && (
              <span className="muted">{item.status === 'reading' ? 'Reading…' : 'Waiting'}</span>
            )}
            {item.status === 'failed' && (
              <span className="field__error" role="alert">
                {item.error}
              </span>
            )}
          </li>
        ))}
      </ul>
      {done === items.length && (
        <button type="button" className="button" onClick={clear}>
          Clear the list
        </button>
      )}
    </section>
  );
}

interface LineForm {
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  taxRateId: string | null;
  confidence: number;
  location: Located | null;
}

interface Form {
  supplierId: string;
  supplierInvoiceNumber: string;
  date: string;
  dueDate: string;
  currency: string;
  linkedDocumentId: string;
  lines: LineForm[];
  confirmDuplicate: boolean;
}

function initialForm(p: Proposal): Form {
  return {
    supplierId: p.supplierId ?? '',
    supplierInvoiceNumber: p.supplierInvoiceNumber ?? '',
    date: p.date ?? '',
    dueDate: p.dueDate ?? '',
    currency: p.currency ?? '',
    linkedDocumentId: p.linkedDocumentId ?? '',
    lines: p.lines.map((l) => ({ ...l })),
    confirmDuplicate: false,
  };
}

function highlightStyle(box: Box, active: boolean, low: boolean): CSSProperties {
  return {
    position: 'absolute',
    left: `${box.x * 100}%`,
    top: `${box.y * 100}%`,
    width: `${box.w * 100}%`,
    height: `${box.h * 100}%`,
    outline: `2px solid ${low ? '#d97706' : '#2563eb'}`,
    background: active
      ? 'rgba(37, 99, 235, 0.25)'
      : low
        ? 'rgba(217, 119, 6, 0.15)'
        : 'rgba(37, 99, 235, 0.08)',
    pointerEvents: 'none',
  };
}

const FIELD_LABELS: Record<string, string> = {
  supplier: 'Supplier',
  supplierInvoiceNumber: 'Supplier invoice number',
  date: 'Invoice date',
  dueDate: 'Due date',
  currency: 'Currency',
  printedOrderNumber: 'Order number',
  subtotal: 'Subtotal',
  tax: 'Tax',
  total: 'Total',
  linkedDocumentId: 'Order',
};

export function CaptureReview({ captureKey }: { captureKey: string }) {
  const companyId = useApp((s) => s.companyId) ?? '';
  const item = useCaptures((s) => s.items.find((i) => i.key === captureKey));
  const queue = useCaptures((s) => s.items);
  const update = useCaptures((s) => s.update);
  const proposal = item?.proposal;
  // Until the bookkeeper changes something, the form is the proposal itself (which may arrive after the page opens).
  const [edited, setForm] = useState<Form | null>(null);
  const form = edited ?? (proposal ? initialForm(proposal) : null);
  const [focus, setFocus] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ field: string; message: string }[]>([]);
  const [saving, setSaving] = useState(false);

  const next = useMemo(
    () => queue.find((i) => i.key !== captureKey && i.status === 'ready'),
    [queue, captureKey],
  );

  if (!item || !proposal || !form) {
    return (
      <div className="page" data-testid="capture-missing">
        <PageHeader title="Invoice from file" />
        <p>
          {item?.status === 'reading'
            ? 'Reading the file…'
            : 'This file is no longer open. Add it again from the Documents page.'}
        </p>
        <a href={href('documents')} className="button">
          Back to documents
        </a>
      </div>
    );
  }

  const confidence = (field: string) => proposal.confidence[field as keyof Proposal['confidence']];
  const isLow = (field: string) => {
    const c = confidence(field);
    return c !== undefined && c < LOW_CONFIDENCE;
  };
  const set = (change: Partial<Form>) => setForm({ ...form, ...change });
  const setLine = (index: number, change: Partial<LineForm>) =>
    set({ lines: form.lines.map((l, i) => (i === index ? { ...l, ...change } : l)) });
  const errorsFor = (field: string) => problems.filter((p) => p.field === field).map((p) => p.message);
  const hint = (field: string) => {
    const c = confidence(field);
    if (c === undefined) return undefined;
    return c < LOW_CONFIDENCE ? `Check this: read with ${Math.round(c * 100)} % confidence` : undefined;
  };
  const fieldProps = (field: string) => ({
    onFocus: () => setFocus(field),
    onBlur: () => setFocus(null),
    'aria-describedby': isLow(field) ? `low-${field}` : undefined,
    'data-low': isLow(field) ? 'true' : undefined,
  });

  const save = async () => {
    setSaving(true);
    setProblems([]);
    try {
      const { document } = await requestQuiet('documents.createFromCapture', {
        companyId,
        fileName: item.fileName,
        contentBase64: item.contentBase64,
        supplierId: form.supplierId,
        supplierInvoiceNumber: form.supplierInvoiceNumber || null,
        date: form.date,
        dueDate: form.dueDate || null,
        currency: form.currency || null,
        linkedDocumentId: form.linkedDocumentId || null,
        lines: form.lines.map((l) => ({
          description: l.description,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          taxRateId: l.taxRateId,
        })),
        confirmDuplicate: form.confirmDuplicate,
      });
      update(item.key, { status: 'saved', documentId: document.id });
      navigate(next ? href('capture', next.key) : href('documents', document.id));
    } catch (error) {
      const e = error as Error & { problems?: { field: string; message: string }[] };
      setProblems(e.problems?.length ? e.problems : [{ field: '', message: e.message }]);
    } finally {
      setSaving(false);
    }
  };

  const highlights: { field: string; where: Located; low: boolean }[] = [
    ...Object.entries(proposal.locations).map(([field, where]) => ({
      field,
      where: where as Located,
      low: isLow(field),
    })),
    ...form.lines.flatMap((l, i) =>
      l.location ? [{ field: `line-${i}`, where: l.location, low: l.confidence < LOW_CONFIDENCE }] : [],
    ),
  ];

  return (
    <div className="page" data-testid="capture-review">
      <PageHeader
        title={`Invoice from ${item.fileName}`}
        actions={
          <div className="actions">
            <a href={href('documents')} className="button">
              Back
            </a>
            <button
              type="button"
              className="button button--primary"
              onClick={() => void save()}
              disabled={saving}
              data-testid="capture-save"
            >
              {saving ? 'Saving…' : 'Save draft invoice'}
            </button>
          </div>
        }
      >
        <p className="muted">
          Read from {proposal.pages.some((p) => p.source === 'ocr') ? 'a scan (OCR)' : 'the PDF’s text'}.
          Fields marked in orange were hard to read: check them against the page.
        </p>
      </PageHeader>

      {problems.length > 0 && (
        <div className="banner banner--error" role="alert" data-testid="capture-problems">
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {proposal.duplicates.length > 0 && (
        <div className="banner banner--error" role="alert" data-testid="capture-duplicates">
          <ul>
            {proposal.duplicates.map((d) => (
              <li key={`${d.kind}-${d.documentId}`}>
                {d.message} <a href={href('documents', d.documentId)}>Open {d.documentNumber}</a>
              </li>
            ))}
          </ul>
          <label>
            <input
              type="checkbox"
              checked={form.confirmDuplicate}
              onChange={(e) => set({ confirmDuplicate: e.target.checked })}
              data-testid="capture-confirm-duplicate"
            />{' '}
            This is a different invoice: save it anyway
          </label>
        </div>
      )}
      {proposal.warnings.length > 0 && (
        <div className="banner banner--info" role="status" data-testid="capture-warnings">
          <ul>
            {proposal.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}

      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '1rem' }}>
        <section className="card" aria-label="The invoice as received" data-testid="capture-pages">
          {proposal.pages.map((page) => (
            <div key={page.number} style={{ position: 'relative', marginBottom: '1rem' }}>
              {page.imageBase64 ? (
                <img
                  src={`data:image/png;base64,${page.imageBase64}`}
                  alt={`Page ${page.number} of ${item.fileName}`}
                  style={{ width: '100%', display: 'block', border: '1px solid #ddd' }}
                />
              ) : (
                <p className="muted">No preview of page {page.number}.</p>
              )}
              {highlights
                .filter((h) => h.where.page === page.number)
                .map((h) => (
                  <div
                    key={h.field}
                    style={highlightStyle(h.where.box, focus === h.field, h.low)}
                    data-testid={`highlight-${h.field}`}
                    data-low={h.low ? 'true' : undefined}
                    title={FIELD_LABELS[h.field] ?? `Line ${Number(h.field.slice(5)) + 1}`}
                  />
                ))}
            </div>
          ))}
        </section>

        <section className="card" aria-labelledby="h-proposed">
          <h2 id="h-proposed">Proposed invoice</h2>
          <Field
            label="Supplier"
            htmlFor="cap-supplier"
            errors={errorsFor('supplierId')}
            hint={
              proposal.supplierId
                ? `Matched by ${label(proposal.supplierMatchedBy)}${hint('supplier') ? ` — ${hint('supplier')}` : ''}`
                : `Read as “${proposal.supplierName ?? '?'}”: choose the supplier`
            }
          >
            <div onFocus={() => setFocus('supplier')} data-low={isLow('supplier') ? 'true' : undefined}>
              <SupplierPicker
                id="cap-supplier"
                value={form.supplierId}
                onChange={(id) => set({ supplierId: id, linkedDocumentId: '' })}
                testId="cap-supplier"
              />
            </div>
          </Field>
          {(
            [
              ['supplierInvoiceNumber', 'cap-invoice-number', 'text'],
              ['date', 'cap-date', 'date'],
              ['dueDate', 'cap-due-date', 'date'],
              ['currency', 'cap-currency', 'text'],
            ] as const
          ).map(([field, id, type]) => (
            <Field
              key={field}
              label={FIELD_LABELS[field] ?? field}
              htmlFor={id}
              errors={errorsFor(field)}
              hint={hint(field)}
              className={isLow(field) ? 'field--low' : undefined}
            >
              <input
                id={id}
                type={type}
                value={form[field]}
                onChange={(e) =>
                  set({ [field]: field === 'currency' ? e.target.value.toUpperCase() : e.target.value })
                }
                style={isLow(field) ? { borderColor: '#d97706', background: '#fff7ed' } : undefined}
                data-testid={id}
                {...fieldProps(field)}
              />
            </Field>
          ))}
          <Field
            label="Order"
            htmlFor="cap-order"
            errors={errorsFor('linkedDocumentId')}
            hint={
              proposal.printedOrderNumber
                ? `The invoice quotes order ${proposal.printedOrderNumber}`
                : 'No order number printed: proposed from the supplier, amounts and lines'
            }
          >
            <select
              id="cap-order"
              value={form.linkedDocumentId}
              onChange={(e) => set({ linkedDocumentId: e.target.value })}
              data-testid="cap-order"
              {...fieldProps('linkedDocumentId')}
            >
              <option value="">None</option>
              {proposal.orderCandidates.map((o) => (
                <option key={o.id} value={o.id}>
                  {label(o.type)} {o.number} · {o.gross}
                </option>
              ))}
            </select>
          </Field>

          <h3>Lines</h3>
          <div style={{ overflowX: 'auto' }}>
            <table
              className="grid grid--compact"
              data-testid="cap-lines"
              style={{ tableLayout: 'fixed', width: '100%' }}
            >
              <colgroup>
                <col style={{ width: '46%' }} />
                <col style={{ width: '14%' }} />
                <col style={{ width: '16%' }} />
                <col style={{ width: '17%' }} />
                <col style={{ width: '7%' }} />
              </colgroup>
              <thead>
                <tr>
                  <th>Description</th>
                  <th className="num">Quantity</th>
                  <th className="num">Unit price</th>
                  <th className="num">Printed amount</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {form.lines.map((line, i) => {
                  const low = line.confidence < LOW_CONFIDENCE;
                  const style: CSSProperties = {
                    width: '100%',
                    minWidth: 0,
                    boxSizing: 'border-box',
                    ...(low ? { borderColor: '#d97706', background: '#fff7ed' } : {}),
                  };
                  const focusLine = { onFocus: () => setFocus(`line-${i}`), onBlur: () => setFocus(null) };
                  return (
                    <tr key={i} data-testid="cap-line" data-low={low ? 'true' : undefined}>
                      <td>
                        <input
                          aria-label={`Line ${i + 1} description`}
                          value={line.description}
                          onChange={(e) => setLine(i, { description: e.target.value })}
                          style={style}
                          {...focusLine}
                        />
                      </td>
                      <td>
                        <input
                          aria-label={`Line ${i + 1} quantity`}
                          className="num"
                          value={line.quantity}
                          onChange={(e) => setLine(i, { quantity: e.target.value })}
                          style={style}
                          {...focusLine}
                        />
                      </td>
                      <td>
                        <input
                          aria-label={`Line ${i + 1} unit price`}
                          className="num"
                          value={line.unitPrice}
                          onChange={(e) => setLine(i, { unitPrice: e.target.value })}
                          style={style}
                          {...focusLine}
                        />
                      </td>
                      <td className="num">{line.amount}</td>
                      <td>
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={`Remove line ${i + 1}`}
                          onClick={() => set({ lines: form.lines.filter((_, j) => j !== i) })}
                        >
                          ×
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <button
            type="button"
            className="button"
            onClick={() =>
              set({
                lines: [
                  ...form.lines,
                  {
                    description: '',
                    quantity: '1',
                    unitPrice: '0',
                    amount: '',
                    taxRateId: form.lines[0]?.taxRateId ?? null,
                    confidence: 1,
                    location: null,
                  },
                ],
              })
            }
          >
            Add line
          </button>

          <h3>Totals as printed</h3>
          <dl className="totals" data-testid="cap-totals">
            {(['subtotal', 'tax', 'total'] as const).map((t) => (
              <div key={t} data-low={isLow(t) ? 'true' : undefined}>
                <dt>{FIELD_LABELS[t]}</dt>
                <dd className="num" style={isLow(t) ? { color: '#b45309' } : undefined}>
                  {proposal.totals[t] ?? '—'} {isLow(t) ? '(check)' : ''}
                </dd>
              </div>
            ))}
          </dl>
          {next && (
            <p>
              Next file: <a href={href('capture', next.key)}>{next.fileName}</a>
            </p>
          )}
        </section>
      </div>
    </div>
  );
}

/** Matches as the document page shows them before approval. */
export type MatchResultT = MethodOutput<'documents.match'>;

export function MatchPanel({ documentId }: { documentId: string }) {
  const [result, setResult] = useState<MatchResultT | null>(null);
  useEffect(() => {
    let current = true;
    request('documents.match', { id: documentId }).then(
      (r) => {
        if (current) setResult(r);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [documentId]);
  if (!result || result.mode === 'none') return null;
  const problems = result.lines.filter((l) => l.status !== 'ok' && l.status !== 'not_invoiced');
  return (
    <section className="card" aria-labelledby="h-match" data-testid="match-panel" data-ok={String(result.ok)}>
      <h2 id="h-match">
        {result.mode === 'three_way' ? 'Three-way match' : 'Two-way match'} with{' '}
        {label(result.order?.type ?? '')} {result.order?.number}
      </h2>
      <p className={result.ok ? 'muted' : 'field__error'} role={result.ok ? undefined : 'alert'}>
        {result.summary}
      </p>
      {problems.length > 0 && (
        <ul data-testid="match-problems">
          {problems.map((l, i) => (
            <li key={i} data-status={l.status}>
              {l.message}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        Tolerances: price {result.tolerances.pricePercent} %, quantity {result.tolerances.quantityPercent} %.
      </p>
    </section>
  );
}

type AttachmentT = MethodOutput<'attachments.list'>[number];

/** The files attached to a document: download, or see the pages beside the document. */
export function AttachmentsPanel({ documentId }: { documentId: string }) {
  const [items, setItems] = useState<AttachmentT[]>([]);
  const [pages, setPages] = useState<{ id: string; images: string[] } | null>(null);
  useEffect(() => {
    let current = true;
    request('attachments.list', { documentId }).then(
      (list) => {
        if (current) setItems(list);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [documentId]);
  if (items.length === 0) return null;
  const download = async (a: AttachmentT) => {
    const file = await request('attachments.get', { id: a.id });
    const bytes = Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: a.mimeType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = a.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const show = async (a: AttachmentT) => {
    const result = await request('attachments.pages', { id: a.id });
    setPages({ id: a.id, images: result.pages.map((p) => p.imageBase64) });
  };
  return (
    <section className="card" aria-labelledby="h-attachments" data-testid="attachments">
      <h2 id="h-attachments">Attached files</h2>
      <ul className="plain-list">
        {items.map((a) => (
          <li key={a.id} data-testid="attachment">
            {a.fileName} <span className="muted">({Math.ceil(a.size / 1024)} KB)</span>{' '}
            <button type="button" className="button button--small" onClick={() => void download(a)}>
              Download
            </button>{' '}
            <button
              type="button"
              className="button button--small"
              onClick={() => void (pages?.id === a.id ? setPages(null) : show(a))}
              data-testid="attachment-show"
            >
              {pages?.id === a.id ? 'Hide pages' : 'Show pages'}
            </button>
          </li>
        ))}
      </ul>
      {pages?.images.map((img, i) => (
        <img
          key={i}
          src={`data:image/png;base64,${img}`}
          alt={`Page ${i + 1}`}
          style={{ width: '100%', maxWidth: 800, border: '1px solid #ddd', marginTop: '0.5rem' }}
        />
      ))}
    </section>
  );
}
