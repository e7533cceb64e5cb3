// What a document's status allows, and how its history says what happened.
import type { DocumentT } from '../../../../../preload/contract';
import { label } from '../../../lib/labels';

export type Action = 'submit' | 'approve' | 'reject' | 'revise' | 'cancel';

export const ACTION_LABELS: Record<Action, string> = {
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

/** A send the bookkeeper asked for on the page: to which connection (or '' for the only one), and what to say. */
export interface SendAsked {
  connectionId: string;
  text: string;
}

/**
 * The notice of a send asked for on the page ("Queued for …", "Already sending …"), while that send is on its way
 * (queued or sending there). Once it finished (sent, failed, waiting for a pairing) the notice goes: the document's
 * state and its log say how it went, and a notice still saying "Queued" would contradict them.
 */
export function sendNotice(doc: Pick<DocumentT, 'sync'>, asked: SendAsked | null): string | null {
  if (!asked) return null;
  const onItsWay = doc.sync.some(
    (s) =>
      (asked.connectionId === '' || s.connectionId === asked.connectionId) &&
      (s.status === 'queued' || s.status === 'sending'),
  );
  return onItsWay ? asked.text : null;
}

/**
 * What the Send button offers for the connection chosen: 'send' the first time; 'again' once the document reached
 * it, failed or waits there (a repeat, so a quieter button); 'sending' while a send is on its way there, when a
 * click would only be answered "Already sending" (the button shows the sending state instead, disabled).
 */
export function sendState(doc: Pick<DocumentT, 'sync'>, connectionId: string): 'send' | 'again' | 'sending' {
  const status = doc.sync.find((s) => s.connectionId === connectionId)?.status;
  if (status === 'sending') return 'sending';
  if (status === 'sent' || status === 'failed' || status === 'waiting') return 'again';
  return 'send';
}
