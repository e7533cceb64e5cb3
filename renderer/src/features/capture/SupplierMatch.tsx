// The supplier as read and as matched: the company's supplier the invoice was matched to (and by what: tax id,
// e-mail, bank account, name, a short name, or the way the bookkeeper taught), or the name as printed with a picker
// to choose the right one. A weak match (an acronym of the printed name, a short name two suppliers fit) is not
// filled in but offered with a button. Choosing another supplier than the one matched teaches how this one prints
// its name.
import { SupplierPicker } from '../../components/SupplierPicker';
import { Field } from '../../components/ui';
import { fieldLabel, type FormPartProps } from './FieldForm';
import { reviewState, supplierHint } from './model';

export function SupplierMatch({ proposal, form, set, errorsFor, onFocus }: FormPartProps) {
  const { low, learned } = reviewState(proposal, form, 'supplier');
  const suggestion = !form.supplierId ? proposal.supplierSuggestion : null;
  return (
    <Field
      label={fieldLabel('supplier', learned)}
      htmlFor="cap-supplier"
      errors={errorsFor('supplierId')}
      hint={supplierHint(proposal, form)}
    >
      <div onFocus={() => onFocus('supplier')} data-low={low ? 'true' : undefined}>
        <SupplierPicker
          id="cap-supplier"
          value={form.supplierId}
          onChange={(id) => set({ supplierId: id, linkedDocumentId: '' })}
          testId="cap-supplier"
        />
        {suggestion ? (
          <button
            type="button"
            className="button"
            data-testid="cap-supplier-suggestion"
            onClick={() => set({ supplierId: suggestion.supplierId, linkedDocumentId: '' })}
          >
            Use {suggestion.name}
          </button>
        ) : null}
      </div>
    </Field>
  );
}
