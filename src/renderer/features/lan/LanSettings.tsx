import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanDevice } from '../../../shared/domain/lan';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import { useLan } from './lan.store';
import './lan.css';

/**
 * Settings → "Kasir tambahan", the owner's on the primary: the switch, where a new laptop connects,
 * the one-time code with its countdown, and the paired laptops with their revocation. Main decides
 * everything (settings.manage, primary only); this shows what it says.
 */
export function LanSettings() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { status, devices, code, available, load, enable, newCode, revoke, dropCode } = useLan();
  const [error, setError] = useState<UiError>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<LanDevice | null>(null);
  const [expired, setExpired] = useState(false);
  const [justPaired, setJustPaired] = useState<string | null>(null);

  useEffect(() => {
    void load().then((r) => {
      if (!r.ok && r.error.details?.reason !== 'primary_only') setError(r.error);
    });
    const stop = useLan.getState().followPairing((device) => {
      setExpired(false);
      setJustPaired(device.name);
    });
    return () => {
      stop();
      useLan.getState().dropCode();
    };
  }, [load]);

  const codeRanOut = useCallback(() => {
    setExpired(true);
    dropCode();
  }, [dropCode]);

  if (!available || !status) return null;

  const run = async <T,>(work: () => Promise<{ ok: true; value: T } | { ok: false; error: UiError }>) => {
    setBusy(true);
    const r = await work();
    setBusy(false);
    setError(r.ok ? null : r.error);
    return r.ok;
  };

  const toggle = () => void run(() => enable(!status.enabled)).then(() => setExpired(false));
  const makeCode = () =>
    void run(newCode).then((ok) => {
      if (ok) setExpired(false);
      setJustPaired(null);
    });
  const doRevoke = async (d: LanDevice) => {
    setConfirming(null);
    await run(() => revoke(d.id));
  };

  return (
    <div className="inline-form lan-settings" data-testid="lan-settings">
      <h2 id="lan-title">{t('lan.title')}</h2>
      <ErrorBanner error={error} />
      <div className="lan-switch-row">
        <button
          type="button"
          role="switch"
          aria-checked={status.enabled}
          aria-labelledby="lan-title"
          aria-describedby="lan-what"
          className={`lan-switch${status.enabled ? ' on' : ''}`}
          disabled={busy}
          onClick={toggle}
        >
          <span className="lan-knob" aria-hidden />
          <span className="lan-switch-text">{status.enabled ? t('lan.on') : t('lan.off')}</span>
        </button>
        <p id="lan-what" className="lan-what">
          {t('lan.what')}
        </p>
      </div>
      <Notice tone="info">{t('lan.firewall')}</Notice>

      {status.enabled && (
        <>
          {status.listening ? (
            <dl className="lan-where">
              <dt>{t('lan.address')}</dt>
              <dd>
                {status.listening.addresses.map((a) => (
                  <code key={a} className="lan-value">
                    {a}
                  </code>
                ))}
              </dd>
              <dt>{t('lan.port')}</dt>
              <dd>
                <code className="lan-value">{status.listening.port}</code>
              </dd>
              {status.fingerprint && (
                <>
                  <dt>{t('lan.fingerprint')}</dt>
                  <dd>
                    <code className="lan-value" data-testid="lan-fingerprint">
                      {status.fingerprint}
                    </code>
                    <small className="field-help">{t('lan.fingerprintHelp')}</small>
                  </dd>
                </>
              )}
            </dl>
          ) : (
            <Notice tone="warn">{t('lan.notListening')}</Notice>
          )}

          {code && !expired ? (
            <CodePanel
              code={code.code}
              expiresAt={code.expiresAt}
              lang={lang}
              onExpired={codeRanOut}
              onNew={makeCode}
              busy={busy}
            />
          ) : (
            <div className="lan-code-start">
              {expired && <Notice tone="warn">{t('lan.codeExpired')}</Notice>}
              {justPaired && <Notice tone="ok">{t('lan.pairedNow', { name: justPaired })}</Notice>}
              <p className="muted small">{t('lan.codeIntro')}</p>
              <Button className="btn-primary" busy={busy} onClick={makeCode} disabled={!status.listening}>
                {t('lan.newCode')}
              </Button>
            </div>
          )}
        </>
      )}

      {/* Asked again on the owner's click, never on a timer: every call counts as someone at the
          screen, and a poll would keep an unattended window from locking by itself. */}
      <div className="pane-head">
        <h3>{t('lan.devices')}</h3>
        <Button className="btn-ghost" busy={busy} onClick={() => void run(load)}>
          {t('lan.refresh')}
        </Button>
      </div>
      {confirming && (
        <div className="banner banner-warn confirm" role="alertdialog" aria-label={t('lan.revoke')}>
          <span>{t('lan.confirmRevoke', { name: confirming.name })}</span>
          <Button className="btn-ghost" onClick={() => setConfirming(null)} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button className="btn-danger" onClick={() => void doRevoke(confirming)}>
            {t('lan.revoke')}
          </Button>
        </div>
      )}
      {devices.length === 0 ? (
        <p className="muted small">{t('lan.noDevices')}</p>
      ) : (
        <ul className="consent-list lan-devices" aria-label={t('lan.devices')}>
          {devices.map((d) => (
            <li key={d.id} data-testid="lan-device">
              <div>
                <strong>{d.name}</strong>
                {d.revokedAt !== null && (
                  <span className="pill pill-warn">
                    {t('lan.revokedAt', { date: formatDateTime(d.revokedAt, lang) })}
                  </span>
                )}
                <div className="muted small">
                  {t('lan.pairedAt', { date: formatDateTime(d.pairedAt, lang) })}
                </div>
                <div className="muted small">
                  {d.lastSeenAt === null
                    ? t('lan.neverSeen')
                    : t('lan.lastSeen', { date: formatDateTime(d.lastSeenAt, lang) })}
                </div>
              </div>
              {d.revokedAt === null && (
                <Button
                  className="btn-ghost row-actions"
                  aria-label={t('lan.revokeNamed', { name: d.name })}
                  onClick={() => setConfirming(d)}
                >
                  {t('lan.revoke')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The one-time code, large, with the time it has left on a live countdown. */
function CodePanel({
  code,
  expiresAt,
  lang,
  onExpired,
  onNew,
  busy,
}: {
  code: string;
  expiresAt: number;
  lang: Language;
  onExpired(): void;
  onNew(): void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(() => expiresAt - Date.now());
  useEffect(() => {
    const tick = () => {
      const ms = expiresAt - Date.now();
      setLeft(ms);
      if (ms <= 0) onExpired();
    };
    tick();
    const timer = setInterval(tick, 500);
    return () => clearInterval(timer);
  }, [expiresAt, onExpired]);

  const seconds = Math.max(0, Math.ceil(left / 1000));
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <div className="lan-code" role="group" aria-label={t('lan.codeLabel')}>
      <p className="small">{t('lan.codeLabel')}</p>
      <output className="lan-code-value" data-testid="lan-code">
        {code}
      </output>
      <p className="lan-countdown" data-testid="lan-countdown">
        {t('lan.codeLeft', { left: clock, until: formatDateTime(expiresAt, lang) })}
      </p>
      <p className="muted small">{t('lan.codeHelp')}</p>
      <Button className="btn-ghost" busy={busy} onClick={onNew}>
        {t('lan.anotherCode')}
      </Button>
    </div>
  );
}
