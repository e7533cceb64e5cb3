// A searchable supplier select: a search box narrows the options fetched from suppliers.list.
import { useEffect, useState } from 'react';
import type { SupplierT } from '../../../preload/contract';
import { whileCurrent } from '../lib/current';
import { request, useApp } from '../state/app';
import { useDebounced } from '../state/useDebounced';

export function SupplierPicker({
  id,
  value,
  onChange,
  allowEmpty,
  emptyLabel = 'Choose a supplier…',
  testId,
  invalid,
  inline,
}: {
  id: string;
  value: string;
  onChange(id: string, supplier: SupplierT | null): void;
  allowEmpty?: boolean;
  emptyLabel?: string;
  testId: string;
  invalid?: boolean;
  inline?: boolean;
}) {
  const companyId = useApp((s) => s.companyId) ?? '';
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 250);
  const [options, setOptions] = useState<SupplierT[]>([]);
  const [total, setTotal] = useState(0);
  const [fetched, setFetched] = useState<SupplierT | null>(null);

  useEffect(() => {
    return whileCurrent(
      request('suppliers.list', { companyId, search: term || undefined, limit: 100 }),
      (r) => {
        setOptions(r.items);
        setTotal(r.total);
      },
    );
  }, [companyId, term]);

  const inOptions = options.some((o) => o.id === value);
  useEffect(() => {
    if (!value || inOptions || fetched?.id === value) return;
    return whileCurrent(request('suppliers.get', { id: value }), setFetched);
  }, [value, inOptions, fetched]);

  const list = !inOptions && fetched && fetched.id === value ? [fetched, ...options] : options;

  return (
    <div className={inline ? 'picker picker--inline' : 'picker'}>
      <input
        type="search"
        id={`${id}-search`}
        className="picker__search"
        placeholder="Search suppliers"
        aria-label="Search suppliers"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-testid={`${testId}-search`}
      />
      <select
        id={id}
        value={value}
        data-testid={testId}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(e) => {
          const s = list.find((o) => o.id === e.target.value) ?? null;
          if (s) setFetched(s);
          onChange(e.target.value, s);
        }}
      >
        {(allowEmpty || !value) && <option value="">{emptyLabel}</option>}
        {list.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
            {s.currency ? ` (${s.currency})` : ''}
          </option>
        ))}
        {total > options.length && (
          <option disabled value="__more">
            {total - options.length} more — type to search
          </option>
        )}
      </select>
    </div>
  );
}
