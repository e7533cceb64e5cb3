// Our tax rates as Xero TaxTypes. A rate the bookkeeper mapped (settings.taxRateMap) goes as that TaxType; one
// not mapped goes as the Xero tax rate of the same name, in any case, else the only active Xero rate for expenses
// at the same percentage. That is the connection's mapping (mapReference), asked before anything is looked up or
// created, so it holds with 'Create missing records' off. Several at that percentage, or none, is the bookkeeper's
// to choose: the message says where.
import type { TaxRate } from 'xero-node';
import { ConnectorError, type ExternalMatch, type ReferenceRecord } from '../contract.js';
import type { XeroApi } from './api.js';
import type { XeroSettings } from './settings.js';

const MAP_IN = 'Choose its Xero tax rate in Connections → Xero settings → Tax rates, then send again.';

/** The Xero tax rates a purchase line may carry: active, for expenses, with a TaxType. */
export function usable(rates: readonly TaxRate[]): (TaxRate & { taxType: string })[] {
  return rates.filter(
    (r): r is TaxRate & { taxType: string } =>
      Boolean(r.taxType) && String(r.status ?? 'ACTIVE') === 'ACTIVE' && r.canApplyToExpenses !== false,
  );
}

/** Picks the Xero tax rate for one of ours from the organisation's rates (no mapping, no exact name). */
export function matchTaxType(
  ours: { name: string; percent: string | undefined },
  rates: readonly TaxRate[],
): { match: ExternalMatch } | { problem: string } {
  const candidates = usable(rates);
  const fold = (s: string) => s.trim().toLocaleLowerCase('en-US');
  const named = candidates.filter((r) => fold(r.name ?? '') === fold(ours.name));
  if (named.length === 1)
    return { match: { externalId: named[0]!.taxType, name: named[0]!.name ?? ours.name } };
  const percent = ours.percent === undefined ? NaN : Number(ours.percent);
  const atRate = candidates.filter((r) => Math.abs(Number(r.effectiveRate ?? NaN) - percent) < 1e-9);
  if (atRate.length === 1)
    return { match: { externalId: atRate[0]!.taxType, name: atRate[0]!.name ?? ours.name } };
  const what = `our tax rate '${ours.name}'${ours.percent !== undefined ? ` (${ours.percent} %)` : ''}`;
  return {
    problem:
      atRate.length > 1
        ? `Xero has ${atRate.length} tax rates at ${ours.percent} % for expenses (${atRate.map((r) => r.name).join(', ')}), so ${what} cannot be matched by itself. ${MAP_IN}`
        : `Xero has no tax rate for expenses named '${ours.name}' or at ${ours.percent ?? '?'} %, so ${what} cannot be matched. ${MAP_IN}`,
  };
}

/** The organisation's tax rates, as one read answers them. */
export type TaxRatesReader = () => Promise<readonly TaxRate[]>;

export function readTaxRates(api: XeroApi): Promise<TaxRate[]> {
  return api.call('the tax rates', (x, t) => x.getTaxRates(t)).then((answer) => answer.taxRates ?? []);
}

/**
 * mapReference for a tax rate: the bookkeeper's mapping (no request), else a match by name or rate among the
 * organisation's rates; null when neither pairs it, or for any other kind of record.
 */
export async function mappedTaxType(
  settings: XeroSettings,
  record: ReferenceRecord,
  rates: TaxRatesReader,
): Promise<ExternalMatch | null> {
  if (record.kind !== 'tax_rate') return null;
  const mapped = settings.taxRateMap[record.id];
  if (mapped) return { externalId: mapped, name: record.name };
  const percent = 'percent' in record.data ? record.data.percent : undefined;
  const found = matchTaxType({ name: record.name, percent }, await rates());
  return 'match' in found ? found.match : null;
}

/**
 * createReference for a tax rate, reached once the mapping had nothing for it: Xero's tax rates are never made from
 * here, so the answer is the mapping's, else the reason it cannot be matched and where to choose one.
 */
export async function taxTypeFor(
  settings: XeroSettings,
  record: ReferenceRecord,
  rates: TaxRatesReader,
): Promise<ExternalMatch> {
  const mapped = settings.taxRateMap[record.id];
  if (mapped) return { externalId: mapped, name: record.name };
  const percent = 'percent' in record.data ? record.data.percent : undefined;
  const found = matchTaxType({ name: record.name, percent }, await rates());
  if ('problem' in found) throw new ConnectorError('needs_user', found.problem);
  return found.match;
}
