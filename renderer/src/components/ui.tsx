// Small shared pieces: badges, money, form fields, empty states.
import type { ReactNode } from 'react';
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
  label: string;
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
      <div>
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
