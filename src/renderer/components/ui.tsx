import { useId, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode } from 'react';
import type { UiError } from '../lib/client';

export function ErrorBanner({ error }: { error: UiError }) {
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert" data-code={error.code}>
      {error.message}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'ok' | 'warn' }) {
  return (
    <div className={`banner banner-${tone}`} role="status">
      {children}
    </div>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  help?: string;
  invalid?: string | false;
  multiline?: boolean;
  /** Lines shown for a multiline field (3 by default). */
  rows?: number;
}

/** Label, input and its message wired together for screen readers and tests. */
export function Field({ label, help, invalid, multiline, rows = 3, ...input }: FieldProps) {
  const id = useId();
  const hint = invalid || help;
  const described = hint ? `${id}-hint` : undefined;
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={described}
          name={input.name}
          value={input.value as string}
          onChange={input.onChange as never}
          maxLength={input.maxLength}
          rows={rows}
        />
      ) : (
        <input id={id} aria-invalid={invalid ? true : undefined} aria-describedby={described} {...input} />
      )}
      {hint && (
        <small id={described} className={invalid ? 'field-error' : 'field-help'}>
          {hint}
        </small>
      )}
    </div>
  );
}

export function Button({
  busy,
  children,
  className = '',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean }) {
  return (
    <button
      className={`btn ${className}`}
      disabled={busy || rest.disabled}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <span className="spinner" aria-hidden /> : null}
      {children}
    </button>
  );
}

/** A long job's bar: the phase in words, the share done, readable by screen readers. */
export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const percent = Math.round((done / Math.max(1, total)) * 100);
  // The words sit under the bar, not on it: readable whatever share of it is filled.
  return (
    <div className="progress-wrap">
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={label}
      >
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress-label small">{label}</span>
    </div>
  );
}

/** The back/cancel + submit row that ends most forms. */
export function FormActions({
  onBack,
  backLabel,
  submitLabel,
  busy,
}: {
  onBack(): void;
  backLabel: string;
  submitLabel: string;
  busy?: boolean;
}) {
  return (
    <div className="actions">
      <Button type="button" className="btn-ghost" onClick={onBack} disabled={busy}>
        {backLabel}
      </Button>
      <Button type="submit" className="btn-primary" busy={busy}>
        {submitLabel}
      </Button>
    </div>
  );
}
