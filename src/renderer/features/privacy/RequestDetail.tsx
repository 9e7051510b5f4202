import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FULFILMENTS_ON_DATA,
  REQUEST_FULFILMENTS,
  type RequestAction,
  type RightsRequest,
} from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import { LetterLanguage } from './LetterLanguage';
import { usePrivacy } from './privacy.store';

/** One request for the owner: what was asked, and the one-click fulfilment that fits it. */
export function RequestDetail({ request: req }: { request: RightsRequest }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { fulfil, refuse, answer, letterLanguages, setLetterLanguage } = usePrivacy();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [refusing, setRefusing] = useState(false);
  const [confirmErase, setConfirmErase] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const [answered, setAnswered] = useState(false);
  const [busy, setBusy] = useState(false);
  // The customer's language for their letters; the screen's until the owner picks one.
  const letterKey = req.customerId ?? -req.id;
  const letterLanguage = letterLanguages[letterKey] ?? lang;
  const setPicked = (l: Language) => setLetterLanguage(letterKey, l);

  const run = async (action: RequestAction) => {
    if (action === 'erase' && !confirmErase) return setConfirmErase(true);
    setBusy(true);
    const r = await fulfil(
      req.id,
      action,
      note.trim() ? note : undefined,
      action === 'access_report' ? letterLanguage : undefined,
    );
    setBusy(false);
    setError(r.ok ? null : r.error);
  };
  const doRefuse = async () => {
    setBusy(true);
    const r = await refuse(req.id, reason);
    setBusy(false);
    setError(r.ok ? null : r.error);
  };
  const doAnswer = async (mode: 'print' | 'open' | 'copy') => {
    const r = await answer(req.id, mode, letterLanguage);
    setError(r.ok ? null : r.error);
    setAnswered(r.ok);
  };
  const offered = REQUEST_FULFILMENTS[req.type].filter(
    (a) => req.customerId !== null || !FULFILMENTS_ON_DATA.has(a),
  );

  return (
    <div className="request-detail" data-testid={`request-${req.id}`}>
      <p className="small">
        {t('privacy.detail.received', {
          when: formatDateTime(req.receivedAt, lang),
          channel: t(`privacy.channels.${req.channel}`),
          who: req.verifiedBy ?? '?',
          how: req.verification,
        })}
      </p>
      {req.receivedReason && (
        <p className="small">{t('privacy.receivedReason', { reason: req.receivedReason })}</p>
      )}
      {req.details && (
        <p>
          <strong>{t('privacy.detail.asked')}:</strong> {req.details}
        </p>
      )}
      <ErrorBanner error={error} />
      {req.status === 'open' ? (
        <>
          {req.type === 'correction' && <Notice>{t('privacy.detail.correctionHint')}</Notice>}
          {req.type === 'portability' && <Notice tone="warn">{t('privacy.detail.plaintextWarning')}</Notice>}
          <Field
            label={t('privacy.detail.note')}
            name={`note-${req.id}`}
            multiline
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="row-actions wrap">
            {offered.map((a) => (
              <Button
                key={a}
                className={a === 'erase' ? 'btn-small btn-danger' : 'btn-small btn-primary'}
                busy={busy}
                onClick={() => void run(a)}
              >
                {a === 'erase' && confirmErase ? t('privacy.detail.eraseConfirm') : t(`privacy.actions.${a}`)}
              </Button>
            ))}
            <Button className="btn-small" onClick={() => setRefusing((v) => !v)}>
              {t('privacy.detail.refuse')}
            </Button>
            {offered.includes('access_report') && (
              <LetterLanguage id={`report-language-${req.id}`} value={letterLanguage} onChange={setPicked} />
            )}
          </div>
          {refusing && (
            <div className="inline-form">
              <Field
                label={t('privacy.detail.refuseReason')}
                name={`refuse-${req.id}`}
                multiline
                value={reason}
                maxLength={1000}
                onChange={(e) => setReason(e.target.value)}
              />
              <Button className="btn-small btn-danger" busy={busy} onClick={() => void doRefuse()}>
                {t('privacy.detail.refuseSubmit')}
              </Button>
            </div>
          )}
        </>
      ) : (
        <>
          <p className="small">
            {t('privacy.detail.closed', {
              status: t(`privacy.status.${req.status}`),
              when: req.closedAt ? formatDateTime(req.closedAt, lang) : '',
              who: req.closedBy ?? '?',
            })}
            {req.action ? ` · ${t(`privacy.actions.${req.action}`)}` : ''}
          </p>
          {req.outcome && (
            <p>
              <strong>{t('privacy.detail.outcome')}:</strong> {req.outcome}
            </p>
          )}
          {answered && <Notice tone="ok">{t('privacy.detail.answered')}</Notice>}
          <div className="row-actions wrap">
            <Button className="btn-small" onClick={() => void doAnswer('print')}>
              {t('privacy.detail.answerPrint')}
            </Button>
            {req.customerId !== null && (
              <>
                <Button className="btn-small" onClick={() => void doAnswer('open')}>
                  {t('privacy.detail.answerWhatsApp')}
                </Button>
                <Button className="btn-small" onClick={() => void doAnswer('copy')}>
                  {t('privacy.detail.answerCopy')}
                </Button>
              </>
            )}
            <LetterLanguage id={`answer-language-${req.id}`} value={letterLanguage} onChange={setPicked} />
          </div>
        </>
      )}
    </div>
  );
}
