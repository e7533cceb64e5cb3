// On a supplier's page: what its document lines usually go to in the books. New lines of its documents start with
// its default item or account, class (Xero: an option in each tracking category) and tax rate, and its documents
// with its default location; each can be changed on the document. Only the pickers the company's accounting
// connection uses are offered.
import { useMemo, useState } from 'react';
import { Combobox } from '../../components/Combobox/Combobox';
import type { PickerOption } from '../../components/Combobox/match';
import { useConnections, useSystems } from '../../lib/connections';
import { href } from '../../lib/route';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { request, requestQuiet, useApp } from '../../state/app';
import { accountingConnection, codingLayout, type LineDefaults } from './editor/coding';

function DefaultPicker({
  field,
  title,
  options,
  value,
  onChange,
}: {
  field: string;
  title: string;
  options: PickerOption[];
  value: string | null;
  onChange(id: string | null): void;
}) {
  const id = `supplier-default-${field}`;
  return (
    <div className="field">
      <label htmlFor={id}>{title}</label>
      <Combobox
        id={id}
        label={title}
        options={options}
        value={value}
        onChange={(v) => onChange(v)}
        placeholder="None"
        testId={id}
      />
    </div>
  );
}

export function SupplierDefaults({ supplierId }: { supplierId: string }) {
  const companyId = useApp((s) => s.companyId) ?? '';
  const { connections } = useConnections(companyId);
  const systems = useSystems();
  const connection = accountingConnection(connections, systems.isAccounting);
  const entries = useQuery(['lists.list', companyId], () => requestQuiet('lists.list', { companyId })).data;
  const taxRates = useQuery(['taxRates.list', companyId], () => request('taxRates.list', { companyId })).data;
  const saved = useQuery(['suppliers.codingDefaults', supplierId], () =>
    request('suppliers.codingDefaults', { supplierId }),
  );
  const [edits, setEdits] = useState<Partial<LineDefaults>>({});
  const [note, setNote] = useState<string | null>(null);
  const { busy, run } = useAction();
  const layout = useMemo(() => codingLayout(connection, entries ?? [], 'invoice'), [connection, entries]);
  if (!saved.data) return null;
  const value = { ...saved.data, ...edits };
  // Xero: one default option per tracking category (at most two), each in a picker named after its category.
  const trackingIds = value.trackingOptionIds ?? [];
  const trackingValue = (options: readonly { id: string }[]) =>
    trackingIds.find((id) => options.some((o) => o.id === id)) ?? null;
  const setTracking = (options: readonly { id: string }[], id: string | null) =>
    set({
      trackingOptionIds: [
        ...trackingIds.filter((t) => !options.some((o) => o.id === t)),
        ...(id ? [id] : []),
      ],
    });
  const location = layout.header.find((h) => h.kind === 'location');
  const set = (patch: Partial<LineDefaults>) => {
    setNote(null);
    setEdits((e) => ({ ...e, ...patch }));
  };
  if (
    !layout.item &&
    !layout.account &&
    !layout.class &&
    layout.tracking.length === 0 &&
    !location &&
    (taxRates ?? []).length === 0
  )
    return null;

  return (
    <section className="card" aria-labelledby="h-supplier-defaults" data-testid="supplier-defaults">
      <h2 id="h-supplier-defaults">Defaults for new lines</h2>
      <p className="muted">
        New lines of this supplier&apos;s documents start with these; each can be changed on the document. A
        line goes as an item or to an account, not both.
      </p>
      {saved.data.setBy === 'import' && (
        <p className="muted" data-testid="supplier-defaults-imported">
          Taken from {connection?.name ?? 'the accounting system'}&apos;s own defaults for this supplier.
          Saving here makes them yours: later imports leave them as they are.
        </p>
      )}
      <div className="form-grid">
        {layout.item && (
          <DefaultPicker
            field="item"
            title="Default item"
            options={layout.item}
            value={value.itemId}
            onChange={(itemId) => set(itemId ? { itemId, accountId: null } : { itemId })}
          />
        )}
        {layout.account && (
          <DefaultPicker
            field="account"
            title="Default account"
            options={layout.account}
            value={value.accountId}
            onChange={(accountId) => set(accountId ? { accountId, itemId: null } : { accountId })}
          />
        )}
        {layout.class && (
          <DefaultPicker
            field="class"
            title="Default class"
            options={layout.class}
            value={value.classId}
            onChange={(classId) => set({ classId })}
          />
        )}
        {layout.tracking.map((t, i) => (
          <DefaultPicker
            key={t.categoryId}
            field={`tracking-${i + 1}`}
            title={`Default ${t.name}`}
            options={t.options}
            value={trackingValue(t.options)}
            onChange={(id) => setTracking(t.options, id)}
          />
        ))}
        {location && (
          <DefaultPicker
            field="location"
            title={`Default ${location.label.toLowerCase()}`}
            options={location.options}
            value={value.locationId}
            onChange={(locationId) => set({ locationId })}
          />
        )}
        <div className="field">
          <label htmlFor="supplier-default-tax-rate">Default tax rate</label>
          <select
            id="supplier-default-tax-rate"
            value={value.taxRateId ?? ''}
            onChange={(e) => set({ taxRateId: e.target.value || null })}
            data-testid="supplier-default-tax-rate"
          >
            <option value="">No tax</option>
            {(taxRates ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.percent} %)
              </option>
            ))}
          </select>
          <div className="field__hint">
            The company’s tax rates are kept on the <a href={href('company', 'tax-rates')}>Company page</a>.
          </div>
        </div>
      </div>
      <div className="inline">
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          data-testid="supplier-defaults-save"
          onClick={() =>
            void run('save-defaults', async () => {
              const { setBy: _setBy, ...chosen } = value;
              saved.setData(await request('suppliers.setCodingDefaults', { ...chosen, supplierId }));
              setEdits({});
              setNote('Defaults saved.');
            })
          }
        >
          Save defaults
        </button>
        {note && (
          <span className="muted" role="status" data-testid="supplier-defaults-note">
            {note}
          </span>
        )}
      </div>
    </section>
  );
}
