import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MARKETING_CHANNELS,
  type AudienceMember,
  type MarketingChannel,
  type Page,
} from '../../../shared/domain';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { useMarketing } from './marketing.store';
import './marketing.css';

/**
 * The marketing audience. Who is in it is decided in main (consent granted now, not restricted);
 * this page only shows it and asks main to export it.
 */
export function MarketingPage() {
  const { t } = useTranslation();
  const { list, exportCsv: exportAudience, whatsapp } = useMarketing();
  const [channel, setChannel] = useState<MarketingChannel>('whatsapp');
  const [message, setMessage] = useState('');
  const [page, setPage] = useState<Page<AudienceMember> | null>(null);
  const [error, setError] = useState<UiError>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      void list(channel, message).then((r) => (r.ok ? setPage(r.value) : setError(r.error)));
    }, 250);
    return () => clearTimeout(timer);
  }, [channel, message, list]);

  const exportCsv = async () => {
    setNotice(null);
    const r = await exportAudience(channel, message);
    if (!r.ok) return setError(r.error);
    if (r.value.saved) setNotice(t('marketing.exported', { count: r.value.count }));
  };

  // One click per customer: WhatsApp opens with the message, or the link is copied.
  const handOff = async (m: AudienceMember, mode: 'open' | 'copy') => {
    setNotice(null);
    setError(null);
    const r = await whatsapp(m.id, message, mode);
    if (!r.ok) return setError(r.error);
    setNotice(t(mode === 'open' ? 'marketing.opened' : 'marketing.copied', { name: m.name }));
  };

  return (
    <section className="page">
      <div className="pane-head">
        <h1>{t('marketing.title')}</h1>
        <Button className="btn-primary" onClick={() => void exportCsv()} disabled={!page || page.total === 0}>
          {t('marketing.export')}
        </Button>
      </div>
      <p className="muted">{t('marketing.intro')}</p>
      <ErrorBanner error={error} />
      {notice && <Notice tone="ok">{notice}</Notice>}
      <div className="row">
        <div className="lang-switch channel-switch" role="group" aria-label={t('marketing.channel')}>
          {MARKETING_CHANNELS.map((c) => (
            <button
              key={c}
              type="button"
              className={channel === c ? 'active' : ''}
              aria-pressed={channel === c}
              onClick={() => {
                // A notice about the other channel's export no longer describes this one.
                setChannel(c);
                setNotice(null);
              }}
            >
              {t(`marketing.channels.${c}`)}
            </button>
          ))}
        </div>
      </div>
      {channel === 'whatsapp' && (
        <Field
          label={t('marketing.message')}
          name="message"
          multiline
          help={t('marketing.messageHelp')}
          value={message}
          maxLength={500}
          onChange={(e) => setMessage(e.target.value)}
        />
      )}
      <p className="muted small" data-testid="audience-count">
        {t('marketing.count', { count: page?.total ?? 0 })}
      </p>
      {page && page.items.length === 0 ? (
        <p className="empty">{t('marketing.empty')}</p>
      ) : (
        <table className="table" data-testid="audience-table">
          <thead>
            <tr>
              <th>{t('customers.name')}</th>
              <th>
                {channel === 'whatsapp'
                  ? t('customers.phone')
                  : `${t('customers.phone')} / ${t('customers.email')}`}
              </th>
              {channel === 'whatsapp' && <th className="actions-col">{t('marketing.link')}</th>}
            </tr>
          </thead>
          <tbody>
            {page?.items.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td className="mono">
                  {channel === 'whatsapp' ? m.phone : [m.phone, m.email].filter(Boolean).join(' · ')}
                </td>
                {channel === 'whatsapp' && (
                  <td>
                    <span className="row-actions">
                      <Button
                        className="btn-small btn-primary"
                        onClick={() => void handOff(m, 'open')}
                        aria-label={t('marketing.openFor', { name: m.name })}
                      >
                        {t('marketing.open')}
                      </Button>
                      <Button
                        className="btn-small"
                        onClick={() => void handOff(m, 'copy')}
                        aria-label={t('marketing.copyFor', { name: m.name })}
                        title={m.link ?? ''}
                      >
                        {t('marketing.copy')}
                      </Button>
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
