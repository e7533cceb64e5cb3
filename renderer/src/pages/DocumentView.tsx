// One document: header, lines, totals, status actions, sync status per connection, payments, history and the
// integration log as a timeline. Refreshes itself when an event concerns it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConnectionT, DocumentT, LogEntryT, MethodName } from '../../../preload/contract';
import { Badge, Empty, Field, Money, PageHeader, TotalsList, formatDateTime } from '../components/ui';
import { whileCurrent } from '../lib/current';
import { label } from '../lib/labels';
import { formatAmount } from '../lib/money';
import { href } from '../lib/route';
import { request, useApp } from '../state/app';
import { concernsDocument, useAppEvents } from '../state/events';
import { AttachmentsPanel, MatchPanel } from './CaptureReview';

type Action = 'submit' | 'approve' | 'reject' | 'revise' | 'cancel';

const ACTION_LABELS: Record<Action, string> = {
  submit: 'Submit for approval',
  approve: 'Approve',
  reject: 'Reject',
  revise: 'Revise',
  cancel: 'Cancel document',
};

/** Which actions a status allows (DESIGN §3). */
export function actionsFor(status: DocumentT['status']): Action[] {
  switch (status) {
    case 'draft':
      return ['submit', 'cancel'];
    case 'in_revision':
      return ['submit', 'cancel'];
    case 'pending_approval':
      return ['approve', 'reject', 'cancel'];
    case 'approved':
      return ['revise', 'cancel'];
    default:
      return [];
  }
}

/** How the history says what happened: "Approved by Dana", not "Approve by Dana". */
const PAST: Record<string, string> = {
  create: 'Created',
  submit: 'Submitted',
  approve: 'Approved',
  reject: 'Rejected',
  revise: 'Opened for revision',
  cancel: 'Canceled',
  import: 'Imported',
};

export function pastTense(action: string): string {
  return PAST[action] ?? label(action);
}

const ACCOUNTING_SYSTEMS = new Set(['quickbooks_online', 'quickbooks_desktop', 'xero', 'netsuite']);

export function DocumentView({ id }: { id: string }) {
  const companyId = useApp((s) => s.companyId) ?? '';
  const [doc, setDoc] = useState<DocumentT | null>(null);
  const [missing, setMissing] = useState(false);
  const [connections, setConnections] = useState<ConnectionT[]>([]);
  const [log, setLog] = useState<{ total: number; items: LogEntryT[] } | null>(null);
  const [linkedNumber, setLinkedNumber] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Action | null>(null);
  const [comment, setComment] = useState('');
  const [sendTo, setSendTo] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    request('documents.get', { id }).then(setDoc, () => setMissing(true));
    request('log.list', { documentId: id, limit: 200 }).then(setLog, () => {});
  }, [id]);

  useEffect(() => {
    load();
  }, [load]);

  useEffect(() => {
    request('connections.list', { companyId }).then(setConnections, () => {});
  }, [companyId]);

  const linkedId = doc?.linkedDocumentId ?? null;
  useEffect(() => {
    if (!linkedId) return;
    return whileCurrent(request('documents.get', { id: linkedId }), (d) =>
      setLinkedNumber(`${label(d.type)} ${d.number}`),
    );
  }, [linkedId]);

  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useAppEvents((event) => {
    if (event.type === 'connection') {
      request('connections.list', { companyId }).then(setConnections, () => {});
      return;
    }
    if (!concernsDocument(event, id) || refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      load();
    }, 300);
  });
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  if (missing && !doc) {
    return (
      <div className="page">
        <Empty title="This document could not be opened">
          It may have been deleted. <a href={href('documents')}>Back to documents</a>
        </Empty>
      </div>
    );
  }
  if (!doc) return <div className="page muted">Loading…</div>;

  const targets = connections.filter((c) => ACCOUNTING_SYSTEMS.has(c.system));
  const connectionName = (cid: string | null) => {
    if (!cid) return '';
    const c = connections.find((x) => x.id === cid);
    return c ? c.name || label(c.system) : cid;
  };
  const chosenTarget = sendTo || targets[0]?.id || '';
  // Once it reached the chosen system (or failed there), sending is a repeat: a quieter button that says so.
  const alreadyTried = doc.sync.some(
    (s) => s.connectionId === chosenTarget && (s.status === 'sent' || s.status === 'failed'),
  );
  const editable = doc.status === 'draft' || doc.status === 'in_revision';
  const actions = actionsFor(doc.status);

  async function run(action: Action) {
    if (!doc) return;
    setBusy(action);
    setNotice(null);
    try {
      const method = `documents.${action}` as Extract<MethodName, `documents.${Action}`>;
      const input = comment.trim() ? { id: doc.id, comment: comment.trim() } : { id: doc.id };
      const updated = await request(method, input);
      setDoc(updated);
      setConfirm(null);
      setComment('');
      setNotice(
        `${ACTION_LABELS[action]}: done. The document is now ${label(updated.status).toLowerCase()}.`,
      );
      request('log.list', { documentId: id, limit: 200 }).then(setLog, () => {});
    } catch {
      // the banner shows why
    } finally {
      setBusy(null);
    }
  }

  async function send() {
    if (!doc) return;
    setBusy('send');
    setNotice(null);
    try {
      const updated = await request('documents.send', {
        id: doc.id,
        ...(chosenTarget ? { connectionId: chosenTarget } : {}),
      });
      setDoc(updated);
      setNotice(
        `Queued for ${connectionName(chosenTarget) || 'the accounting system'}. The log below shows how it goes.`,
      );
      request('log.list', { documentId: id, limit: 200 }).then(setLog, () => {});
    } catch {
      // the banner shows why
    } finally {
      setBusy(null);
    }
  }

  const currency = doc.currency;
  return (
    <div className="page" data-testid="document-view" data-document-id={doc.id} data-status={doc.status}>
      <p>
        <a href={href('documents')}>← Documents</a>
      </p>
      <PageHeader
        title={
          <>
            {label(doc.type)} <span data-testid="document-number">{doc.number}</span>
          </>
        }
        actions={
          <div className="actions">
            {editable && (
              <a href={href('documents', doc.id, 'edit')} className="button" data-testid="action-edit">
                Edit
              </a>
            )}
            {actions.map((a) =>
              a === 'reject' || a === 'cancel' ? (
                <button
                  key={a}
                  type="button"
                  className="button button--danger"
                  onClick={() => setConfirm(a)}
                  disabled={busy !== null}
                  data-testid={`action-${a}`}
                >
                  {ACTION_LABELS[a]}
                </button>
              ) : (
                <button
                  key={a}
                  type="button"
                  className={`button${a === 'approve' || a === 'submit' ? ' button--primary' : ''}`}
                  onClick={() => void run(a)}
                  disabled={busy !== null}
                  data-testid={`action-${a}`}
                >
                  {busy === a ? 'Working…' : ACTION_LABELS[a]}
                </button>
              ),
            )}
            {doc.status === 'approved' && (
              <span className="inline">
                {targets.length > 1 && (
                  <>
                    <label htmlFor="send-connection" className="sr-only">
                      Send to
                    </label>
                    <select
                      id="send-connection"
                      value={chosenTarget}
                      onChange={(e) => setSendTo(e.target.value)}
                      data-testid="send-connection"
                    >
                      {targets.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name || label(c.system)}
                        </option>
                      ))}
                    </select>
                  </>
                )}
                <button
                  type="button"
                  className={alreadyTried ? 'button' : 'button button--primary'}
                  onClick={() => void send()}
                  disabled={busy !== null || targets.length === 0}
                  title={
                    targets.length === 0 ? 'Connect an accounting system first (Connections)' : undefined
                  }
                  data-testid="action-send"
                >
                  {busy === 'send'
                    ? 'Sending…'
                    : `${alreadyTried ? 'Send again' : 'Send'}${
                        targets.length === 1 ? ` to ${targets[0]?.name || label(targets[0]?.system)}` : ''
                      }`}
                </button>
              </span>
            )}
          </div>
        }
      >
        <div className="inline">
          <Badge value={doc.status} testId="document-status" />
          {doc.paymentStatus && <Badge value={doc.paymentStatus} testId="document-payment-status" />}
          {doc.revision > 0 && <span className="muted">Revision {doc.revision}</span>}
        </div>
      </PageHeader>

      {notice && (
        <div className="banner banner--success" role="status" data-testid="action-notice">
          <span className="banner__message">{notice}</span>
          <button
            type="button"
            className="banner__close"
            aria-label="Dismiss"
            onClick={() => setNotice(null)}
          >
            ×
          </button>
        </div>
      )}

      {confirm && (
        <div className="dialog" role="group" aria-labelledby="confirm-title" data-testid="confirm-dialog">
          <h3 id="confirm-title">
            {confirm === 'cancel'
              ? 'Cancel this document? It is removed (or voided) in the accounting system too.'
              : 'Reject this document? It goes back to draft.'}
          </h3>
          <Field label="Comment (optional)" htmlFor="action-comment">
            <textarea
              id="action-comment"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="action-comment"
            />
          </Field>
          <div className="form__actions">
            <button
              type="button"
              className="button button--danger"
              onClick={() => void run(confirm)}
              disabled={busy !== null}
              data-testid="confirm-action"
            >
              {busy ? 'Working…' : ACTION_LABELS[confirm]}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => setConfirm(null)}
              data-testid="confirm-dismiss"
            >
              Keep it
            </button>
          </div>
        </div>
      )}

      {doc.type === 'invoice' && doc.linkedDocumentId && (
        <MatchPanel key={doc.updatedAt} documentId={doc.id} />
      )}
      <AttachmentsPanel documentId={doc.id} />

      <section className="card" aria-labelledby="h-details">
        <h2 id="h-details">Details</h2>
        <dl className="meta">
          <div>
            <dt>Supplier</dt>
            <dd data-testid="document-supplier">
              <a href={href('suppliers', doc.supplierId)}>{doc.supplierName}</a>
            </dd>
          </div>
          <div>
            <dt>Date</dt>
            <dd className="num" data-testid="document-date">
              {doc.date}
            </dd>
          </div>
          <div>
            <dt>Due date</dt>
            <dd className="num">{doc.dueDate ?? '—'}</dd>
          </div>
          <div>
            <dt>Currency</dt>
            <dd data-testid="document-currency">{doc.currency}</dd>
          </div>
          {(doc.type === 'invoice' || doc.supplierInvoiceNumber) && (
            <div>
              <dt>Supplier invoice number</dt>
              <dd data-testid="document-supplier-invoice-number">{doc.supplierInvoiceNumber ?? '—'}</dd>
            </div>
          )}
          {doc.linkedDocumentId && (
            <div>
              <dt>Linked document</dt>
              <dd>
                <a href={href('documents', doc.linkedDocumentId)} data-testid="document-linked">
                  {linkedNumber ?? 'Open'}
                </a>
              </dd>
            </div>
          )}
          {doc.discount && (
            <div>
              <dt>Document discount</dt>
              <dd className="num">
                {'percent' in doc.discount ? `${doc.discount.percent} %` : formatAmount(doc.discount.amount)}
              </dd>
            </div>
          )}
          {doc.memo && (
            <div className="field--wide">
              <dt>Memo</dt>
              <dd data-testid="document-memo">{doc.memo}</dd>
            </div>
          )}
        </dl>
      </section>

      <section className="card" aria-labelledby="h-lines">
        <h2 id="h-lines">Lines</h2>
        <div className="table-wrap">
          <table className="grid" data-testid="document-lines">
            <thead>
              <tr>
                <th>#</th>
                <th>Description</th>
                <th className="right">Quantity</th>
                <th className="right">Unit price</th>
                <th className="right">Discount</th>
                <th className="right">Amount</th>
                <th className="right">Net amount</th>
                <th className="right">Tax</th>
              </tr>
            </thead>
            <tbody>
              {doc.lines.map((line, i) => (
                <tr key={line.id} data-testid="line-row">
                  <td className="num muted">{i + 1}</td>
                  <td data-testid="line-description">{line.description}</td>
                  <td className="right num" data-testid="line-quantity">
                    {line.quantity}
                  </td>
                  <td className="right num" data-testid="line-unit-price">
                    {line.unitPrice}
                  </td>
                  <td className="right num">
                    {line.discount
                      ? 'percent' in line.discount
                        ? `${line.discount.percent} %`
                        : formatAmount(line.discount.amount)
                      : '—'}
                  </td>
                  <td className="right">
                    <Money amount={line.amount} currency={currency} testId="line-amount" />
                  </td>
                  <td className="right">
                    <Money amount={line.netAmount} currency={currency} testId="line-net-amount" />
                  </td>
                  <td className="right">
                    <Money amount={line.tax} currency={currency} testId="line-tax" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <TotalsList totals={doc.totals} currency={currency} />
      </section>

      <div className="two-col">
        <div>
          <section className="card" aria-labelledby="h-log">
            <h2 id="h-log">Integration log</h2>
            {log && log.items.length > 0 ? (
              <LogTimeline entries={log.items} connectionName={connectionName} />
            ) : (
              <p className="muted" data-testid="log-empty">
                Nothing has been sent for this document yet.
              </p>
            )}
          </section>
        </div>
        <div>
          <section className="card" aria-labelledby="h-sync">
            <h2 id="h-sync">Accounting systems</h2>
            {doc.sync.length === 0 ? (
              <p className="muted">
                {targets.length === 0
                  ? 'No accounting system is connected.'
                  : 'Not sent yet. Approved documents are sent automatically when the connection sends this type.'}
              </p>
            ) : (
              <ul className="records">
                {doc.sync.map((s) => (
                  <li key={s.connectionId} data-testid="sync-status" data-connection-id={s.connectionId}>
                    <div className="record__head">
                      <strong>{connectionName(s.connectionId)}</strong>
                      <Badge value={s.status} testId="sync-status-badge" />
                    </div>
                    {s.externalId && <div className="muted">Their id: {s.externalId}</div>}
                    {s.lastMessage && <div data-testid="sync-message">{s.lastMessage}</div>}
                    <div className="muted">{formatDateTime(s.updatedAt)}</div>
                  </li>
                ))}
              </ul>
            )}
          </section>

          {doc.payments.length > 0 && (
            <section className="card" aria-labelledby="h-payments">
              <h2 id="h-payments">Payments</h2>
              <table className="grid" data-testid="payments">
                <thead>
                  <tr>
                    <th>Date</th>
                    <th>Kind</th>
                    <th className="right">Amount</th>
                  </tr>
                </thead>
                <tbody>
                  {doc.payments.map((p) => (
                    <tr key={p.id} data-testid="payment-row">
                      <td className="num">{p.date}</td>
                      <td>
                        {label(p.kind)} {p.status === 'canceled' && <Badge value="canceled" />}
                      </td>
                      <td className="right">
                        <Money amount={p.amount} currency={currency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}

          <section className="card" aria-labelledby="h-history">
            <h2 id="h-history">History</h2>
            <ol className="timeline" data-testid="document-history">
              {[...doc.history].reverse().map((t, i) => (
                <li key={`${t.at}-${i}`} data-result="info" data-testid="history-entry">
                  <div className="timeline__head">
                    <strong>{label(t.to)}</strong>
                  </div>
                  <div className="muted">
                    {pastTense(t.action)} by {t.actor}
                  </div>
                  <div className="timeline__time num">{formatDateTime(t.at)}</div>
                  {t.comment && <div>“{t.comment}”</div>}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </div>
  );
}

export function LogTimeline({
  entries,
  connectionName,
  showDocument,
}: {
  entries: LogEntryT[];
  connectionName: (id: string | null) => string;
  showDocument?: boolean;
}) {
  return (
    <ol className="timeline" data-testid="log-timeline">
      {entries.map((e) => (
        <li key={e.id} data-result={e.result} data-testid="log-entry">
          <div className="timeline__head">
            <span className="timeline__time num">{formatDateTime(e.at)}</span>
            <Badge value={e.result} testId="log-result" />
            <strong>{label(e.action)}</strong>
            {e.connectionId && <span className="muted">{connectionName(e.connectionId)}</span>}
            {showDocument && e.documentId && (
              <a href={href('documents', e.documentId)}>{e.documentNumber ?? 'Document'}</a>
            )}
          </div>
          <div data-testid="log-message">{e.message}</div>
          {e.detail && (
            <details>
              <summary>Technical detail</summary>
              <pre className="detail" data-testid="log-detail">
                {e.detail}
              </pre>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
