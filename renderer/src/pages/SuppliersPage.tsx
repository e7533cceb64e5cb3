// Suppliers: a searchable, paged list, and a form to create or edit one. Links to accounting systems show as
// "Paired with <connection>".
import { useEffect, useState, type FormEvent } from 'react';
import type { ConnectionT, MethodOutput, SupplierT } from '../../../preload/contract';
import type { ApiCallError } from '../api/errors';
import { Badge, Empty, PageHeader, SaveButton, SearchFilter, TextField } from '../components/ui';
import { whileCurrent } from '../lib/current';
import { label } from '../lib/labels';
import { describeField, problemMessage, problemsByField } from '../lib/problems';
import { href } from '../lib/route';
import { formProblems, request, requestQuiet, useApp } from '../state/app';
import { useDocumentFilters } from '../state/documentFilters';
import { navigate } from '../state/router';
import { useDebounced } from '../state/useDebounced';

const PAGE = 50;

function useConnections(companyId: string): ConnectionT[] {
  const [connections, setConnections] = useState<ConnectionT[]>([]);
  useEffect(() => {
    request('connections.list', { companyId }).then(setConnections, () => {});
  }, [companyId]);
  return connections;
}

function pairedWith(supplier: SupplierT, connections: ConnectionT[]): string[] {
  return supplier.links.map((l) => {
    const c = connections.find((x) => x.id === l.connectionId);
    return c ? c.name || label(c.system) : 'another system';
  });
}

export function SuppliersPage() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const connections = useConnections(companyId);
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 300);
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ total: number; items: SupplierT[] } | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    return whileCurrent(
      request('suppliers.list', { companyId, search: term || undefined, offset, limit: PAGE }),
      setData,
    );
  }, [companyId, term, offset, version]);

  return (
    <div className="page">
      <PageHeader
        title="Suppliers"
        actions={
          <a href={href('suppliers', 'new')} className="button button--primary" data-testid="new-supplier">
            New supplier
          </a>
        }
      >
        <p className="muted num" data-testid="suppliers-total">
          {data ? `${data.total.toLocaleString('en-US')} supplier${data.total === 1 ? '' : 's'}` : 'Loading…'}
        </p>
      </PageHeader>
      <div className="filters" role="search">
        <SearchFilter
          id="supplier-search"
          placeholder="Supplier name"
          value={search}
          onChange={(text) => {
            setSearch(text);
            setOffset(0);
          }}
          testId="supplier-search"
        />
      </div>
      {connections
        .filter(
          (c) => c.system !== 'servicetrade' && c.system !== 'quickbooks_desktop' && c.status === 'connected',
        )
        .map((c) => (
          <SupplierSync key={c.id} connection={c} onChanged={() => setVersion((v) => v + 1)} />
        ))}
      {data && data.total === 0 ? (
        <Empty title={term ? 'No supplier matches' : 'No suppliers yet'} testId="suppliers-empty">
          {term ? (
            'Try another name.'
          ) : (
            <>
              Add one with <strong>New supplier</strong>, import a file from{' '}
              <a href={href('import')}>Import</a>, or connect an accounting system to bring its suppliers in.
            </>
          )}
        </Empty>
      ) : (
        <div className="card table-wrap">
          <table className="grid" data-testid="suppliers-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Phone</th>
                <th>City</th>
                <th>Currency</th>
                <th>Accounting system</th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((s) => {
                const paired = pairedWith(s, connections);
                return (
                  <tr key={s.id} data-testid="supplier-row" data-supplier-id={s.id}>
                    <td>
                      <a href={href('suppliers', s.id)} className="strong" data-testid="supplier-link">
                        {s.name}
                      </a>
                      {!s.active && <Badge value="canceled" text="Inactive" />}
                    </td>
                    <td>{s.email}</td>
                    <td>{s.phone}</td>
                    <td>{s.city}</td>
                    <td>{s.currency}</td>
                    <td>
                      {paired.length > 0 ? (
                        <Badge
                          value="sent"
                          text={`Paired with ${paired.join(', ')}`}
                          testId="supplier-paired"
                        />
                      ) : connections.length > 0 ? (
                        <Badge value="not_sent" text="Not paired" testId="supplier-unpaired" />
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {data && data.total > PAGE && (
            <div className="pager">
              <button
                type="button"
                className="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
                data-testid="suppliers-prev"
              >
                Previous
              </button>
              <span className="muted num">
                {offset + 1}–{Math.min(offset + PAGE, data.total)} of {data.total.toLocaleString('en-US')}
              </span>
              <button
                type="button"
                className="button"
                disabled={offset + PAGE >= data.total}
                onClick={() => setOffset(offset + PAGE)}
                data-testid="suppliers-next"
              >
                Next
              </button>
            </div>
          )}
        </div>
      )}
      <TaxRates companyId={companyId} />
    </div>
  );
}

type TaxRateT = MethodOutput<'taxRates.create'>;

/** The company's tax rates, which document lines pick from; the app has no other screen for them. */
function TaxRates({ companyId }: { companyId: string }) {
  const [rates, setRates] = useState<TaxRateT[] | null>(null);
  const [name, setName] = useState('');
  const [percent, setPercent] = useState('');
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<ApiCallError['problems']>([]);

  useEffect(() => {
    request('taxRates.list', { companyId }).then(setRates, () => setRates([]));
  }, [companyId]);

  async function add(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setProblems([]);
    try {
      const rate = await requestQuiet('taxRates.create', { companyId, name, percent: percent.trim() });
      setRates((r) => [...(r ?? []), rate]);
      setName('');
      setPercent('');
    } catch (error) {
      setProblems(formProblems(error));
    } finally {
      setSaving(false);
    }
  }

  const byField = problemsByField(problems);
  return (
    <section className="card tax-rates" aria-labelledby="h-tax-rates" data-testid="tax-rates">
      <h2 id="h-tax-rates">Tax rates</h2>
      <p className="muted">Document lines pick their tax from these rates.</p>
      {rates && rates.length === 0 ? (
        <p className="muted" data-testid="tax-rates-empty">
          No tax rates yet. Lines are untaxed until you add one.
        </p>
      ) : (
        <table className="grid tax-rates__table" data-testid="tax-rates-table">
          <thead>
            <tr>
              <th>Name</th>
              <th className="right">Percent</th>
            </tr>
          </thead>
          <tbody>
            {rates?.map((r) => (
              <tr key={r.id} data-testid="tax-rate-row">
                <td>{r.name}</td>
                <td className="right num">{r.percent} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline tax-rates__form" onSubmit={add} noValidate data-testid="tax-rate-form">
        <TextField
          label="Name"
          id="tax-rate-name"
          value={name}
          onChange={setName}
          maxLength={100}
          placeholder="e.g. VAT 20"
          errors={byField.get('name')}
          aria-invalid={byField.has('name') || undefined}
        />
        <TextField
          label="Percent"
          id="tax-rate-percent"
          inputMode="decimal"
          className="input--num input--short"
          value={percent}
          onChange={setPercent}
          placeholder="20"
          errors={byField.get('percent')}
          aria-invalid={byField.has('percent') || undefined}
        />
        <button type="submit" className="button" disabled={saving} data-testid="tax-rate-add">
          {saving ? 'Adding…' : 'Add tax rate'}
        </button>
      </form>
    </section>
  );
}

const FIELDS = [
  { key: 'name', label: 'Name', required: true, max: 200 },
  { key: 'email', label: 'Email', type: 'email', max: 200 },
  { key: 'phone', label: 'Phone', type: 'tel', max: 50 },
  { key: 'address', label: 'Address', max: 500, wide: true },
  { key: 'city', label: 'City', max: 100 },
  { key: 'state', label: 'State or province', max: 100 },
  { key: 'postalCode', label: 'Postal code', max: 30 },
  { key: 'country', label: 'Country', max: 100 },
  { key: 'accountNumber', label: 'Account number', max: 100 },
  { key: 'taxId', label: 'Tax id', max: 50 },
  { key: 'currency', label: 'Currency', max: 3, hint: 'Three-letter code; blank for the company currency' },
] as const;

type FieldKey = (typeof FIELDS)[number]['key'];
type SupplierForm = Record<FieldKey, string>;

const EMPTY: SupplierForm = Object.fromEntries(FIELDS.map((f) => [f.key, ''])) as SupplierForm;

function testIdFor(key: string): string {
  return `supplier-${key.replace(/([A-Z])/g, '-$1').toLowerCase()}`;
}

export function SupplierForm({ id }: { id?: string }) {
  const companyId = useApp((s) => s.companyId) ?? '';
  const connections = useConnections(companyId);
  const [form, setForm] = useState<SupplierForm>(EMPTY);
  const [supplier, setSupplier] = useState<SupplierT | null>(null);
  const [problems, setProblems] = useState<ApiCallError['problems']>([]);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!id) return;
    request('suppliers.get', { id }).then(
      (s) => {
        setSupplier(s);
        setForm(Object.fromEntries(FIELDS.map((f) => [f.key, s[f.key] ?? ''])) as SupplierForm);
      },
      () => {},
    );
  }, [id]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setSaved(false);
    setProblems([]);
    const values = Object.fromEntries(
      FIELDS.map((f) => {
        const v = form[f.key].trim();
        if (f.key === 'name') return [f.key, v];
        if (f.key === 'currency') return [f.key, v ? v.toUpperCase() : null];
        return [f.key, v || null];
      }),
    ) as { name: string } & Record<Exclude<FieldKey, 'name'>, string | null>;
    try {
      if (id) {
        const s = await requestQuiet('suppliers.update', { id, ...values });
        setSupplier(s);
        setSaved(true);
      } else {
        const s = await requestQuiet('suppliers.create', { companyId, ...values });
        navigate(href('suppliers', s.id));
      }
    } catch (error) {
      setProblems(formProblems(error));
    } finally {
      setSaving(false);
    }
  }

  const byField = problemsByField(problems);
  const paired = supplier ? pairedWith(supplier, connections) : [];

  return (
    <form className="page" onSubmit={submit} noValidate data-testid="supplier-form">
      <p>
        <a href={href('suppliers')}>← Suppliers</a>
      </p>
      <PageHeader
        title={id ? (supplier?.name ?? 'Supplier') : 'New supplier'}
        actions={
          <>
            {id && (
              <a
                href={href('documents')}
                className="button"
                onClick={(e) => {
                  e.preventDefault();
                  useDocumentFilters.getState().set({ supplierId: id });
                  navigate(href('documents'));
                }}
                data-testid="supplier-documents"
              >
                Documents
              </a>
            )}
            <SaveButton saving={saving} testId="save-supplier" />
          </>
        }
      >
        {paired.length > 0 && (
          <Badge value="sent" text={`Paired with ${paired.join(', ')}`} testId="supplier-paired" />
        )}
      </PageHeader>
      {saved && (
        <div className="banner banner--success" role="status" data-testid="supplier-saved">
          <span className="banner__message">Saved.</span>
        </div>
      )}
      {problems && problems.length > 0 && (
        <div className="banner banner--error" role="alert" data-testid="problems-summary">
          <ul className="summary banner__message">
            {problems.map((p, i) => (
              <li key={i}>
                {describeField(p.field)}: {problemMessage(p)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <section className="card">
        <div className="form-grid">
          {FIELDS.map((f) => (
            <TextField
              key={f.key}
              label={f.label}
              id={`supplier-${f.key}`}
              type={'type' in f ? f.type : 'text'}
              value={form[f.key]}
              maxLength={f.max}
              required={'required' in f}
              onChange={(value) =>
                setForm((s) => ({ ...s, [f.key]: f.key === 'currency' ? value.toUpperCase() : value }))
              }
              errors={byField.get(f.key)}
              aria-invalid={byField.has(f.key) || undefined}
              hint={'hint' in f ? f.hint : undefined}
              wide={'wide' in f}
              className={f.key === 'currency' ? 'input--short' : undefined}
              testId={testIdFor(f.key)}
            />
          ))}
        </div>
      </section>
    </form>
  );
}

type SyncResult = MethodOutput<'suppliers.sync'>;

/** "Sync suppliers" with one accounting connection: paired, unpaired on both sides, pair by hand, create there. */
function SupplierSync({ connection, onChanged }: { connection: ConnectionT; onChanged: () => void }) {
  const system = connection.name || label(connection.system);
  const [result, setResult] = useState<SyncResult | null>(null);
  const [importTheirs, setImportTheirs] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [choice, setChoice] = useState<Record<string, string>>({});

  async function act(key: string, action: () => Promise<unknown>) {
    setBusy(key);
    try {
      await action();
      onChanged();
    } catch {
      // the banner says what went wrong
    } finally {
      setBusy(null);
    }
  }

  const sync = () =>
    act('sync', async () =>
      setResult(
        await request('suppliers.sync', { connectionId: connection.id, importUnmatched: importTheirs }),
      ),
    );

  const pair = (supplierId: string) =>
    act(`pair-${supplierId}`, async () => {
      await request('suppliers.pair', {
        id: supplierId,
        connectionId: connection.id,
        externalId: choice[supplierId]!,
      });
      setResult(await request('suppliers.sync', { connectionId: connection.id }));
    });

  const create = (supplierId: string) =>
    act(`create-${supplierId}`, async () => {
      await request('suppliers.createExternal', { connectionId: connection.id, supplierId });
      setResult(await request('suppliers.sync', { connectionId: connection.id }));
    });

  return (
    <section className="card" data-testid="supplier-sync" data-connection-id={connection.id}>
      <div className="card__head">
        <h2>Suppliers in {system}</h2>
        <div className="actions">
          <label className="inline">
            <input
              type="checkbox"
              checked={importTheirs}
              onChange={(e) => setImportTheirs(e.target.checked)}
              data-testid="supplier-sync-import"
            />{' '}
            Also import their vendors that have no supplier here
          </label>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void sync()}
            disabled={busy !== null}
            data-testid="supplier-sync-run"
          >
            {busy === 'sync' ? 'Syncing…' : 'Sync suppliers'}
          </button>
        </div>
      </div>
      <p className="muted">
        Pairs suppliers with {system} vendors of exactly the same name and keeps name, address, phone and
        account number in step both ways (the side changed last wins; the Activity log says which).
      </p>
      {result && (
        <>
          <p role="status" data-testid="supplier-sync-summary">
            {result.matched.length} paired · {result.unmatchedOurs.length} of ours and{' '}
            {result.unmatchedTheirs.length} of theirs unpaired · {result.pushed} sent, {result.pulled} taken,{' '}
            {result.imported} imported
          </p>
          {result.unmatchedOurs.length > 0 && (
            <table className="grid" data-testid="supplier-sync-unmatched">
              <thead>
                <tr>
                  <th>Our supplier</th>
                  <th>Pair with a {system} vendor</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {result.unmatchedOurs.map((s) => (
                  <tr key={s.supplierId}>
                    <td>{s.name}</td>
                    <td>
                      <select
                        aria-label={`${system} vendor for ${s.name}`}
                        value={choice[s.supplierId] ?? ''}
                        onChange={(e) => setChoice((c) => ({ ...c, [s.supplierId]: e.target.value }))}
                      >
                        <option value="">— choose —</option>
                        {result.unmatchedTheirs.map((t) => (
                          <option key={t.externalId} value={t.externalId}>
                            {t.name}
                          </option>
                        ))}
                      </select>{' '}
                      <button
                        type="button"
                        className="button"
                        disabled={busy !== null || !choice[s.supplierId]}
                        onClick={() => void pair(s.supplierId)}
                      >
                        Pair
                      </button>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button"
                        disabled={busy !== null}
                        onClick={() => void create(s.supplierId)}
                        data-testid="supplier-sync-create"
                      >
                        {busy === `create-${s.supplierId}` ? 'Creating…' : `Create in ${system}`}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
