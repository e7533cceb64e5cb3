// The country of a company address, chosen from the ISO 3166 list (preload/countries.ts) with the app's type-ahead
// picker: the bookkeeper types any part of the name or the code ("irel", "IE") and takes one.
import { COUNTRY_CODES } from '../../../../preload/countries';
import { Combobox, toOption, type PickerOption } from '../../components/Combobox';

const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const collator = new Intl.Collator('en', { sensitivity: 'base' });

let options: PickerOption[] | null = null;
/** Every country by its English name, the code as the second line (so "US" finds the United States). */
function countryOptions(): PickerOption[] {
  options ??= COUNTRY_CODES.map((code) => toOption(code, names.of(code) ?? code, code, true)).sort((a, b) =>
    collator.compare(a.fullName, b.fullName),
  );
  return options;
}

export function CountryPicker({
  id,
  label,
  value,
  onChange,
  invalid,
  describedBy,
}: {
  id: string;
  label: string;
  /** ISO 3166-1 alpha-2, or '' for none. */
  value: string;
  onChange(code: string): void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const all = countryOptions();
  return (
    <Combobox
      id={id}
      testId={id}
      label={label}
      options={all}
      value={value || null}
      onChange={(code) => onChange(code ?? '')}
      placeholder="Type to search countries"
      unknownLabel={value}
      noMatch="No country by that name: try its name in English or its two-letter code"
      invalid={invalid}
      describedBy={describedBy}
    />
  );
}
