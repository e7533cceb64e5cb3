// The review screen: the page image beside the proposed invoice, each field highlighted where it was read,
// fields the reader was unsure of marked, fields read the way the bookkeeper taught for this supplier marked
// learned; the bookkeeper corrects and saves a draft with the file (the corrections go with it, so the supplier's
// next invoice is read right), then goes on to the next file read.
import { useMemo, useState } from 'react';
import type { ApiCallError } from '../../api/errors';
import { PageHeader } from '../../components/ui';
import { href } from '../../lib/route';
import { useAction } from '../../lib/useAction';
import { requestQuiet, useApp } from '../../state/app';
import { ExportLearned } from './ExportLearned';
import { navigate } from '../../state/router';
import { FieldForm } from './FieldForm';
import { LineTable } from './LineTable';
import {
  confirmations,
  corrections,
  fieldList,
  highlights,
  initialForm,
  reviewWarnings,
  type Form,
} from './model';
import { PagePreview } from './PagePreview';
import { ReviewBanners } from './ReviewBanners';
import { TotalsForm } from './TotalsForm';
import { useCaptures, type CaptureItem, type Proposal } from './store';
import { SupplierDefaultsNote } from './SupplierDefaultsNote';
import { SupplierMatch } from './SupplierMatch';

export function CaptureReview({ captureKey }: { captureKey: string }) {
  const item = useCaptures((s) => s.items.find((i) => i.key === captureKey));
  if (!item?.proposal) {
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
  return <Review item={item} proposal={item.proposal} />;
}

function Review({ item, proposal }: { item: CaptureItem; proposal: Proposal }) {
  const companyId = useApp((s) => s.companyId) ?? '';
  const queue = useCaptures((s) => s.items);
  const update = useCaptures((s) => s.update);
  // Until the bookkeeper changes something, the form is the proposal itself.
  const [edited, setForm] = useState<Form | null>(null);
  const form = edited ?? initialForm(proposal);
  const [focus, setFocus] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ field: string; message: string }[]>([]);
  const { busy, run } = useAction();

  const next = useMemo(
    () => queue.find((i) => i.key !== item.key && i.status === 'ready'),
    [queue, item.key],
  );
  const set = (change: Partial<Form>) => setForm({ ...form, ...change });
  const errorsFor = (field: string) => problems.filter((p) => p.field === field).map((p) => p.message);

  const save = async () => {
    const changed = corrections(proposal, form);
    setProblems(changed.problems);
    if (changed.problems.length > 0) return;
    const saved = await run(
      'save',
      () =>
        requestQuiet('documents.createFromCapture', {
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
          corrections: changed.corrections,
          confirmed: confirmations(proposal, form),
          learnLines: form.lines.length > 0,
        }),
      {
        onError: (error) => {
          const e = error as ApiCallError;
          setProblems(e.problems?.length ? e.problems : [{ field: '', message: e.message }]);
        },
      },
    );
    if (!saved) return;
    update(item.key, {
      status: 'saved',
      documentId: saved.document.id,
      learned: saved.learned,
      learningProblem: saved.learningProblem,
    });
    // The invoice is saved; that its corrections were not learned is said wherever the bookkeeper goes next.
    if (saved.learningProblem) useApp.getState().pushError(new Error(saved.learningProblem));
    navigate(next ? href('capture', next.key) : href('documents', saved.document.id));
  };

  const parts = { proposal, form, set, errorsFor, onFocus: setFocus };
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
              disabled={busy !== null}
              data-testid="capture-save"
            >
              {busy === 'save' ? 'Saving…' : 'Save draft invoice'}
            </button>
          </div>
        }
      >
        <p className="muted">
          Read from {proposal.pages.some((p) => p.source === 'ocr') ? 'a scan (OCR)' : 'the PDF’s text'}.
          Fields marked in orange were hard to read: check them against the page. What you correct is learned
          for this supplier’s next invoice.
        </p>
        {proposal.learned.length > 0 && (
          <p className="muted" data-testid="capture-learned">
            Read the way you taught for this supplier: {fieldList(proposal.learned)}.
          </p>
        )}
        <ExportLearned />
      </PageHeader>

      <ReviewBanners
        proposal={proposal}
        warnings={reviewWarnings(proposal, form)}
        problems={problems}
        confirmDuplicate={form.confirmDuplicate}
        onConfirmDuplicate={(confirmDuplicate) => set({ confirmDuplicate })}
      />

      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '1rem' }}>
        <PagePreview
          pages={proposal.pages}
          fileName={item.fileName}
          highlights={highlights(proposal, form)}
          focus={focus}
        />
        <section className="card" aria-labelledby="h-proposed">
          <h2 id="h-proposed">Proposed invoice</h2>
          <SupplierMatch {...parts} />
          <FieldForm {...parts} />
          <LineTable lines={form.lines} onChange={(lines) => set({ lines })} onFocus={setFocus} />
          {form.supplierId && <SupplierDefaultsNote supplierId={form.supplierId} />}
          <TotalsForm {...parts} />
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
