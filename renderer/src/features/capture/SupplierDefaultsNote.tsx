// Under the proposed lines: the matched supplier's coding defaults, which the saved invoice's lines start with
// where they have none (the server fills them: api/supplier-line-defaults.ts). Said by name, with where to change
// them; nothing when the supplier has none.
import { useQuery } from '../../lib/useQuery';
import { requestQuiet, useApp } from '../../state/app';

export function SupplierDefaultsNote({ supplierId }: { supplierId: string }) {
  const companyId = useApp((s) => s.companyId) ?? '';
  const defaults = useQuery(supplierId ? ['suppliers.codingDefaults', supplierId] : null, () =>
    requestQuiet('suppliers.codingDefaults', { supplierId }),
  ).data;
  const entries = useQuery(['lists.list', companyId], () => requestQuiet('lists.list', { companyId })).data;
  const taxRates = useQuery(['taxRates.list', companyId], () =>
    requestQuiet('taxRates.list', { companyId }),
  ).data;
  if (!defaults || defaults.supplierId !== supplierId || !entries) return null;
  const name = (id: string | null) => (id ? entries.find((e) => e.id === id && e.active)?.name : undefined);
  const parts = [
    ['item', name(defaults.itemId)],
    ['account', defaults.itemId ? undefined : name(defaults.accountId)],
    ['class', name(defaults.classId)],
    ...defaults.trackingOptionIds.map((id) => {
      const category = entries.find((e) => e.id === entries.find((o) => o.id === id)?.parentId);
      return [category?.name ?? 'tracking', name(id)];
    }),
    ['tax rate', taxRates?.find((t) => t.id === defaults.taxRateId)?.name],
  ].filter((p): p is [string, string] => p[1] !== undefined);
  const location = name(defaults.locationId);
  if (parts.length === 0 && !location) return null;
  return (
    <p className="muted" data-testid="capture-supplier-defaults">
      {parts.length > 0 &&
        `Lines start with this supplier's defaults where they have none: ${parts.map(([k, v]) => `${k} ${v}`).join(', ')}. `}
      {location && `The invoice's location is ${location}. `}
      Change them on the invoice after saving, or on the supplier&apos;s page under Defaults for new lines.
    </p>
  );
}
