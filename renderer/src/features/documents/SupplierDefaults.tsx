// On a supplier's page: what its document lines usually go to in the books. New lines of its documents start with
// its default item or account, class and tax rate, and its documents with its default location; each can be
// changed on the document. Only the pickers the company's accounting connection uses are offered.
import { useMemo, useState } from 'react';
import { Combobox } from '../../components/Combobox/Combobox';
import type { PickerOption } from '../../components/Combobox/match';
import { useConnections, useSystems } from '../../lib/connections';
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
  // Xero: one default tracking option, from either category (each option shows its category).
  const trackingOptions = layout.tracking.flatMap((t) => t.options.map((o) => ({ ...o, detail: t.name })));
  const classOptions = layout.class ?? (trackingOptions.length > 0 ? trackingOptions : null);
  const classTitle = layout.class
    ? 'Class'
    : layout.tracking.length === 1
      ? layout.tracking[0]!.name
      : 'Tracking';
  const location = layout.header.find((h) => h.kind === 'location');
  const set = (patch: Partial<LineDefaults>) => {
    setNote(null);
    setEdits((e) => ({ ...e, ...patch }));
  };
  if (!layout.item && !layout.account && !classOptions && !location && (taxRates ?? []).length === 0)
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
        {classOptions && (
          <DefaultPicker
            field="class"
            title={`Default ${classTitle.toLowerCase()}`}
            options={classOptions}
            value={value.classId}
            onChange={(classId) => set({ classId })}
          />
        )}
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
