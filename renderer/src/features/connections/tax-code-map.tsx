// The tax rate mapping that QuickBooks Online and NetSuite panels share: our tax rates beside a picker over the
// accounting system's imported tax codes ("by name" when none is chosen), and which rates would hold a document
// because they map to nothing.
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
                aria-label={`${systemName} tax code for ${rate.name}`}
                value={taxCodeMap[rate.id] ?? ''}
                onChange={(e) => {
                  const chosen = e.target.value;
                  onChange((m) => withChoice(m, rate.id, chosen));
                }}
                data-testid={`${testIdPrefix}-tax-code-${rate.id}`}
              >
                <option value="">— by name —</option>
                {listOptions(lists, 'tax_code')}
              </select>
            </td>
            {extraColumn && <td>{extraColumn(rate)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
