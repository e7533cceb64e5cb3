// The proposed invoice's header fields: invoice number, dates, currency and the order it is for. A field the
// reader was unsure of is marked orange with its confidence; one read the way the bookkeeper taught is marked
// learned.
import type { ReactNode } from 'react';
import { Field } from '../../components/ui';
import { label } from '../../lib/labels';
import { LearnedBadge } from './LearnedBadge';
import { FIELD_LABELS, fieldState, reviewState, type Form, type HeaderField } from './model';
import type { Proposal } from './store';

/** What each part of the review form gets from the page. */
export interface FormPartProps {
  proposal: Proposal;
  form: Form;
  set(change: Partial<Form>): void;
  /** The save's problems for one field. */
  errorsFor(field: string): string[];
  /** The field being edited, for the page preview to fill its box; null when none is. */
  onFocus(field: string | null): void;
}

/** A field's label, with the learned badge after it when the field was read as taught. */
export function fieldLabel(field: string, learned: boolean): ReactNode {
  const text = FIELD_LABELS[field] ?? field;
  if (!learned) return text;
  return (
    <>
      {text} <LearnedBadge field={field} />
    </>
  );
}

/** An input the reader was unsure of is orange. */
export function lowStyle(low: boolean) {
  return low ? { borderColor: '#d97706', background: '#fff7ed' } : undefined;
}

const HEADER_FIELDS: readonly [HeaderField, string, 'text' | 'date'][] = [
  ['supplierInvoiceNumber', 'cap-invoice-number', 'text'],
  ['date', 'cap-date', 'date'],
  ['dueDate', 'cap-due-date', 'date'],
  ['currency', 'cap-currency', 'text'],
];

export function FieldForm({ proposal, form, set, errorsFor, onFocus }: FormPartProps) {
  const focusProps = (field: string) => ({ onFocus: () => onFocus(field), onBlur: () => onFocus(null) });
  return (
    <>
      {HEADER_FIELDS.map(([field, id, type]) => {
        const { low, hint, learned } = reviewState(proposal, form, field);
        return (
          <Field
            key={field}
            label={fieldLabel(field, learned)}
            htmlFor={id}
            errors={errorsFor(field)}
            hint={hint}
            className={low ? 'field--low' : undefined}
          >
            <input
              id={id}
              type={type}
              value={form[field]}
              onChange={(e) =>
                set({ [field]: field === 'currency' ? e.target.value.toUpperCase() : e.target.value })
              }
              style={lowStyle(low)}
              data-testid={id}
              data-low={low ? 'true' : undefined}
              data-learned={learned ? 'true' : undefined}
              {...focusProps(field)}
            />
          </Field>
        );
      })}
      <Field
        label="Order"
        htmlFor="cap-order"
        errors={errorsFor('linkedDocumentId')}
        hint={
          proposal.printedOrderNumber
            ? `The invoice quotes order ${proposal.printedOrderNumber}${
                fieldState(proposal, 'printedOrderNumber').learned
                  ? ' (read where you showed it on an earlier invoice from this supplier)'
                  : ''
              }`
            : 'No order number printed: proposed from the supplier, amounts and lines'
        }
      >
        <select
          id="cap-order"
          value={form.linkedDocumentId}
          onChange={(e) => set({ linkedDocumentId: e.target.value })}
          data-testid="cap-order"
          {...focusProps('linkedDocumentId')}
        >
          <option value="">None</option>
          {proposal.orderCandidates.map((o) => (
            <option key={o.id} value={o.id}>
              {label(o.type)} {o.number} · {o.gross}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
