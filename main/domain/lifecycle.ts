// The approval lifecycle of a document: which action leads from which status to which, what may be edited, and
// what to tell the bookkeeper when an action is not possible. The UI shows its buttons from availableActions.
import { AppError } from './errors';

export const DOCUMENT_TYPES = ['purchase_order', 'service_order', 'invoice', 'receipt'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'in_revision',
  'canceled',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const DOCUMENT_ACTIONS = ['submit', 'approve', 'reject', 'revise', 'cancel'] as const;
export type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];

/**
 * Where each action leads from each status. `reject` is resolved by revision: a document that was never
 * approved goes back to draft, one under revision goes back to in_revision.
 */
const TRANSITIONS: Record<
  DocumentStatus,
  Partial<Record<DocumentAction, DocumentStatus | 'draft_or_in_revision'>>
> = {
  draft: { submit: 'pending_approval', cancel: 'canceled' },
  pending_approval: { approve: 'approved', reject: 'draft_or_in_revision', cancel: 'canceled' },
  approved: { revise: 'in_revision', cancel: 'canceled' },
  in_revision: { submit: 'pending_approval', cancel: 'canceled' },
  canceled: {},
};

const TYPE_LABELS: Record<DocumentType, string> = {
  purchase_order: 'purchase order',
  service_order: 'service order',
  invoice: 'invoice',
  receipt: 'receipt',
};

/** "purchase order", "service order", "invoice", "receipt": for sentences shown to the bookkeeper. */
export function documentTypeLabel(type: DocumentType): string {
  return TYPE_LABELS[type] ?? 'document';
}

/** How a status reads after "This purchase order is …". */
const STATUS_PHRASES: Record<DocumentStatus, string> = {
  draft: 'a draft',
  pending_approval: 'waiting for approval',
  approved: 'approved',
  in_revision: 'being revised',
  canceled: 'canceled',
};

const ACTION_SHORT: Record<DocumentAction, string> = {
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  revise: 'revised',
  cancel: 'canceled',
};

export function isDocumentStatus(value: unknown): value is DocumentStatus {
  return typeof value === 'string' && (DOCUMENT_STATUSES as readonly string[]).includes(value);
}

export function isDocumentAction(value: unknown): value is DocumentAction {
  return typeof value === 'string' && (DOCUMENT_ACTIONS as readonly string[]).includes(value);
}

/** The actions possible from a status, in the table's order (submit, approve, reject, revise, cancel). */
export function availableActions(status: DocumentStatus): DocumentAction[] {
  const row = TRANSITIONS[status] ?? {};
  return DOCUMENT_ACTIONS.filter((action) => row[action] !== undefined);
}

export function canApply(status: DocumentStatus, action: DocumentAction): boolean {
  return TRANSITIONS[status]?.[action] !== undefined;
}

function joinWithOr(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function subjectFor(type: DocumentType | string | undefined): string {
  if (type === undefined) return 'document';
  return (TYPE_LABELS as Record<string, string>)[type] ?? type;
}

/** The plain-language refusal for an action that the status does not allow. */
export function transitionRefusal(
  status: DocumentStatus,
  action: DocumentAction,
  type?: DocumentType | string,
): string {
  const already =
    (action === 'approve' && status === 'approved') ||
    (action === 'submit' && status === 'pending_approval') ||
    (action === 'cancel' && status === 'canceled');
  const subject = `This ${subjectFor(type)} is ${already ? 'already ' : ''}${STATUS_PHRASES[status]}`;
  const possible = availableActions(status);
  if (possible.length === 0) {
    return already
      ? `${subject}; nothing more can be done with it.`
      : `${subject}; nothing more can be done with it, so it cannot be ${ACTION_SHORT[action]}.`;
  }
  const options = `it can be ${joinWithOr(possible.map((a) => ACTION_SHORT[a]))}`;
  return already ? `${subject}; ${options}.` : `${subject}; ${options}, not ${ACTION_SHORT[action]}.`;
}

export interface TransitionResult {
  status: DocumentStatus;
  revision: number;
}

/**
 * The status and revision after `action`, or AppError('invalid_transition') saying what is possible instead.
 * `revise` increments the revision (an approved document's first revision is 1); `reject` returns a
 * never-approved document (revision 0) to draft and a revision to in_revision. `type` only words the message.
 */
export function applyAction(
  status: DocumentStatus,
  action: DocumentAction,
  revision: number,
  type?: DocumentType | string,
): TransitionResult {
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new AppError(
      'internal',
      `A document's revision must be a whole number ≥ 0, not ${String(revision)}.`,
    );
  }
  if (!isDocumentStatus(status)) {
    throw new AppError('internal', `Unknown document status ${String(status)}.`);
  }
  if (!isDocumentAction(action)) {
    throw new AppError(
      'invalid_input',
      `"${String(action)}" is not an action on documents; use one of ${DOCUMENT_ACTIONS.join(', ')}.`,
    );
  }
  const target = TRANSITIONS[status][action];
  if (target === undefined) {
    throw new AppError('invalid_transition', transitionRefusal(status, action, type), {
      detail: `${status} --${action}--> (none)`,
    });
  }
  if (target === 'draft_or_in_revision') {
    return { status: revision === 0 ? 'draft' : 'in_revision', revision };
  }
  return { status: target, revision: action === 'revise' ? revision + 1 : revision };
}

/** Whether the document's fields and lines may be changed: only a draft or a revision in progress. */
export function isEditable(status: DocumentStatus): boolean {
  return status === 'draft' || status === 'in_revision';
}

/**
 * Throws AppError('document_locked') with what to do when the document cannot be edited in this status.
 * `typeLabel` is a document type ("purchase_order") or its label ("purchase order").
 */
export function assertEditable(status: DocumentStatus, typeLabel: DocumentType | string = 'document'): void {
  if (isEditable(status)) return;
  const subject = `This ${subjectFor(typeLabel)}`;
  switch (status) {
    case 'approved':
      throw new AppError(
        'document_locked',
        `${subject} is approved, and approved documents are locked; choose Revise to change it.`,
      );
    case 'pending_approval':
      throw new AppError(
        'document_locked',
        `${subject} is waiting for approval and cannot be changed; reject it to send it back for editing.`,
      );
    case 'canceled':
      throw new AppError('document_locked', `${subject} is canceled and cannot be changed.`);
    default:
      throw new AppError('document_locked', `${subject} cannot be changed in its current status.`);
  }
}
