import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentStatus as ContractStatus, DocumentType as ContractType } from '../../../preload/contract';
import {
  applyAction,
  assertEditable,
  availableActions,
  canApply,
  DOCUMENT_ACTIONS,
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  type DocumentAction,
  type DocumentStatus,
  documentTypeLabel,
  isEditable,
} from '../../../main/domain/lifecycle';
import { thrown } from '../../fixtures/thrown';

/** The table of DESIGN §3, written out independently of the implementation. */
function expected(status: DocumentStatus, action: DocumentAction, revision: number) {
  const key = `${status}:${action}`;
  switch (key) {
    case 'draft:submit':
    case 'in_revision:submit':
      return { status: 'pending_approval', revision };
    case 'pending_approval:approve':
      return { status: 'approved', revision };
    case 'pending_approval:reject':
      return { status: revision === 0 ? 'draft' : 'in_revision', revision };
    case 'approved:revise':
      return { status: 'in_revision', revision: revision + 1 };
    case 'draft:cancel':
    case 'pending_approval:cancel':
    case 'approved:cancel':
    case 'in_revision:cancel':
      return { status: 'canceled', revision };
    default:
      return null;
  }
}

describe('lifecycle', () => {
  it('matches the contract enums', () => {
    expect([...DOCUMENT_TYPES]).toEqual(ContractType.options);
    expect([...DOCUMENT_STATUSES]).toEqual(ContractStatus.options);
  });

  it('walks the happy path with a revision', () => {
    let state = { status: 'draft' as DocumentStatus, revision: 0 };
    const steps: [DocumentAction, DocumentStatus, number][] = [
      ['submit', 'pending_approval', 0],
      ['reject', 'draft', 0],
      ['submit', 'pending_approval', 0],
      ['approve', 'approved', 0],
      ['revise', 'in_revision', 1],
      ['submit', 'pending_approval', 1],
      ['reject', 'in_revision', 1],
      ['submit', 'pending_approval', 1],
      ['approve', 'approved', 1],
      ['revise', 'in_revision', 2],
      ['cancel', 'canceled', 2],
    ];
    for (const [action, status, revision] of steps) {
      state = applyAction(state.status, action, state.revision);
      expect(state).toEqual({ status, revision });
    }
  });

  it('lists the available actions per status', () => {
    expect(availableActions('draft')).toEqual(['submit', 'cancel']);
    expect(availableActions('pending_approval')).toEqual(['approve', 'reject', 'cancel']);
    expect(availableActions('approved')).toEqual(['revise', 'cancel']);
    expect(availableActions('in_revision')).toEqual(['submit', 'cancel']);
    expect(availableActions('canceled')).toEqual([]);
    expect(canApply('approved', 'revise')).toBe(true);
    expect(canApply('draft', 'approve')).toBe(false);
  });

  it('refuses with a message that says what is possible', () => {
    const error = thrown(() => applyAction('approved', 'submit', 0, 'purchase_order'));
    expect(error.code).toBe('invalid_transition');
    expect(error.userMessage).toBe(
      'This purchase order is approved; it can be revised or canceled, not submitted.',
    );
    expect(thrown(() => applyAction('draft', 'approve', 0, 'invoice')).userMessage).toBe(
      'This invoice is a draft; it can be submitted or canceled, not approved.',
    );
    expect(thrown(() => applyAction('pending_approval', 'revise', 0, 'service_order')).userMessage).toBe(
      'This service order is waiting for approval; it can be approved, rejected or canceled, not revised.',
    );
    expect(thrown(() => applyAction('approved', 'approve', 0, 'receipt')).userMessage).toBe(
      'This receipt is already approved; it can be revised or canceled.',
    );
    expect(thrown(() => applyAction('canceled', 'submit', 3, 'invoice')).userMessage).toBe(
      'This invoice is canceled; nothing more can be done with it, so it cannot be submitted.',
    );
    expect(thrown(() => applyAction('canceled', 'cancel', 0)).userMessage).toBe(
      'This document is already canceled; nothing more can be done with it.',
    );
  });

  it('refuses unknown actions and bad revisions', () => {
    expect(thrown(() => applyAction('draft', 'delete' as DocumentAction, 0)).code).toBe('invalid_input');
    expect(thrown(() => applyAction('draft', 'submit', -1)).code).toBe('internal');
    expect(thrown(() => applyAction('draft', 'submit', 0.5)).code).toBe('internal');
  });

  it('every sequence of actions follows the table or throws invalid_transition', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DOCUMENT_ACTIONS), { maxLength: 40 }), (actions) => {
        let state: { status: DocumentStatus; revision: number } = { status: 'draft', revision: 0 };
        for (const action of actions) {
          const next = expected(state.status, action, state.revision);
          if (next === null) {
            const error = thrown(() => applyAction(state.status, action, state.revision));
            expect(error.code).toBe('invalid_transition');
            expect(availableActions(state.status)).not.toContain(action);
          } else {
            state = applyAction(state.status, action, state.revision);
            expect(state).toEqual(next);
          }
        }
      }),
    );
  });

  it('only drafts and revisions are editable', () => {
    expect(DOCUMENT_STATUSES.filter(isEditable)).toEqual(['draft', 'in_revision']);
    expect(() => assertEditable('draft', 'purchase order')).not.toThrow();
    expect(() => assertEditable('in_revision', 'purchase order')).not.toThrow();
    const approved = thrown(() => assertEditable('approved', 'purchase order'));
    expect(approved.code).toBe('document_locked');
    expect(approved.userMessage).toBe(
      'This purchase order is approved, and approved documents are locked; choose Revise to change it.',
    );
    expect(thrown(() => assertEditable('canceled', 'invoice')).userMessage).toBe(
      'This invoice is canceled and cannot be changed.',
    );
    expect(thrown(() => assertEditable('pending_approval', 'service_order')).userMessage).toBe(
      'This service order is waiting for approval and cannot be changed; reject it to send it back for editing.',
    );
  });

  it('labels the document types', () => {
    expect(DOCUMENT_TYPES.map(documentTypeLabel)).toEqual([
      'purchase order',
      'service order',
      'invoice',
      'receipt',
    ]);
  });
});
