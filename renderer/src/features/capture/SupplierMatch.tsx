// The supplier as read and as matched: the company's supplier the invoice was matched to (and by what: tax id,
// e-mail, bank account, name, or the way the bookkeeper taught), or the name as printed with a picker to choose
// the right one. Choosing another supplier than the one matched teaches how this one prints its name.
import { SupplierPicker } from '../../components/SupplierPicker';
import { Field } from '../../components/ui';
import { label } from '../../lib/labels';
import { fieldLabel, type FormPartProps } from './FieldForm';
import { reviewState } from './model';

export function SupplierMatch({ proposal, form, set, errorsFor, onFocus }: FormPartProps) {
  const { low, hint, learned, corrected } = reviewState(proposal, form, 'supplier');
  return (
    <Field
      label={fieldLabel('supplier', learned)}
      htmlFor="cap-supplier"
      errors={errorsFor('supplierId')}
      hint={
        corrected
          ? 'Chosen by you: saving teaches how this supplier prints its name, for its next invoice'
          : proposal.supplierId
            ? `Matched by ${label(proposal.supplierMatchedBy)}${hint ? ` — ${hint}` : ''}`
            : `Read as “${proposal.supplierName ?? '?'}”: choose the supplier`
      }
    >
      <div onFocus={() => onFocus('supplier')} data-low={low ? 'true' : undefined}>
        <SupplierPicker
          id="cap-supplier"
          value={form.supplierId}
          onChange={(id) => set({ supplierId: id, linkedDocumentId: '' })}
          testId="cap-supplier"
        />
      </div>
    </Field>
  );
}
