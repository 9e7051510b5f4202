import { Icon } from '../../components/Icon';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Notice } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useAudit } from './audit.store';

function useDescribe() {
  const { t, i18n } = useTranslation();
  return (e: AuditEntry) => {
    const key = `audit.actions.${e.action}`;
    // Targets are record numbers, never names: "#12".
    const label = i18n.exists(key) ? t(key, { target: e.target ? ` #${e.target}` : '' }) : e.action;
    const channel = typeof e.detail.channel === 'string' ? ` (${e.detail.channel})` : '';
    const why = e.detail.code ?? e.detail.reason;
    if (e.outcome === 'ok' || typeof why !== 'string') return label + channel;
    const reasonKey = `audit.reasons.${why}`;
    return `${label}${channel} · ${i18n.exists(reasonKey) ? t(reasonKey) : why}`;
  };
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { entries, total, verify, error, load, loadMore, runVerify } = useAudit();
  const describe = useDescribe();

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="page">
      <div className="pane-head">
        <h1>{t('audit.title')}</h1>
        <Button onClick={() => void runVerify()}>
          <Icon name="check" /> {t('audit.verify')}
        </Button>
      </div>
      <p className="muted">{t('audit.intro')}</p>
      {verify &&
        (verify.ok ? (
          <Notice tone="ok">{t('audit.verifyOk', { count: verify.checked })}</Notice>
        ) : (
          <Notice tone="warn">
            {verify.firstBrokenId !== null
              ? t('audit.verifyBroken', { id: verify.firstBrokenId })
              : t(verify.anchor === 'forged' ? 'audit.anchorForged' : 'audit.anchorBehind')}
          </Notice>
        ))}
      <ErrorBanner error={error} />
      <table className="table" data-testid="audit-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('audit.when')}</th>
            <th>{t('audit.who')}</th>
            <th>{t('audit.what')}</th>
            <th>{t('audit.result')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className={e.outcome !== 'ok' ? 'row-alert' : ''}>
              <td className="muted">{e.id}</td>
              <td className="nowrap">{formatDateTime(e.at, lang)}</td>
              <td>{e.actorName ?? (e.actorId ? t('audit.unknownUser') : t('audit.system'))}</td>
              <td>{describe(e)}</td>
              <td>
                <span className={`pill ${e.outcome === 'ok' ? 'pill-ok' : 'pill-warn'}`}>
                  {t(`audit.outcome.${e.outcome}`)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length < total && (
        <Button className="btn-ghost" onClick={() => void loadMore()}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}
