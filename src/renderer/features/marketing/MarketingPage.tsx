import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MARKETING_CHANNELS,
  type AudienceMember,
  type AudiencePage,
  type MarketingChannel,
} from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import { useMarketing } from './marketing.store';
import './marketing.css';

/**
 * The marketing audience. Who is in it is decided in main (consent granted now, not restricted);
 * this page only shows it and asks main to export it.
 */
export function MarketingPage() {
  const { t, i18n } = useTranslation();
  const { list, exportCsv: exportAudience, whatsapp, markSent } = useMarketing();
  const [channel, setChannel] = useState<MarketingChannel>('whatsapp');
  const [message, setMessage] = useState('');
  const [unsentOnly, setUnsentOnly] = useState(false);
  const [page, setPage] = useState<AudiencePage | null>(null);
  const [error, setError] = useState<UiError>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Bumped after a send or a mark: the list (and who is next) is read from main again.
  const [reads, setReads] = useState(0);
  const whatsappChannel = channel === 'whatsapp';

  useEffect(() => {
    const timer = setTimeout(() => {
      void list(channel, message, whatsappChannel && unsentOnly).then((r) =>
        r.ok ? setPage(r.value) : setError(r.error),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [channel, message, unsentOnly, whatsappChannel, reads, list]);

  // The next customer this message has not been sent to, in the list's order.
  const next = whatsappChannel ? page?.items.find((m) => m.sentAt === null && m.link) : undefined;

  const exportCsv = async () => {
    setNotice(null);
    const r = await exportAudience(channel, message);
    if (!r.ok) return setError(r.error);
    if (r.value.saved) setNotice(t('marketing.exported', { count: r.value.count }));
  };

  // The owner opens each chat: WhatsApp opens with the message (marked sent), or the link is copied.
  const handOff = async (m: AudienceMember, mode: 'open' | 'copy') => {
    setNotice(null);
    setError(null);
    const r = await whatsapp(m.id, message, mode);
    if (!r.ok) return setError(r.error);
    setNotice(t(mode === 'open' ? 'marketing.opened' : 'marketing.copied', { name: m.name }));
    if (mode === 'open') setReads((n) => n + 1);
  };

  const toggleSent = async (m: AudienceMember) => {
    setNotice(null);
    setError(null);
    const r = await markSent(m.id, message, m.sentAt === null);
    if (!r.ok) return setError(r.error);
    setReads((n) => n + 1);
  };

  return (
    <section className="page">
      <div className="pane-head">
        <h1>{t('marketing.title')}</h1>
        <Button
          className="btn-primary"
          onClick={() => void exportCsv()}
          disabled={!page || page.audience === 0}
        >
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
      {whatsappChannel && (
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
        {t('marketing.count', { count: page?.audience ?? 0 })}
        {whatsappChannel && page && ` · ${t('marketing.unsentCount', { count: page.unsent })}`}
      </p>
      {whatsappChannel && page && (
        <div className="row send-row">
          {next ? (
            <Button
              className="btn-primary"
              onClick={() => void handOff(next, 'open')}
              title={t('marketing.sendNextHelp')}
            >
              {t('marketing.sendNext', { name: next.name })}
            </Button>
          ) : (
            page.audience > 0 && page.unsent === 0 && <Notice tone="ok">{t('marketing.allSent')}</Notice>
          )}
          <label className="check">
            <input type="checkbox" checked={unsentOnly} onChange={(e) => setUnsentOnly(e.target.checked)} />
            {t('marketing.unsentOnly')}
          </label>
        </div>
      )}
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
              {whatsappChannel && <th>{t('marketing.status')}</th>}
              {whatsappChannel && <th className="actions-col">{t('marketing.link')}</th>}
            </tr>
          </thead>
          <tbody>
            {page?.items.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td className="mono">
                  {whatsappChannel ? m.phone : [m.phone, m.email].filter(Boolean).join(' · ')}
                </td>
                {whatsappChannel && (
                  <td data-testid="sent-status">
                    {m.sentAt !== null ? (
                      <span className="pill pill-ok">
                        {t('marketing.sentAt', { when: formatDateTime(m.sentAt, i18n.language as Language) })}
                      </span>
                    ) : (
                      <span className="muted">{t('marketing.notSent')}</span>
                    )}
                  </td>
                )}
                {whatsappChannel && (
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
                      <Button
                        className="btn-small btn-ghost"
                        onClick={() => void toggleSent(m)}
                        aria-label={t(m.sentAt === null ? 'marketing.markSentFor' : 'marketing.unmarkFor', {
                          name: m.name,
                        })}
                      >
                        {t(m.sentAt === null ? 'marketing.markSent' : 'marketing.unmark')}
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
