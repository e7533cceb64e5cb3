// The Company page: the company's name and its own identity — legal and other names, postal addresses (their
// countries from the ISO list: the first is the company's country), tax ids, IBANs, e-mail domains, website.
// Invoice capture reads them as the customer's and never proposes them as the supplier's, and reads an invoice's
// undecided dates by the company's country. Saved whole; each problem shows next to its field and in a summary.
// Below the form, the company's tax rates, managed one by one.
import { useState, type FormEvent } from 'react';
import type { FieldProblem } from '../../api/errors';
import { ProblemsSummary, SuccessBanner } from '../../components/Notice';
import { PageHeader, SaveButton, TextField } from '../../components/ui';
import { problemMessage } from '../../lib/problems';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { formProblems, request, requestQuiet, useApp } from '../../state/app';
import { Addresses } from './Addresses';
import { TaxRates } from './TaxRates';
import { type CompanyDraft, describeCompanyField, draftOf, type ListKey, updateOf } from './model';

/** Problems by field, the "identity." of the request's paths left off ("taxIds.1"). */
function byField(problems: readonly FieldProblem[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of problems) {
    const field = p.field.replace(/^identity\./, '');
    map.set(field, [...(map.get(field) ?? []), problemMessage(p)]);
  }
  return map;
}

const LISTS: Record<
  ListKey,
  { label: string; add: string; id: string; hint?: string; placeholder?: string }
> = {
  tradingNames: {
    label: 'Other name',
    add: 'Add a name',
    id: 'company-trading-name',
    hint: 'A name the company trades or is billed under',
  },
  taxIds: {
    label: 'Tax id',
    add: 'Add a tax id',
    id: 'company-tax-id',
    hint: 'VAT, GST, EIN, SIREN, … as registered',
    placeholder: 'DE123456789',
  },
  ibans: {
    label: 'IBAN',
    add: 'Add an IBAN',
    id: 'company-iban',
    hint: 'The company’s own bank accounts',
    placeholder: 'DE89 3704 0044 0532 0130 00',
  },
  emailDomains: {
    label: 'E-mail domain',
    add: 'Add a domain',
    id: 'company-email-domain',
    hint: 'What follows the @ in the company’s addresses',
    placeholder: 'northwind.com',
  },
};

/** `card`: the card a link asked for ("#/company/tax-rates"), brought into view once loaded. */
export function CompanyPage({ card = null }: { card?: 'tax-rates' | null }) {
  const companyId = useApp((s) => s.companyId) ?? '';
  const query = useQuery(['companies.get', companyId], () => request('companies.get', { id: companyId }));
  const company = query.data;
  // What the bookkeeper typed, over the company as loaded.
  const [draft, setDraft] = useState<CompanyDraft | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saved, setSaved] = useState(false);
  const { busy, run } = useAction();
  if (!company) return <p className="muted">Loading…</p>;
  const form = draft ?? draftOf(company);
  const errors = byField(problems);
  const edit = (change: Partial<CompanyDraft>) => {
    setSaved(false);
    setDraft({ ...form, ...change });
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    setProblems([]);
    void run(
      'save',
      async () => {
        const updated = await requestQuiet('companies.update', updateOf(companyId, form));
        query.setData(updated);
        setDraft(null);
        setSaved(true);
        // The name shows in the company switcher.
        useApp.getState().setCompanies(await request('companies.list', {}));
      },
      { onError: (error) => setProblems(formProblems(error)) },
    );
  }

  const list = (key: ListKey) => {
    const spec = LISTS[key];
    const values = form[key];
    return (
      <div className="field--wide identity-list" data-testid={`${spec.id}s`}>
        {values.map((value, i) => (
          <div className="identity-list__row" key={i}>
            <TextField
              label={values.length > 1 ? `${spec.label} ${i + 1}` : spec.label}
              id={`${spec.id}-${i}`}
              value={value}
              maxLength={key === 'emailDomains' ? 253 : 200}
              placeholder={spec.placeholder}
              hint={i === 0 ? spec.hint : undefined}
              errors={errors.get(`${key}.${i}`)}
              aria-invalid={errors.has(`${key}.${i}`) || undefined}
              onChange={(v) => edit({ [key]: values.map((x, j) => (j === i ? v : x)) })}
            />
            {values.length > 1 && (
              <button
                type="button"
                className="button button--quiet button--small"
                aria-label={`Remove ${spec.label.toLowerCase()} ${i + 1}`}
                onClick={() => edit({ [key]: values.filter((_, j) => j !== i) })}
                data-testid={`${spec.id}-${i}-remove`}
              >
                Remove
              </button>
            )}
          </div>
        ))}
        {errors.has(key) && (
          <div className="field__error" role="alert">
            {errors.get(key)?.join('; ')}
          </div>
        )}
        <button
          type="button"
          className="button button--small"
          onClick={() => edit({ [key]: [...values, ''] })}
          data-testid={`${spec.id}-add`}
        >
          {spec.add}
        </button>
      </div>
    );
  };

  return (
    <div className="page" data-testid="company-page">
      <form className="company-form" onSubmit={submit} noValidate data-testid="company-form">
        <PageHeader
          title={company.name}
          actions={<SaveButton saving={busy !== null} testId="save-company" />}
        />
        <p className="muted">
          Your company as it appears on the invoices you receive. Invoice capture reads these details as the
          customer’s — the bill-to block — and never proposes them as the supplier’s.
        </p>
        {saved && <SuccessBanner testId="company-saved">Saved.</SuccessBanner>}
        <ProblemsSummary problems={problems} describe={describeCompanyField} />
        <section className="card" aria-labelledby="h-company-names">
          <h2 id="h-company-names">Names</h2>
          <div className="form-grid">
            <TextField
              label="Name"
              id="company-edit-name"
              value={form.name}
              maxLength={200}
              required
              hint="The name Ledgerbridge shows"
              errors={errors.get('name')}
              onChange={(v) => edit({ name: v })}
            />
            <TextField
              label="Legal name"
              id="company-legal-name"
              value={form.legalName}
              maxLength={200}
              hint="As registered, with its legal form"
              errors={errors.get('legalName')}
              onChange={(v) => edit({ legalName: v })}
            />
            {list('tradingNames')}
          </div>
        </section>
        <Addresses addresses={form.addresses} errors={errors} onChange={(addresses) => edit({ addresses })} />
        <section className="card" aria-labelledby="h-company-tax">
          <h2 id="h-company-tax">Tax ids and bank accounts</h2>
          <div className="form-grid">
            {list('taxIds')}
            {list('ibans')}
          </div>
        </section>
        <section className="card" aria-labelledby="h-company-online">
          <h2 id="h-company-online">E-mail and website</h2>
          <div className="form-grid">
            {list('emailDomains')}
            <TextField
              label="Website"
              id="company-website"
              value={form.website}
              maxLength={300}
              placeholder="www.northwind.com"
              errors={errors.get('website')}
              aria-invalid={errors.has('website') || undefined}
              onChange={(v) => edit({ website: v })}
            />
          </div>
        </section>
      </form>
      <TaxRates companyId={companyId} focus={card === 'tax-rates'} />
    </div>
  );
}
