import { useState, type FormEvent } from 'react';
import { problemsByField } from '../lib/problems';
import { useAction } from '../lib/useAction';
import { formProblems, request, requestQuiet, useApp } from '../state/app';
import { Field } from './ui';

export function CompanySwitcher() {
  const companies = useApp((s) => s.companies) ?? [];
  const companyId = useApp((s) => s.companyId);
  const selectCompany = useApp((s) => s.selectCompany);
  const [adding, setAdding] = useState(false);
  return (
    <div className="company-switcher">
      <label htmlFor="company-select" className="sr-only">
        Company
      </label>
      <select
        id="company-select"
        data-testid="company-select"
        value={companyId ?? ''}
        onChange={(e) => {
          if (e.target.value === '__new') setAdding(true);
          else selectCompany(e.target.value);
        }}
      >
        {companies.map((c) => (
          <option key={c.id} value={c.id} title={`${c.name} (${c.baseCurrency})`}>
            {c.name}
          </option>
        ))}
        <option value="__new">Add a company…</option>
      </select>
      {adding && (
        <div className="company-switcher__new">
          <CompanyForm compact onDone={() => setAdding(false)} />
        </div>
      )}
    </div>
  );
}

export function FirstRun() {
  return (
    <div className="card card--narrow" data-testid="first-run">
      <h1>Welcome to Ledgerbridge</h1>
      <p className="muted">
        Start with the company whose purchase orders, service orders, invoices and receipts you keep. You can
        add more companies later.
      </p>
      <p className="muted" data-testid="first-run-identity-hint">
        Then add its addresses, tax ids and bank accounts on the Company page: invoice capture reads them as
        yours, never as a supplier’s.
      </p>
      <CompanyForm />
    </div>
  );
}

function CompanyForm({ compact, onDone }: { compact?: boolean; onDone?: () => void }) {
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('USD');
  const { busy, run } = useAction();
  const [problems, setProblems] = useState<Map<string, string[]>>(new Map());

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(
      'create',
      async () => {
        const company = await requestQuiet('companies.create', {
          name,
          baseCurrency: currency.trim().toUpperCase(),
        });
        const companies = await request('companies.list', {});
        useApp.getState().setCompanies(companies);
        useApp.getState().selectCompany(company.id);
        onDone?.();
      },
      { onError: (error) => setProblems(problemsByField(formProblems(error))) },
    );
  }

  const prefix = compact ? 'new-company' : 'company';
  return (
    <form onSubmit={submit} className="form" data-testid="company-form">
      <Field label="Company name" htmlFor={`${prefix}-name`} errors={problems.get('name')}>
        <input
          id={`${prefix}-name`}
          data-testid="company-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={200}
          autoFocus
        />
      </Field>
      <Field
        label="Base currency"
        htmlFor={`${prefix}-currency`}
        errors={problems.get('baseCurrency')}
        hint="Three-letter code, e.g. USD, EUR, GBP"
      >
        <input
          id={`${prefix}-currency`}
          data-testid="company-currency"
          value={currency}
          onChange={(e) => setCurrency(e.target.value.toUpperCase())}
          required
          pattern="[A-Za-z]{3}"
          maxLength={3}
          className="input--short"
        />
      </Field>
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy !== null}
          data-testid="company-create"
        >
          {busy ? 'Creating…' : 'Create company'}
        </button>
        {onDone && (
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
