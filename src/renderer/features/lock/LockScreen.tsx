import { Icon } from '../../components/Icon';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockScreenUser } from '../../../shared/domain';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ErrorBanner, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { RestoreNotices } from '../session/RestoreNotices';
import { useSession } from '../session/session.store';
import { PinPad } from './PinPad';
import { RecoverOwner } from './RecoverOwner';
import './lock.css';

export function LockScreen() {
  const { t } = useTranslation();
  const { status, lockReason, lockScreenUsers, unlock: unlockAs } = useSession();
  const [users, setUsers] = useState<LockScreenUser[]>([]);
  const [selected, setSelected] = useState<LockScreenUser | null>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const [recovering, setRecovering] = useState(false);
  // After too many wrong PINs: when the next try is allowed, and the seconds left (counted down).
  const [waitUntil, setWaitUntil] = useState(0);
  const [secondsLeft, setSecondsLeft] = useState(0);
  useEffect(() => {
    if (waitUntil === 0) return;
    const tick = () => {
      const left = Math.max(0, Math.ceil((waitUntil - Date.now()) / 1000));
      setSecondsLeft(left);
      if (left === 0) setWaitUntil(0);
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [waitUntil]);

  // Loaded once per lock screen (the store's action is stable); later refreshes follow failed attempts.
  const loadUsers = useCallback(
    () =>
      lockScreenUsers().then((r) => {
        if (!r.ok) return;
        setUsers(r.value);
        if (r.value.length === 1) setSelected(r.value[0] ?? null);
      }),
    [lockScreenUsers],
  );
  useEffect(() => {
    void loadUsers();
  }, [loadUsers]);

  const unlock = async () => {
    if (!selected) return;
    setBusy(true);
    setError(null);
    const r = await unlockAs(selected.id, pin);
    setBusy(false);
    setPin('');
    if (!r.ok) {
      const wait = r.error.code === 'THROTTLED' ? (r.error.details?.retryAfterMs ?? 0) : 0;
      // The wait is shown as a live countdown (and the keypad rests) instead of a frozen number.
      setError(wait > 0 ? null : r.error);
      if (wait > 0) setWaitUntil(Date.now() + wait);
      void loadUsers();
    }
  };

  if (recovering) return <RecoverOwner onCancel={() => setRecovering(false)} />;

  const reasonText =
    lockReason === 'idle'
      ? t('lock.lockedIdle')
      : lockReason === 'os-lock' || lockReason === 'suspend'
        ? t('lock.lockedOs')
        : lockReason === 'manual'
          ? t('lock.locked')
          : null;

  return (
    <main className="center-screen">
      <div className="card card-wide">
        <header className="card-head">
          <div>
            <div className="brand">
              <Icon name="lock" /> {t('app.name')}
            </div>
            <h1>{status?.shopName}</h1>
          </div>
          <LanguageSwitch />
        </header>
        {reasonText && <Notice>{reasonText}</Notice>}
        {status && !status.keystoreProtected && <Notice tone="warn">{t('lock.keystoreWarn')}</Notice>}
        {status && <RestoreNotices status={status} />}
        <div className="lock-grid">
          <section aria-labelledby="who">
            <h2 id="who">{t('lock.title')}</h2>
            <ul className="user-list">
              {users.map((u) => (
                <li key={u.id}>
                  <button
                    type="button"
                    className={`user-tile${selected?.id === u.id ? ' selected' : ''}`}
                    aria-pressed={selected?.id === u.id}
                    disabled={u.disabled}
                    onClick={() => {
                      setSelected(u);
                      setError(null);
                      setPin('');
                    }}
                  >
                    <span className="avatar" aria-hidden>
                      {u.name.slice(0, 1).toUpperCase()}
                    </span>
                    <span>
                      <strong>{u.name}</strong>
                      <small>
                        {t(`roles.${u.roleHint}`)}
                        {u.disabled ? ` · ${t('lock.disabled')}` : ''}
                        {u.needsRecovery ? ` · ${t('lock.needsRecovery')}` : ''}
                      </small>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <section>
            {selected ? (
              <>
                <ErrorBanner error={error} />
                {secondsLeft > 0 && (
                  <div className="banner banner-error" role="alert" data-code="THROTTLED">
                    {t('lock.wait', { count: secondsLeft })}
                  </div>
                )}
                {selected.needsRecovery ? (
                  <Notice tone="warn">{t('lock.needsRecovery')}</Notice>
                ) : (
                  <PinPad
                    key={selected.id}
                    label={t('lock.enterPin', { name: selected.name })}
                    value={pin}
                    onChange={setPin}
                    onSubmit={() => void unlock()}
                    submitLabel={t('lock.unlock')}
                    busy={busy}
                    resting={secondsLeft > 0}
                    autoFocus
                  />
                )}
                {selected.roleHint === 'owner' && (
                  <button type="button" className="link" onClick={() => setRecovering(true)}>
                    {t('lock.forgot')}
                  </button>
                )}
              </>
            ) : (
              <p className="muted">{t('lock.choose')}</p>
            )}
          </section>
        </div>
      </div>
    </main>
  );
}
