import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RightsRequest } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import { useSession, type PrivacyTab } from '../session/session.store';
import { DocsPanel } from './DocsPanel';
import { HealthPanel } from './HealthPanel';
import { IncidentPanel } from './IncidentPanel';
import { usePrivacy, type RequestFilter } from './privacy.store';
import { RequestDetail } from './RequestDetail';
import { RequestForm } from './RequestForm';
import './privacy.css';

type Tab = PrivacyTab;

/**
 * Transparency and customers' rights in one place. The owner sees the register (most urgent
 * first), the notice and the record of processing; a cashier records requests and shows the
 * notice to a customer.
 */
export function PrivacyPage() {
  const { t } = useTranslation();
  const isOwner = useSession((s) => s.status?.user?.role === 'owner');
  const tabs: Tab[] = isOwner
    ? ['health', 'requests', 'record', 'notice', 'processing', 'incidents']
    : ['record', 'notice'];
  const kept = useSession((s) => s.privacyTab);
  const setTab = useSession((s) => s.setPrivacyTab);
  const tab: Tab = kept && tabs.includes(kept) ? kept : tabs[0]!;
  return (
    <section className="page privacy">
      <h1>{t('nav.privacy')}</h1>
      <div className="lang-switch tabs" role="tablist" aria-label={t('nav.privacy')}>
        {tabs.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            className={tab === k ? 'active' : ''}
            onClick={() => setTab(k)}
          >
            {t(`privacy.tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'health' && <HealthPanel />}
      {tab === 'requests' && <Register />}
      {tab === 'record' && <RequestForm />}
      {tab === 'notice' && <DocsPanel kind="notice" isOwner={isOwner} />}
      {tab === 'processing' && <DocsPanel kind="record" isOwner={isOwner} />}
      {tab === 'incidents' && <IncidentPanel />}
    </section>
  );
}

function Register() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { list, summary, filter, load, dismiss } = usePrivacy();
  const [openId, setOpenId] = useState<number | null>(null);
  // Open requests picked for refusing together (a flood); main refuses and audits them.
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [dismissReason, setDismissReason] = useState('');
  const [dismissError, setDismissError] = useState<UiError>(null);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [dismissing, setDismissing] = useState(false);
  const openShown = filter === 'open' ? (list?.items ?? []) : [];
  const toggle = (id: number) =>
    setPicked((p) => {
      const next = new Set(p);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const doDismiss = async () => {
    setDismissing(true);
    const r = await dismiss([...picked], dismissReason);
    setDismissing(false);
    setDismissError(r.ok ? null : r.error);
    if (r.ok) {
      setDismissed(r.value.dismissed);
      setPicked(new Set());
      setDismissReason('');
    }
  };
  // The clock for "hours left" is read when the register loads, not during render.
  const [now, setNow] = useState(0);
  useEffect(() => {
    void load().then(() => setNow(Date.now()));
  }, [load]);

  const who = (r: RightsRequest) =>
    r.customerName ??
    (r.requester
      ? t('privacy.nonCustomer', { name: r.requester })
      : t('privacy.erasedCustomer', { id: r.customerRef ?? '?' }));
  const clock = (r: RightsRequest) => {
    if (r.status !== 'open') return t(`privacy.status.${r.status}`);
    const hours = Math.floor((r.dueAt - now) / 3_600_000);
    return hours < 0 ? t('privacy.overdue') : t('privacy.left', { hours });
  };

  return (
    <div className="register">
      {summary && (
        <p className="muted small" data-testid="requests-summary">
          {t('privacy.summary', { ...summary })}
        </p>
      )}
      <div className="lang-switch" role="group" aria-label={t('privacy.tabs.requests')}>
        {(['open', 'closed', 'all'] as RequestFilter[]).map((f) => (
          <button
            key={f}
            type="button"
            className={filter === f ? 'active' : ''}
            aria-pressed={filter === f}
            onClick={() => {
              setPicked(new Set());
              void load(f);
            }}
          >
            {t(`privacy.filter.${f}`)}
          </button>
        ))}
      </div>
      {list && list.items.length === 0 && <p className="empty">{t('privacy.none')}</p>}
      {dismissed !== null && <Notice tone="ok">{t('privacy.dismiss.done', { dismissed })}</Notice>}
      {openShown.length > 1 && (
        <div className="dismiss-bar" data-testid="dismiss-bar">
          <p className="muted small">{t('privacy.dismiss.help')}</p>
          <div className="actions actions-left">
            <Button
              type="button"
              className="btn-ghost"
              onClick={() => setPicked(new Set(openShown.map((r) => r.id)))}
            >
              {t('privacy.dismiss.selectAll')}
            </Button>
            {picked.size > 0 && (
              <Button type="button" className="btn-ghost" onClick={() => setPicked(new Set())}>
                {t('privacy.dismiss.clear')}
              </Button>
            )}
            <span className="small">{t('privacy.dismiss.selected', { count: picked.size })}</span>
          </div>
          {picked.size > 0 && (
            <>
              <Field
                label={t('privacy.dismiss.reason')}
                name="dismissReason"
                value={dismissReason}
                maxLength={1000}
                onChange={(e) => setDismissReason(e.target.value)}
              />
              <ErrorBanner error={dismissError} />
              <Button
                type="button"
                className="btn-danger"
                busy={dismissing}
                disabled={dismissReason.trim().length < 10}
                onClick={() => void doDismiss()}
              >
                {t('privacy.dismiss.submit')}
              </Button>
            </>
          )}
        </div>
      )}
      <ul className="request-list" data-testid="request-list">
        {list?.items.map((r) => (
          <li key={r.id} className={r.status === 'open' && r.dueAt <= now ? 'overdue' : ''}>
            {filter === 'open' && openShown.length > 1 && (
              <input
                type="checkbox"
                className="request-pick"
                aria-label={t('privacy.dismiss.select', { id: r.id })}
                checked={picked.has(r.id)}
                onChange={() => toggle(r.id)}
              />
            )}
            <button
              type="button"
              className="request-row"
              aria-expanded={openId === r.id}
              onClick={() => setOpenId(openId === r.id ? null : r.id)}
            >
              <span>
                <strong>
                  #{r.id} {t(`privacy.types.${r.type}`)}
                </strong>{' '}
                · {who(r)}
              </span>
              <span className="small">
                {t('privacy.due', { when: formatDateTime(r.dueAt, lang) })} · <b>{clock(r)}</b>
                {r.dismissed && <> · {t('privacy.dismissed')}</>}
              </span>
            </button>
            {openId === r.id && <RequestDetail request={r} />}
          </li>
        ))}
      </ul>
    </div>
  );
}
