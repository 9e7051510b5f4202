import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MARKETING_CHANNELS,
  type AudienceMember,
  type AudiencePage,
  type MarketingChannel,
} from '../../../shared/domain';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import { useMarketing } from './marketing.store';
import { useWhatsAppList, WhatsAppCells, WhatsAppHeads } from './WhatsAppList';
import './marketing.css';

/**
 * The marketing audience. Who is in it is decided in main (consent granted now, not restricted);
 * this page only shows it and asks main to export it.
 */
export function MarketingPage() {
  const { t } = useTranslation();
  const { list, exportCsv: exportAudience, whatsapp, markSent } = useMarketing();
  const [channel, setChannel] = useState<MarketingChannel>('whatsapp');
  const [page, setPage] = useState<AudiencePage | null>(null);
  // `reads` is bumped after a send or a mark: the list (and who is next) is read from main again.
  const wa = useWhatsAppList(whatsapp);
  const { setError } = wa;
  const whatsappChannel = channel === 'whatsapp';

  useEffect(() => {
    const timer = setTimeout(() => {
      void list(channel, wa.message, whatsappChannel && wa.unsentOnly).then((r) =>
        r.ok ? setPage(r.value) : setError(r.error),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [channel, wa.message, wa.unsentOnly, whatsappChannel, wa.reads, list, setError]);

  // The next customer this message has not been sent to, in the list's order.
  const next = whatsappChannel ? page?.items.find((m) => m.sentAt === null && m.link) : undefined;

  const exportCsv = async () => {
    wa.setNotice(null);
    const r = await exportAudience(channel, wa.message);
    if (!r.ok) return wa.setError(r.error);
    if (r.value.saved) wa.setNotice(t('marketing.exported', { count: r.value.count }));
  };

  const toggleSent = async (m: AudienceMember) => {
    wa.setNotice(null);
    wa.setError(null);
    const r = await markSent(m.id, wa.message, m.sentAt === null);
    if (!r.ok) return wa.setError(r.error);
    wa.reread();
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
      <ErrorBanner error={wa.error} />
      {wa.notice && <Notice tone="ok">{wa.notice}</Notice>}
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
                wa.setNotice(null);
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
          value={wa.message}
          maxLength={500}
          onChange={(e) => wa.setMessage(e.target.value)}
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
              onClick={() => void wa.handOff(next, 'open')}
              title={t('marketing.sendNextHelp')}
            >
              {t('marketing.sendNext', { name: next.name })}
            </Button>
          ) : (
            page.audience > 0 && page.unsent === 0 && <Notice tone="ok">{t('marketing.allSent')}</Notice>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={wa.unsentOnly}
              onChange={(e) => wa.setUnsentOnly(e.target.checked)}
            />
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
              {whatsappChannel && <WhatsAppHeads />}
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
                  <WhatsAppCells
                    member={m}
                    onHandOff={(m, mode) => void wa.handOff(m, mode)}
                    onToggleSent={(m) => void toggleSent(m)}
                  />
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
