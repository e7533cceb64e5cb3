// A document's actions: the status buttons its status allows, Send (to the one accounting connection, or the
// one chosen), the confirmation that Reject and Cancel ask for, and the notice of what was done.
import { useState } from 'react';
import type { ConnectionT, DocumentT, MethodName } from '../../../../../preload/contract';
import { SuccessBanner } from '../../../components/Notice';
import { Field } from '../../../components/ui';
import { connectionLabel } from '../../../lib/connections';
import { label } from '../../../lib/labels';
import { href } from '../../../lib/route';
import { useAction, type Actions } from '../../../lib/useAction';
import { request } from '../../../state/app';
import { ACTION_LABELS, actionsFor, sendNotice, sendState, type Action, type SendAsked } from './model';

export interface DocumentActions extends Actions {
  confirm: Action | null;
  setConfirm(action: Action | null): void;
  comment: string;
  setComment(comment: string): void;
  act(action: Action): void;
  send(connectionId: string, connectionName: string): void;
}

/** The state of a document's actions; `onChanged` gets the document each action returns. */
export function useDocumentActions(doc: DocumentT, onChanged: (doc: DocumentT) => void): DocumentActions {
  const actions = useAction();
  const [confirm, setConfirm] = useState<Action | null>(null);
  const [comment, setComment] = useState('');
  // A send's notice lasts only while the send is on its way (sendNotice): it is kept apart from the other notices.
  const [sendAsked, setSendAsked] = useState<SendAsked | null>(null);

  const act = (action: Action) => {
    const method = `documents.${action}` as Extract<MethodName, `documents.${Action}`>;
    const input = comment.trim() ? { id: doc.id, comment: comment.trim() } : { id: doc.id };
    setSendAsked(null);
    void actions.run(action, () => request(method, input), {
      notice: (updated) => {
        onChanged(updated);
        setConfirm(null);
        setComment('');
        return `${ACTION_LABELS[action]}: done. The document is now ${label(updated.status).toLowerCase()}.`;
      },
    });
  };

  const send = (connectionId: string, connectionName: string) => {
    setSendAsked(null);
    void actions.run(
      'send',
      () => request('documents.send', { id: doc.id, ...(connectionId ? { connectionId } : {}) }),
      {
        notice: ({ sendResult, ...updated }) => {
          onChanged(updated);
          // Its automatic send (or an earlier click) is on its way: nothing more was queued, and the notice says so.
          setSendAsked({
            connectionId,
            text:
              sendResult.outcome === 'already_sending'
                ? sendResult.message
                : `Queued for ${connectionName || 'the accounting system'}. The log below shows how it goes.`,
          });
          return null;
        },
      },
    );
  };

  return {
    ...actions,
    notice: actions.notice ?? sendNotice(doc, sendAsked),
    setNotice: (notice: string | null) => {
      setSendAsked(null);
      actions.setNotice(notice);
    },
    confirm,
    setConfirm,
    comment,
    setComment,
    act,
    send,
  };
}

/** The buttons of the page header. */
export function DocumentActionBar({
  doc,
  targets,
  notTakenBy = [],
  actions,
  connectionName,
}: {
  doc: DocumentT;
  /** The accounting connections it can be sent to. */
  targets: ConnectionT[];
  /** The accounting connections whose system has no record for this type (their names). */
  notTakenBy?: string[];
  actions: DocumentActions;
  connectionName: (id: string | null) => string;
}) {
  const [sendTo, setSendTo] = useState('');
  const { busy } = actions;
  const editable = doc.status === 'draft' || doc.status === 'in_revision';
  const chosenTarget = sendTo || targets[0]?.id || '';
  // Once it reached the chosen system (or failed or waits there), sending is a repeat: a quieter button says so.
  // While a send is on its way there, the button shows that instead and cannot be clicked.
  const state = sendState(doc, chosenTarget);
  const only = targets.length === 1 ? targets[0] : undefined;
  const to = only ? ` to ${connectionLabel(only)}` : '';
  return (
    <div className="actions">
      {editable && (
        <a href={href('documents', doc.id, 'edit')} className="button" data-testid="action-edit">
          Edit
        </a>
      )}
      {actionsFor(doc.status).map((a) =>
        a === 'reject' || a === 'cancel' ? (
          <button
            key={a}
            type="button"
            className="button button--danger"
            onClick={() => actions.setConfirm(a)}
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
            onClick={() => actions.act(a)}
            disabled={busy !== null}
            data-testid={`action-${a}`}
          >
            {busy === a ? 'Working…' : ACTION_LABELS[a]}
          </button>
        ),
      )}
      {doc.status === 'approved' && (targets.length > 0 || notTakenBy.length === 0) && (
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
                    {connectionLabel(c)}
                  </option>
                ))}
              </select>
            </>
          )}
          <button
            type="button"
            className={state === 'send' ? 'button button--primary' : 'button'}
            onClick={() => actions.send(chosenTarget, connectionName(chosenTarget))}
            disabled={busy !== null || targets.length === 0 || state === 'sending'}
            title={
              targets.length === 0
                ? 'Connect an accounting system first (Connections)'
                : state === 'sending'
                  ? 'Already sending: this version is on its way now. The log below shows how it goes.'
                  : undefined
            }
            data-testid="action-send"
            data-state={state}
          >
            {busy === 'send'
              ? 'Sending…'
              : state === 'sending'
                ? `Sending${to}…`
                : `${state === 'again' ? 'Send again' : 'Send'}${to}`}
          </button>
        </span>
      )}
    </div>
  );
}

/**
 * Why a document has no Send button although the company has an accounting connection: its system has no record
 * for this type (QuickBooks Online and Xero have no receipts). Null when there is nothing to say.
 */
export function notTakenSentence(
  doc: DocumentT,
  notTakenBy: readonly string[],
  targets: number,
): string | null {
  if (targets > 0 || notTakenBy.length === 0) return null;
  const noun = label(doc.type).toLowerCase();
  return `${notTakenBy.join(' and ')} ${notTakenBy.length === 1 ? 'has' : 'have'} no ${noun}s, so this ${noun} is not sent there.${
    doc.type === 'receipt'
      ? ' When the supplier’s invoice comes, link it to the purchase order and send the invoice.'
      : ''
  }`;
}

/** The notice of the last action, and the confirmation Reject and Cancel ask for. */
export function DocumentActionPrompts({ actions }: { actions: DocumentActions }) {
  const { notice, setNotice, confirm, busy } = actions;
  return (
    <>
      {notice && (
        <SuccessBanner onDismiss={() => setNotice(null)} testId="action-notice">
          {notice}
        </SuccessBanner>
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
              value={actions.comment}
              onChange={(e) => actions.setComment(e.target.value)}
              data-testid="action-comment"
            />
          </Field>
          <div className="form__actions">
            <button
              type="button"
              className="button button--danger"
              onClick={() => actions.act(confirm)}
              disabled={busy !== null}
              data-testid="confirm-action"
            >
              {busy ? 'Working…' : ACTION_LABELS[confirm]}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => actions.setConfirm(null)}
              data-testid="confirm-dismiss"
            >
              Keep it
            </button>
          </div>
        </div>
      )}
    </>
  );
}
