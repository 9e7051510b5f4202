import { Icon } from '../../components/Icon';
import { useEffect, useState } from 'react';
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
    // The log keeps record numbers; the owner sees the customer's name beside it while they exist.
    const target = e.target ? ` #${e.target}${e.targetName ? ` (${e.targetName})` : ''}` : '';
    const label = i18n.exists(key) ? t(key, { target }) : t('audit.otherAction');
    const why = e.detail.code ?? e.detail.reason;
    if (e.outcome === 'ok' || typeof why !== 'string') return label;
    const reasonKey = `audit.reasons.${why}`;
    return `${label} · ${i18n.exists(reasonKey) ? t(reasonKey) : t('audit.reasons.other')}`;
  };
}

/** Runs of the same thing by the same person (idle locks, repeated views) shown as one row, ×N. */
function collapse(entries: AuditEntry[], describe: (e: AuditEntry) => string) {
  const rows: { entry: AuditEntry; text: string; count: number; oldest: AuditEntry }[] = [];
  for (const e of entries) {
    const text = describe(e);
    const last = rows.at(-1);
    if (last && last.text === text && last.entry.actorId === e.actorId && last.entry.outcome === e.outcome) {
      last.count++;
      last.oldest = e;
    } else rows.push({ entry: e, text, count: 1, oldest: e });
  }
  return rows;
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const {
    entries,
    total,
    verify,
    error,
    load,
    loadMore,
    runVerify,
    actions,
    users,
    filter,
    setFilter,
    exportCsv,
  } = useAudit();
  const describe = useDescribe();
  const rows = collapse(entries, describe);
  const actionLabel = (a: string) =>
    i18n.exists(`audit.actions.${a}`) ? t(`audit.actions.${a}`, { target: '' }) : a;

  useEffect(() => {
    void load();
  }, [load]);
  const [exported, setExported] = useState<number | null>(null);
  const doExport = async () => {
    const r = await exportCsv();
    setExported(r.ok && r.value.saved ? r.value.count : null);
  };

  return (
    <section className="page">
      <div className="pane-head">
        <h1>{t('audit.title')}</h1>
        <span className="row-actions">
          <Button onClick={() => void doExport()}>{t('audit.export')}</Button>
          <Button onClick={() => void runVerify()}>
            <Icon name="check" /> {t('audit.verify')}
          </Button>
        </span>
      </div>
      {exported !== null && <Notice tone="ok">{t('audit.exported', { count: exported })}</Notice>}
      <p className="muted">{t('audit.intro')}</p>
      {verify &&
        (verify.ok ? (
          <Notice tone="ok">{t('audit.verifyOk', { count: verify.checked })}</Notice>
        ) : (
          <Notice tone="warn">
            {verify.firstBrokenId !== null
              ? t('audit.verifyBroken', { id: verify.firstBrokenId })
              : t(
                  verify.anchor === 'forged'
                    ? 'audit.anchorForged'
                    : verify.anchor === 'missing'
                      ? 'audit.anchorMissing'
                      : 'audit.anchorBehind',
                )}
          </Notice>
        ))}
      <ErrorBanner error={error} />
      <div className="audit-filters" role="group" aria-label={t('audit.filters')}>
        <label className="field">
          <span>{t('audit.who')}</span>
          <select
            value={filter.actorId ?? ''}
            onChange={(e) => void setFilter({ ...filter, actorId: e.target.value || undefined })}
          >
            <option value="">{t('audit.everyone')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('audit.what')}</span>
          <select
            value={filter.action ?? ''}
            onChange={(e) => void setFilter({ ...filter, action: e.target.value || undefined })}
          >
            <option value="">{t('audit.everything')}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('audit.customer')}</span>
          <input
            type="number"
            min={1}
            inputMode="numeric"
            value={filter.customerId ?? ''}
            onChange={(e) => void setFilter({ ...filter, customerId: e.target.value || undefined })}
          />
        </label>
        <label className="field">
          <span>{t('audit.from')}</span>
          <input
            type="date"
            value={filter.from ?? ''}
            onChange={(e) => void setFilter({ ...filter, from: e.target.value || undefined })}
          />
        </label>
        <label className="field">
          <span>{t('audit.to')}</span>
          <input
            type="date"
            value={filter.to ?? ''}
            onChange={(e) => void setFilter({ ...filter, to: e.target.value || undefined })}
          />
        </label>
      </div>
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
          {rows.map(({ entry: e, text, count, oldest }) => (
            <tr key={e.id} className={e.outcome !== 'ok' ? 'row-alert' : ''}>
              <td className="muted">{count > 1 ? `${oldest.id}–${e.id}` : e.id}</td>
              <td className="nowrap">{formatDateTime(e.at, lang)}</td>
              <td>{e.actorName ?? (e.actorId ? t('audit.unknownUser') : t('audit.system'))}</td>
              <td title={typeof e.detail.channel === 'string' ? e.detail.channel : undefined}>
                {text}
                {count > 1 && <span className="pill">{t('audit.times', { count })}</span>}
              </td>
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
