// Create a supplier, or edit one: its fields, the connections it is paired with, and a way to its documents.
import { useState, type FormEvent } from 'react';
import type { SupplierT } from '../../../../preload/contract';
import type { FieldProblem } from '../../api/errors';
import { ProblemsSummary, SuccessBanner } from '../../components/Notice';
import { Badge, PageHeader, SaveButton, TextField } from '../../components/ui';
import { useConnections } from '../../lib/connections';
import { describeField, problemsByField } from '../../lib/problems';
import { href } from '../../lib/route';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { formProblems, request, requestQuiet, useApp } from '../../state/app';
import { navigate } from '../../state/router';
import { openSupplierDocuments, SupplierDefaults } from '../documents';
import { pairedWith } from './model';

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
type SupplierFields = Record<FieldKey, string>;

const EMPTY: SupplierFields = Object.fromEntries(FIELDS.map((f) => [f.key, ''])) as SupplierFields;

function fieldsOf(supplier: SupplierT | undefined): SupplierFields {
  if (!supplier) return EMPTY;
  return Object.fromEntries(FIELDS.map((f) => [f.key, supplier[f.key] ?? ''])) as SupplierFields;
}

function testIdFor(key: string): string {
  return `supplier-${key.replace(/([A-Z])/g, '-$1').toLowerCase()}`;
}

export function SupplierForm({ id }: { id?: string }) {
  const companyId = useApp((s) => s.companyId) ?? '';
  const { connections } = useConnections(companyId);
  const supplierQuery = useQuery(id ? ['suppliers.get', id] : null, () =>
    request('suppliers.get', { id: id ?? '' }),
  );
  const supplier = supplierQuery.data;
  // What the user typed, over the supplier as loaded.
  const [edits, setEdits] = useState<Partial<SupplierFields>>({});
  const form: SupplierFields = { ...fieldsOf(supplier), ...edits };
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saved, setSaved] = useState(false);
  const { busy, run } = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
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
    void run(
      'save',
      async () => {
        if (id) {
          supplierQuery.setData(await requestQuiet('suppliers.update', { id, ...values }));
          setSaved(true);
        } else {
          const s = await requestQuiet('suppliers.create', { companyId, ...values });
          navigate(href('suppliers', s.id));
        }
      },
      { onError: (error) => setProblems(formProblems(error)) },
    );
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
                  openSupplierDocuments(id);
                }}
                data-testid="supplier-documents"
              >
                Documents
              </a>
            )}
            <SaveButton saving={busy !== null} testId="save-supplier" />
          </>
        }
      >
        {paired.length > 0 && (
          <Badge value="sent" text={`Paired with ${paired.join(', ')}`} testId="supplier-paired" />
        )}
      </PageHeader>
      {saved && <SuccessBanner testId="supplier-saved">Saved.</SuccessBanner>}
      <ProblemsSummary problems={problems} describe={describeField} />
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
                setEdits((s) => ({ ...s, [f.key]: f.key === 'currency' ? value.toUpperCase() : value }))
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
      {id && <SupplierDefaults supplierId={id} />}
    </form>
  );
}
