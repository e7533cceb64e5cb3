// The totals as printed on the invoice, correctable: a total the reader was unsure of (or that does not add up)
// is marked; one the bookkeeper corrects teaches where this supplier prints it. The draft's own totals are
// computed from its lines and their tax rate (LinesTax), said beside them.
import { Field } from '../../components/ui';
import { fieldLabel, lowStyle, type FormPartProps } from './FieldForm';
import { LinesTax } from './LinesTax';
import { reviewState, TOTAL_FIELDS } from './model';

export function TotalsForm({ proposal, form, set, errorsFor, onFocus }: FormPartProps) {
  return (
    <>
      <h3>Totals as printed</h3>
      <div
        data-testid="cap-totals"
        style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: '0 0.75rem' }}
      >
        {TOTAL_FIELDS.map((t) => {
          const { low, learned, corrected } = reviewState(proposal, form, t);
          const id = `cap-${t}`;
          return (
            <div key={t} data-low={low ? 'true' : undefined}>
              <Field
                label={fieldLabel(t, learned)}
                htmlFor={id}
                errors={errorsFor(t)}
                hint={
                  corrected
                    ? 'Corrected: learned when you save'
                    : low
                      ? 'Check this against the page'
                      : undefined
                }
                className={low ? 'field--low' : undefined}
              >
                <input
                  id={id}
                  className="num"
                  inputMode="decimal"
                  value={form[t]}
                  onChange={(e) => set({ [t]: e.target.value })}
                  onFocus={() => onFocus(t)}
                  onBlur={() => onFocus(null)}
                  data-testid={id}
                  data-low={low ? 'true' : undefined}
                  data-learned={learned ? 'true' : undefined}
                  style={{ width: '100%', boxSizing: 'border-box', ...lowStyle(low) }}
                />
              </Field>
            </div>
          );
        })}
      </div>
      <LinesTax form={form} set={set} />
    </>
  );
}
