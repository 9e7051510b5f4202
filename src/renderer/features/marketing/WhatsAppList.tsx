import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudienceMember } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import type { Language } from '../../../shared/language';
import { Button } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import './whatsapp-list.css';

type Mode = 'open' | 'copy';

/**
 * The state of a WhatsApp list (the marketing page's, the dashboard's): the message, the filter,
 * what the page says, and the hand-off. The owner opens each chat one by one: main checks consent
 * again and opens WhatsApp with the message (marked sent) or copies the link. After an open the
 * list is read again (`reads` is bumped: who is next, who was sent), and after a refusal too when
 * the page asks (consent may have been withdrawn since the list was read).
 */
export function useWhatsAppList(
  send: (customerId: number, message: string, mode: Mode) => Promise<Result<unknown>>,
  opts: { rereadOnRefusal?: boolean } = {},
) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [unsentOnly, setUnsentOnly] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reads, setReads] = useState(0);
  const reread = () => setReads((n) => n + 1);
  const handOff = async (m: AudienceMember, mode: Mode) => {
    setNotice(null);
    setError(null);
    const r = await send(m.id, message, mode);
    if (!r.ok) {
      if (opts.rereadOnRefusal) reread();
      return setError(r.error);
    }
    setNotice(t(mode === 'open' ? 'marketing.opened' : 'marketing.copied', { name: m.name }));
    if (mode === 'open') reread();
  };
  return {
    message,
    setMessage,
    unsentOnly,
    setUnsentOnly,
    error,
    setError,
    notice,
    setNotice,
    reads,
    reread,
    handOff,
  };
}

/** The heads of the two WhatsApp columns: whether this message was sent, and the buttons. */
export function WhatsAppHeads() {
  const { t } = useTranslation();
  return (
    <>
      <th>{t('marketing.status')}</th>
      <th className="actions-col">{t('marketing.link')}</th>
    </>
  );
}

/**
 * A customer's two WhatsApp cells: when this message was sent to them (or not yet), and the
 * buttons to open the chat, copy the link and, where the page lets the owner, mark it sent or not.
 */
export function WhatsAppCells({
  member: m,
  onHandOff,
  onToggleSent,
}: {
  member: AudienceMember;
  onHandOff(m: AudienceMember, mode: Mode): void;
  onToggleSent?(m: AudienceMember): void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <td data-testid="sent-status">
        {m.sentAt !== null ? (
          <span className="pill pill-ok">
            {t('marketing.sentAt', { when: formatDateTime(m.sentAt, i18n.language as Language) })}
          </span>
        ) : (
          <span className="muted">{t('marketing.notSent')}</span>
        )}
      </td>
      <td>
        <span className="row-actions">
          <Button
            className="btn-small btn-primary"
            onClick={() => onHandOff(m, 'open')}
            aria-label={t('marketing.openFor', { name: m.name })}
          >
            {t('marketing.open')}
          </Button>
          <Button
            className="btn-small"
            onClick={() => onHandOff(m, 'copy')}
            aria-label={t('marketing.copyFor', { name: m.name })}
            title={m.link ?? ''}
          >
            {t('marketing.copy')}
          </Button>
          {onToggleSent && (
            <Button
              className="btn-small btn-ghost"
              onClick={() => onToggleSent(m)}
              aria-label={t(m.sentAt === null ? 'marketing.markSentFor' : 'marketing.unmarkFor', {
                name: m.name,
              })}
            >
              {t(m.sentAt === null ? 'marketing.markSent' : 'marketing.unmark')}
            </Button>
          )}
        </span>
      </td>
    </>
  );
}
