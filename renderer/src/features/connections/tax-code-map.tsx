// The tax rate mapping that the QuickBooks Online, NetSuite and Xero panels share: our tax rates beside a picker
// over the accounting system's imported tax codes (Xero: its tax rates, by TaxType), "by name" when none is chosen
// (Xero: by name, then by percentage), and which rates would hold a document because they map to nothing. Entries
// hidden from the line pickers on the Lists page are offered here: hiding is about lines, not the mapping.
import type { ReactNode } from 'react';
import { listOptions, type ListEntryT, type TaxRateT } from './fields';

/**
 * Our tax rates that map to no tax code: none chosen in the mapping, and no active imported tax code of exactly
 * the same name (the rule sending follows).
 */
export function unmappedTaxRates(
  taxRates: readonly TaxRateT[],
  taxCodeMap: Readonly<Record<string, string>>,
  lists: readonly ListEntryT[],
): TaxRateT[] {
  const byName = new Set(lists.filter((e) => e.kind === 'tax_code' && e.active).map((e) => e.name));
  return taxRates.filter((r) => !taxCodeMap[r.id] && !byName.has(r.name));
}

/** The mapping with one rate set to `taxCodeId`, or removed from it when that is "" (back to "by name"). */
function withChoice(map: Readonly<Record<string, string>>, rateId: string, taxCodeId: string) {
  const next = { ...map };
  if (taxCodeId) next[rateId] = taxCodeId;
  else delete next[rateId];
  return next;
}

export function TaxCodeMapTable({
  testIdPrefix,
  systemName,
  columnTitle,
  taxRates,
  taxCodeMap,
  onChange,
  lists,
  extraColumn,
  kind = 'tax_code',
  automatic = '— by name —',
}: {
  /** "qbo", "netsuite": the table is `<prefix>-tax-map`, each picker `<prefix>-tax-code-<rate id>`. */
  testIdPrefix: string;
  /** For the pickers' accessible names: "QuickBooks", "NetSuite". */
  systemName: string;
  columnTitle: string;
  taxRates: readonly TaxRateT[];
  taxCodeMap: Readonly<Record<string, string>>;
  onChange(update: (map: Readonly<Record<string, string>>) => Record<string, string>): void;
  lists: readonly ListEntryT[];
  /** A last column (QuickBooks Online: "Create in QuickBooks" for an unmapped rate). */
  extraColumn?: (rate: TaxRateT) => ReactNode;
  /** The imported list offered: tax codes, or Xero's tax rates. */
  kind?: 'tax_code' | 'tax_rate';
  /** What choosing nothing means. */
  automatic?: string;
}) {
  return (
    <table className="grid" data-testid={`${testIdPrefix}-tax-map`}>
      <thead>
        <tr>
          <th>Our tax rate</th>
          <th>{columnTitle}</th>
          {extraColumn && <th />}
        </tr>
      </thead>
      <tbody>
        {taxRates.map((rate) => (
          <tr key={rate.id}>
            <td>
              {rate.name} ({rate.percent} %)
            </td>
            <td>
              <select
                aria-label={`${systemName} ${kind === 'tax_rate' ? 'tax rate' : 'tax code'} for ${rate.name}`}
                value={taxCodeMap[rate.id] ?? ''}
                onChange={(e) => {
                  const chosen = e.target.value;
                  onChange((m) => withChoice(m, rate.id, chosen));
                }}
                data-testid={`${testIdPrefix}-tax-code-${rate.id}`}
              >
                <option value="">{automatic}</option>
                {listOptions(lists, kind, undefined, true)}
              </select>
            </td>
            {extraColumn && <td>{extraColumn(rate)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
