// Under each line, what it is coded to in the accounting system: an item or an account (one or the other), a
// class, a customer or job, a location and a department (NetSuite), Xero's tracking categories. Only the pickers the
// connection uses are shown.
import { Combobox } from '../../../components/Combobox/Combobox';
import type { PickerOption } from '../../../components/Combobox/match';
import {
  chooseAccount,
  chooseItem,
  type LineCoding as Coding,
  type LineForm,
} from '../../../lib/editorModel';
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

/** A picker of one list under each line: what it is called and where the line keeps what is picked. */
interface PickerKind {
  kind: 'item' | 'account' | 'class' | 'customer' | 'location' | 'department';
  title: string;
  field: keyof Coding;
  /** A line takes an item or an account: once it has the other, this picker offers itself as the other choice. */
  instead?: { field: keyof Coding; placeholder: string };
  /** What picking does to the line where it does more than keep the choice (an item brings its name and cost). */
  choose?(
    line: LineForm,
    id: string | null,
    option: PickerOption | null,
    entriesById: ReadonlyMap<string, ListEntryT>,
  ): LineForm;
}

/** The pickers in the order they stand under a line; each is shown when the layout has its list. */
const KINDS: readonly PickerKind[] = [
  {
    kind: 'item',
    title: 'Item',
    field: 'itemId',
    instead: { field: 'accountId', placeholder: 'or an item' },
    choose(line, id, option, entriesById) {
      const entry = id ? entriesById.get(id) : undefined;
      return chooseItem(
        line,
        id && option
          ? { id, name: entry?.name.split(':').at(-1) ?? option.fullName, purchaseCost: entry?.purchaseCost }
          : null,
      );
    },
  },
  {
    kind: 'account',
    title: 'Account',
    field: 'accountId',
    instead: { field: 'itemId', placeholder: 'or an account' },
    choose: (line, id) => chooseAccount(line, id),
  },
  { kind: 'class', title: 'Class', field: 'classId' },
  { kind: 'customer', title: 'Customer or job', field: 'customerId' },
  { kind: 'location', title: 'Location', field: 'locationId' },
  { kind: 'department', title: 'Department', field: 'departmentId' },
];

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
  const set = (patch: Partial<Coding>) => onLine({ ...line, coding: { ...coding, ...patch } });
  const codedTo = coding.itemId ? 'item' : coding.accountId ? 'account' : null;
  return (
    <div className="coding" data-testid="line-coding" data-coded-to={codedTo ?? ''}>
      {KINDS.map((picker) => {
        const options = layout[picker.kind];
        if (!options) return null;
        const { instead } = picker;
        return (
          <Picker
            key={picker.kind}
            id={cell(picker.kind)}
            title={picker.title}
            line={n}
            options={options}
            value={coding[picker.field]}
            placeholder={instead && coding[instead.field] ? instead.placeholder : undefined}
            onChange={(id, option) =>
              picker.choose
                ? onLine(picker.choose(line, id, option, entriesById))
                : set({ [picker.field]: id })
            }
            errors={errors}
          />
        );
      })}
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
