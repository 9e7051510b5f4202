import { useId, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PIN_MAX_LENGTH } from '../../../shared/pin-policy';
import { Button } from '../../components/ui';

interface PinPadProps {
  label: string;
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  submitLabel: string;
  busy?: boolean;
  /** Waiting after too many wrong PINs: every key is off until the wait is over. */
  resting?: boolean;
  autoFocus?: boolean;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * A large on-screen pad for touchscreens at the counter, over an ordinary password input so the
 * keyboard (digits, Backspace, Enter) works the same. The owner can type a passphrase into it.
 */
export function PinPad({
  label,
  value,
  onChange,
  onSubmit,
  submitLabel,
  busy,
  resting,
  autoFocus,
}: PinPadProps) {
  const off = busy || resting;
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const press = (next: string) => {
    onChange(next.slice(0, PIN_MAX_LENGTH));
    input.current?.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.length > 0 && !off) onSubmit();
  };
  return (
    <form className="pinpad" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={input}
        className="pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={PIN_MAX_LENGTH}
        value={value}
        autoFocus={autoFocus}
        disabled={off}
        onChange={(e) => onChange(e.target.value)}
      />
      <div className="pinpad-keys" role="group" aria-label={label}>
        {KEYS.map((k) => (
          <button type="button" key={k} className="pin-key" disabled={off} onClick={() => press(value + k)}>
            {k}
          </button>
        ))}
        <button
          type="button"
          className="pin-key pin-key-muted"
          disabled={off}
          aria-label={t('lock.backspace')}
          onClick={() => press(value.slice(0, -1))}
        >
          ⌫
        </button>
        <button type="button" className="pin-key" disabled={off} onClick={() => press(value + '0')}>
          0
        </button>
        <Button
          type="submit"
          className="pin-key pin-key-ok"
          busy={busy}
          disabled={value.length === 0 || resting}
        >
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
