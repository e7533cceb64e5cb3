// Under each line, what it is coded to in the accounting system: an item or an account (one or the other), a
// class, a customer or job, a location and a department (NetSuite), Xero's tracking categories. Only the pickers the
// connection uses are shown.
import { Combobox } from '../../../components/Combobox/Combobox';
import type { PickerOption } from '../../../components/Combobox/match';
import { chooseAccount, chooseItem, type LineForm } from '../../../lib/editorModel';
import { trackingValue, withTracking, type CodingLayout, type ListEntryT } from './coding';
import type { FieldErrors } from './fieldErrors';

function Picker({
  id,
  title,
  line,
  options,
  value,
  onChange,
  placeholder,
  errors,
}: {
  id: string;
  /** "Account": shown above the input; the accessible name adds "for line n". */
  title: string;
  line: number;
  options: PickerOption[];
  value: string | null;
  onChange(id: string | null, option: PickerOption | null): void;
  placeholder?: string;
  errors: FieldErrors;
}) {
  const messages = errors.err(id);
  return (
    <div className="coding__field">
      <label htmlFor={id} className="coding__label">
        {title}
      </label>
      <Combobox
        id={id}
        label={`${title} for line ${line}`}
        options={options}
        value={value}
        onChange={onChange}
        placeholder={placeholder ?? 'Type to search'}
        invalid={Boolean(messages)}
        describedBy={messages ? `${id}-error` : undefined}
        testId={`picker-${id}`}
      />
      {messages && (
        <div className="cell-error" id={`${id}-error`} data-testid={`error-${id}`}>
          {messages.join('; ')}
        </div>
      )}
    </div>
  );
}

export function LineCoding({
  index,
  line,
  layout,
  entriesById,
  onLine,
  errors,
}: {
  index: number;
  line: LineForm;
  layout: CodingLayout;
  entriesById: ReadonlyMap<string, ListEntryT>;
  onLine(next: LineForm): void;
  errors: FieldErrors;
}) {
  const n = index + 1;
  const cell = (what: string) => `line-${index}-${what}`;
  const { coding } = line;
  const set = (patch: Partial<LineForm['coding']>) => onLine({ ...line, coding: { ...coding, ...patch } });
  const codedTo = coding.itemId ? 'item' : coding.accountId ? 'account' : null;
  return (
    <div className="coding" data-testid="line-coding" data-coded-to={codedTo ?? ''}>
      {layout.item && (
        <Picker
          id={cell('item')}
          title="Item"
          line={n}
          options={layout.item}
          value={coding.itemId}
          placeholder={coding.accountId ? 'or an item' : 'Type to search'}
          onChange={(id, option) => {
            const entry = id ? entriesById.get(id) : undefined;
            onLine(
              chooseItem(
                line,
                id && option
                  ? {
                      id,
                      name: entry?.name.split(':').at(-1) ?? option.fullName,
                      purchaseCost: entry?.purchaseCost,
                    }
                  : null,
              ),
            );
          }}
          errors={errors}
        />
      )}
      {layout.account && (
        <Picker
          id={cell('account')}
          title="Account"
          line={n}
          options={layout.account}
          value={coding.accountId}
          placeholder={coding.itemId ? 'or an account' : 'Type to search'}
          onChange={(id) => onLine(chooseAccount(line, id))}
          errors={errors}
        />
      )}
      {layout.class && (
        <Picker
          id={cell('class')}
          title="Class"
          line={n}
          options={layout.class}
          value={coding.classId}
          onChange={(id) => set({ classId: id })}
          errors={errors}
        />
      )}
      {layout.customer && (
        <Picker
          id={cell('customer')}
          title="Customer or job"
          line={n}
          options={layout.customer}
          value={coding.customerId}
          onChange={(id) => set({ customerId: id })}
          errors={errors}
        />
      )}
      {layout.location && (
        <Picker
          id={cell('location')}
          title="Location"
          line={n}
          options={layout.location}
          value={coding.locationId}
          onChange={(id) => set({ locationId: id })}
          errors={errors}
        />
      )}
      {layout.department && (
        <Picker
          id={cell('department')}
          title="Department"
          line={n}
          options={layout.department}
          value={coding.departmentId}
          onChange={(id) => set({ departmentId: id })}
          errors={errors}
        />
      )}
      {layout.tracking.map((picker) => (
        <Picker
          key={picker.categoryId}
          id={cell(picker.slot === 'classId' ? 'class' : 'customer')}
          title={picker.name}
          line={n}
          options={picker.options}
          value={trackingValue(picker, coding)}
          onChange={(id) => set(withTracking(layout.tracking, coding, picker.categoryId, id))}
          errors={errors}
        />
      ))}
    </div>
  );
}
