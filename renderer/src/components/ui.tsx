// Small shared pieces: badges, money, totals, form fields, filters, empty states.
import type { InputHTMLAttributes, ReactNode } from 'react';
import { label, tone } from '../lib/labels';
import { formatMoney } from '../lib/money';

export function Badge({ value, testId, text }: { value: string; testId?: string; text?: string }) {
  return (
    <span className={`badge badge--${tone(value)}`} data-testid={testId} data-value={value}>
      {text ?? label(value)}
    </span>
  );
}

export function Money({ amount, currency, testId }: { amount: string; currency: string; testId?: string }) {
  return (
    <span className="num" data-testid={testId} data-amount={amount}>
      {formatMoney(amount, currency)}
    </span>
  );
}

export function Field({
  label: text,
  htmlFor,
  errors,
  hint,
  children,
  className,
}: {
  /** Text, or text with a mark after it (a badge: it becomes part of the input's accessible name). */
  label: ReactNode;
  htmlFor: string;
  errors?: string[] | undefined;
  hint?: string;
  children: ReactNode;
  className?: string;
}) {
  const invalid = errors && errors.length > 0;
  return (
    <div className={`field${invalid ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={htmlFor}>{text}</label>
      {children}
      {hint && !invalid && <div className="field__hint">{hint}</div>}
      {invalid && (
        <div className="field__error" id={`${htmlFor}-error`} role="alert" data-testid={`error-${htmlFor}`}>
          {errors.join('; ')}
        </div>
      )}
    </div>
  );
}

/** A document's totals, subtotal down to gross; `live` announces changes to screen readers (the editor's preview). */
export function TotalsList({
  totals,
  currency,
  live,
}: {
  totals: { subtotal: string; discount: string; net: string; tax: string; gross: string };
  currency: string;
  live?: boolean;
}) {
  return (
    <dl className="totals" data-testid="totals" aria-live={live ? 'polite' : undefined}>
      <dt>Subtotal</dt>
      <dd>
        <Money amount={totals.subtotal} currency={currency} testId="total-subtotal" />
      </dd>
      <dt>Discount</dt>
      <dd>
        <Money amount={totals.discount} currency={currency} testId="total-discount" />
      </dd>
      <dt>Net</dt>
      <dd>
        <Money amount={totals.net} currency={currency} testId="total-net" />
      </dd>
      <dt>Tax</dt>
      <dd>
        <Money amount={totals.tax} currency={currency} testId="total-tax" />
      </dd>
      <dt className="totals__gross">Gross</dt>
      <dd className="totals__gross">
        <Money amount={totals.gross} currency={currency} testId="total-gross" />
      </dd>
    </dl>
  );
}

/** A Field holding one text-like <input> whose data-testid is its id unless told otherwise. */
export function TextField({
  label: text,
  id,
  value,
  onChange,
  errors,
  hint,
  wide,
  testId,
  ...input
}: {
  label: string;
  id: string;
  value: string;
  onChange(value: string): void;
  errors?: string[] | undefined;
  hint?: string | undefined;
  wide?: boolean;
  testId?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>) {
  return (
    <Field label={text} htmlFor={id} errors={errors} hint={hint} className={wide ? 'field--wide' : undefined}>
      <input
        {...input}
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId ?? id}
      />
    </Field>
  );
}

/** The submit button of a form that saves: "Saving…" and disabled while it does. */
export function SaveButton({ saving, testId }: { saving: boolean; testId: string }) {
  return (
    <button type="submit" className="button button--primary" disabled={saving} data-testid={testId}>
      {saving ? 'Saving…' : 'Save'}
    </button>
  );
}

/** One <option> per enum value, shown by its plain-language name. */
export function EnumOptions({ values }: { values: readonly string[] }) {
  return values.map((v) => (
    <option key={v} value={v}>
      {label(v)}
    </option>
  ));
}

/** One labelled control in a filter bar. */
export function Filter({
  label: text,
  htmlFor,
  grow,
  children,
}: {
  label: string;
  htmlFor: string;
  grow?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={grow ? 'filter filter--grow' : 'filter'}>
      <label htmlFor={htmlFor}>{text}</label>
      {children}
    </div>
  );
}

/** A filter bar's search box, which takes the free width. */
export function SearchFilter({
  id,
  placeholder,
  value,
  onChange,
  testId,
}: {
  id: string;
  placeholder: string;
  value: string;
  onChange(value: string): void;
  testId: string;
}) {
  return (
    <Filter label="Search" htmlFor={id} grow>
      <input
        id={id}
        type="search"
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </Filter>
  );
}

/**
 * A filter bar's <select>: an "all" choice first when `allLabel` is given (its value is ""; include '' in T
 * then), and the values by their plain-language names unless `optionLabel` names them.
 */
export function FilterSelect<T extends string>({
  label: text,
  id,
  value,
  values,
  onChange,
  allLabel,
  optionLabel,
  testId,
}: {
  label: string;
  id: string;
  value: T;
  values: readonly T[];
  onChange(value: T): void;
  allLabel?: string;
  optionLabel?: (value: T) => string;
  testId: string;
}) {
  return (
    <Filter label={text} htmlFor={id}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={testId}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {values.map((v) => (
          <option key={v} value={v}>
            {(optionLabel ?? label)(v)}
          </option>
        ))}
      </select>
    </Filter>
  );
}

export function Empty({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty" data-testid={testId}>
      <h2>{title}</h2>
      {children && <div className="empty__body">{children}</div>}
    </div>
  );
}

export function PageHeader({
  title,
  actions,
  children,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div className="page-header__main">
        <h1>{title}</h1>
        {children}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** IsoDate "2025-03-04" shown as is: unambiguous and sortable, and no time-zone shift. */
export function formatDate(iso: string | null | undefined): string {
  return iso ?? '';
}
