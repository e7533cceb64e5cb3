// The Company page's addresses card: each postal address with its country chosen from the ISO list. The first
// address's country is the company's (capture reads an invoice's undecided dates, 03/04/2024, the way it writes
// them), so the card asks for it while no address has one.
import { Field, TextField } from '../../components/ui';
import { CountryPicker } from './CountryPicker';
import { type AddressDraft, EMPTY_ADDRESS } from './model';

export function Addresses({
  addresses,
  errors,
  onChange,
}: {
  addresses: readonly AddressDraft[];
  /** Problems by field ("addresses.0.city"). */
  errors: ReadonlyMap<string, string[]>;
  onChange(addresses: AddressDraft[]): void;
}) {
  const set = (i: number, change: Partial<AddressDraft>) =>
    onChange(addresses.map((a, j) => (j === i ? { ...a, ...change } : a)));
  const noCountry = addresses.every((a) => !a.country);
  return (
    <section className="card" aria-labelledby="h-company-addresses">
      <h2 id="h-company-addresses">Addresses</h2>
      {noCountry && (
        <p className="banner banner--warning" role="status" data-testid="company-country-missing">
          Choose the company’s country below. Invoice capture reads dates such as 03/04/2024 the way your
          country writes them when an invoice does not tell. A country alone is enough if you do not want to
          enter the address.
        </p>
      )}
      {addresses.map((a, i) => {
        const at = `addresses.${i}`;
        const id = (name: string) => `company-address-${i}-${name}`;
        const n = addresses.length > 1 ? ` ${i + 1}` : '';
        return (
          <fieldset className="identity-address" key={i} data-testid={`company-address-${i}`}>
            <legend>{addresses.length > 1 ? `Address${n}` : 'Address'}</legend>
            <div className="form-grid">
              <Field
                label="Street and number"
                htmlFor={id('lines')}
                hint="One line per printed line: street, building, PO box"
                errors={errors.get(`${at}.lines`)}
                className="field--wide"
              >
                <textarea
                  id={id('lines')}
                  data-testid={id('lines')}
                  rows={2}
                  value={a.lines}
                  aria-invalid={errors.has(`${at}.lines`) || undefined}
                  onChange={(e) => set(i, { lines: e.target.value })}
                />
              </Field>
              <TextField
                label="Postcode"
                id={id('postcode')}
                value={a.postalCode}
                maxLength={20}
                errors={errors.get(`${at}.postalCode`)}
                aria-invalid={errors.has(`${at}.postalCode`) || undefined}
                onChange={(v) => set(i, { postalCode: v })}
              />
              <TextField
                label="City"
                id={id('city')}
                value={a.city}
                maxLength={100}
                errors={errors.get(`${at}.city`)}
                aria-invalid={errors.has(`${at}.city`) || undefined}
                onChange={(v) => set(i, { city: v })}
              />
              <TextField
                label="State or province"
                id={id('region')}
                value={a.region}
                maxLength={100}
                errors={errors.get(`${at}.region`)}
                onChange={(v) => set(i, { region: v })}
              />
              <Field
                label="Country"
                htmlFor={id('country')}
                hint={i === 0 ? 'The company’s country: capture reads dates by it' : undefined}
                errors={errors.get(`${at}.country`)}
              >
                <CountryPicker
                  id={id('country')}
                  label={addresses.length > 1 ? `Country of address${n}` : 'Country'}
                  value={a.country}
                  invalid={errors.has(`${at}.country`) || (i === 0 && noCountry)}
                  onChange={(country) => set(i, { country })}
                />
              </Field>
            </div>
            {addresses.length > 1 && (
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => onChange(addresses.filter((_, j) => j !== i))}
                data-testid={`company-address-${i}-remove`}
              >
                Remove address{n}
              </button>
            )}
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button button--small"
        onClick={() => onChange([...addresses, EMPTY_ADDRESS])}
        data-testid="company-address-add"
      >
        Add an address
      </button>
    </section>
  );
}
