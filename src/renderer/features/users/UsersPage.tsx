import { Icon } from '../../components/Icon';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserRow } from '../../../shared/domain';
import { checkPin } from '../../../shared/pin-policy';
import { Button, ErrorBanner, Field, FormActions, Notice } from '../../components/ui';
import { errorFields, type UiError } from '../../lib/client';
import { useUsers } from './users.store';

type Mode = { kind: 'none' } | { kind: 'add' } | { kind: 'reset'; user: UserRow };

export function UsersPage() {
  const { t } = useTranslation();
  const { users, error: loadError, load, create, resetPin, disable: disableUser } = useUsers();
  const [mode, setMode] = useState<Mode>({ kind: 'none' });
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const problem = checkPin(pin);
  const bad = errorFields(error);

  useEffect(() => {
    void load();
  }, [load]);

  const reset = () => {
    setMode({ kind: 'none' });
    setName('');
    setPin('');
    setTouched(false);
    setError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problem || (mode.kind === 'add' && !name.trim())) return;
    setBusy(true);
    setError(null);
    const r = mode.kind === 'reset' ? await resetPin(mode.user.id, pin) : await create(name, pin);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setMessage(
      mode.kind === 'reset' ? t('users.resetDone', { name: mode.user.name }) : t('users.created', { name }),
    );
    reset();
  };

  const [confirming, setConfirming] = useState<UserRow | null>(null);
  const disable = async (u: UserRow) => {
    setConfirming(null);
    const r = await disableUser(u.id);
    if (!r.ok) return setError(r.error);
    setMessage(t('users.disabled', { name: u.name }));
  };

  return (
    <section className="page">
      <div className="pane-head">
        <h1>{t('users.title')}</h1>
        <Button
          className="btn-primary"
          onClick={() => {
            reset();
            setMode({ kind: 'add' });
          }}
        >
          <Icon name="plus" /> {t('users.add')}
        </Button>
      </div>
      {message && <Notice tone="ok">{message}</Notice>}
      <ErrorBanner error={loadError} />
      {confirming && (
        <div className="banner banner-warn confirm" role="alertdialog" aria-label={t('users.disable')}>
          <span>{t('users.confirmDisable', { name: confirming.name })}</span>
          <Button className="btn-ghost btn-small" onClick={() => setConfirming(null)}>
            {t('common.cancel')}
          </Button>
          <Button className="btn-danger btn-small" onClick={() => void disable(confirming)}>
            {t('users.disable')}
          </Button>
        </div>
      )}
      {mode.kind !== 'none' && (
        <form className="inline-form" onSubmit={(e) => void submit(e)}>
          <h2>{mode.kind === 'add' ? t('users.add') : t('users.newPinFor', { name: mode.user.name })}</h2>
          <ErrorBanner error={error} />
          {mode.kind === 'add' && (
            <Field
              label={t('users.name')}
              name="name"
              value={name}
              maxLength={120}
              autoFocus
              onChange={(e) => setName(e.target.value)}
              invalid={(touched && !name.trim() && t('common.required')) || (bad.includes('name') && ' ')}
            />
          )}
          <Field
            label={t('users.initialPin')}
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={pin}
            autoFocus={mode.kind === 'reset'}
            onChange={(e) => setPin(e.target.value)}
            help={t('users.initialPinHelp')}
            invalid={touched && problem !== null && t(`pinWeak.${problem}`)}
          />
          <FormActions
            onBack={reset}
            backLabel={t('common.cancel')}
            submitLabel={t('common.save')}
            busy={busy}
          />
        </form>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>{t('users.name')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.status')}</th>
            <th>
              <span className="visually-hidden">{t('users.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{t(`roles.${u.role}`)}</td>
              <td>
                <span className={`pill ${u.active && !u.pinLocked ? 'pill-ok' : 'pill-off'}`}>
                  {!u.active ? t('users.inactive') : u.pinLocked ? t('users.pinLocked') : t('users.active')}
                </span>
                {u.pinLocked && <small className="block muted">{t('users.pinLockedFix')}</small>}
                {u.mustChangePin && u.active && (
                  <span className="pill pill-warn">{t('users.mustChange')}</span>
                )}
              </td>
              <td>
                {u.role === 'cashier' && (
                  <div className="row-actions">
                    <Button
                      className="btn-small"
                      onClick={() => {
                        reset();
                        setMode({ kind: 'reset', user: u });
                      }}
                    >
                      {t('users.resetPin')}
                    </Button>
                    {u.active && (
                      <Button className="btn-small btn-danger" onClick={() => setConfirming(u)}>
                        {t('users.disable')}
                      </Button>
                    )}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
