import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSeeded } from '../../lib/seeded';
import {
  CONSENT_METHODS,
  NOTICE_OUTSIDE,
  type ConsentEvent,
  type CounterConsentMethod,
  type Customer,
  type DocVersion,
} from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Field } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatDate, formatDateTime } from '../../lib/format';
import { useShop } from '../shop/shop.store';
import { useCustomers } from './customers.store';
import { DocView } from '../privacy/DocView';
import { useLoyalty, useMemberJoin } from '../loyalty/loyalty.store';
import { useJoin } from '../join/join.store';
import { usePrivacy } from '../privacy/privacy.store';
import { useSession } from '../session/session.store';

/** Consent per purpose, each separate, with how it was given (UU PDP Art. 20-24). */
export function ConsentPanel({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const seeded = useSeeded();
  const lang = i18n.language as Language;
  const purposes = useShop((s) => s.purposes);
  const decideConsent = useCustomers((s) => s.decideConsent);
  const consentHistory = useCustomers((s) => s.consentHistory);
  const [method, setMethod] = useState<CounterConsentMethod>('verbal');
  const [error, setError] = useState<UiError>(null);
  const readDoc = usePrivacy((s) => s.doc);
  const [notice, setNotice] = useState<DocVersion | null>(null);
  // The notice as this customer was shown it when they decided (the version the ledger records).
  const showNotice = async (version: number) => {
    const r = await readDoc('notice', version);
    if (r.ok) setNotice(r.value);
    else setError(r.error);
  };
  // Withdrawing asks once more (one tap): the customer's "yes" is not undone by a slip of the finger.
  const [confirming, setConfirming] = useState<number | null>(null);
  // Leaving the member programme forfeits the points: its confirmation says so.
  const memberPurpose = useLoyalty((s) => s.programme?.purposeId ?? null);
  const standing = useLoyalty((s) => (s.standing?.customerId === customer.id ? s.standing : null));
  const programmeMode = useLoyalty((s) => s.programme?.mode ?? 'points');
  // While members join only by their own WhatsApp, the member purpose is given there, not here.
  const memberJoin = useMemberJoin();
  const offerJoin = useJoin((s) => s.offer);
  const onlyByWhatsApp = (purposeId: number) => memberJoin.whatsappOnly && purposeId === memberJoin.purposeId;
  // What the customer took back only the owner records again (main refuses a cashier): the cashier
  // is told so instead of a button that can only fail. A lapse by the shop's rule is not a no.
  const isCashier = useSession((s) => s.status?.user?.role === 'cashier');
  const ownerOnlyAgain = (c: { granted: boolean; method: string } | undefined) =>
    isCashier && c !== undefined && !c.granted && c.method !== 'policy';
  const [history, setHistory] = useState<ConsentEvent[] | null>(null);
  const state = new Map(customer.consents.map((c) => [c.purposeId, c]));
  // Where a decision came from, in words: an import says so, with how the owner said it was
  // collected, by whom and on which day it was imported (not as if given at the counter).
  const origin = (e: Pick<ConsentEvent, 'method' | 'source' | 'recordedBy' | 'at'>) =>
    e.source === 'import'
      ? t('consent.imported', {
          how: t(`consent.importMethods.${e.method}`),
          who: e.recordedBy ?? '?',
          when: formatDate(e.at, lang),
        })
      : t('consent.counter', {
          method: t(`consent.methods.${e.method}`),
          who: e.recordedBy ?? '?',
          when: formatDateTime(e.at, lang),
        });
  const noticeName = (version: number) =>
    version === NOTICE_OUTSIDE ? t('consent.noticeOutside') : t('consent.noticeVersion', { version });
  const purposeName = (id: number) => {
    const name = purposes.find((p) => p.id === id)?.name;
    return name === undefined ? `#${id}` : seeded(name);
  };

  // A purpose the customer withdrew: main asks the owner how the customer asked again.
  const [askAgain, setAskAgain] = useState<number | null>(null);
  const [askedText, setAskedText] = useState('');
  // The question takes the focus when it appears: the owner types the answer and presses Enter.
  const askRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (askAgain !== null) askRef.current?.querySelector('input')?.focus();
  }, [askAgain]);
  const decide = async (purposeId: number, grant: boolean, askedAgain?: string) => {
    setError(null);
    setConfirming(null);
    const r = await decideConsent(purposeId, grant, method, askedAgain);
    if (!r.ok) {
      // The first refusal is a question, asked by the field below: not an error banner too.
      const question = r.error.details?.reason === 'consent_asked_again' && askedAgain === undefined;
      setError(question ? null : r.error);
      if (r.error.details?.reason === 'consent_asked_again') setAskAgain(purposeId);
    } else {
      setAskAgain(null);
      setAskedText('');
      if (history) await showHistory();
    }
  };

  const showHistory = async () => {
    const r = await consentHistory(customer.id);
    if (r.ok) setHistory(r.value);
    else setError(r.error);
  };

  return (
    <section aria-labelledby="consent-title" className="detail-section">
      <div className="pane-head">
        <h3 id="consent-title">{t('consent.title')}</h3>
        <label className="inline-select">
          {t('consent.method')}
          <select value={method} onChange={(e) => setMethod(e.target.value as CounterConsentMethod)}>
            {CONSENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`consent.methods.${m}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBanner error={error} />
      {askAgain !== null && (
        <form
          ref={askRef}
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (askedText.trim().length >= 10) void decide(askAgain, true, askedText);
          }}
        >
          <Field
            label={t('consent.askedAgain', { purpose: purposeName(askAgain) })}
            name="askedAgain"
            value={askedText}
            maxLength={300}
            onChange={(e) => setAskedText(e.target.value)}
          />
          <div className="actions">
            <Button type="button" className="btn-small btn-ghost" onClick={() => setAskAgain(null)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" className="btn-small" disabled={askedText.trim().length < 10}>
              {t('consent.grant')}
            </Button>
          </div>
        </form>
      )}
      <ul className="consent-list">
        {purposes
          .filter((p) => p.active || state.has(p.id))
          .map((p) => {
            const s = state.get(p.id);
            return (
              <li
                key={p.id}
                data-testid={`consent-${p.id}`}
                className={confirming === p.id ? 'confirming' : undefined}
              >
                <div>
                  <strong>{seeded(p.name)}</strong>
                  <small className="block muted">
                    <span title={t(`consent.basisHelp.${p.legalBasis}`)}>
                      {t('consent.basis', { basis: t(`consent.bases.${p.legalBasis}`) })}
                    </span>
                    {s
                      ? ` · ${t('consent.by', { origin: origin(s), notice: noticeName(s.noticeVersion) })}`
                      : ''}
                  </small>
                </div>
                {p.legalBasis === 'consent' ? (
                  <div className="consent-actions">
                    <span className={`pill ${s?.granted ? 'pill-ok' : 'pill-off'}`}>
                      {s
                        ? s.granted
                          ? t('consent.granted')
                          : s.method === 'policy'
                            ? t('consent.lapsed')
                            : t('consent.withdrawn')
                        : t('consent.never')}
                    </span>
                    {s?.granted && confirming === p.id ? (
                      <>
                        <Button className="btn-small btn-ghost" onClick={() => setConfirming(null)}>
                          {t('common.cancel')}
                        </Button>
                        <Button className="btn-small btn-danger" onClick={() => void decide(p.id, false)}>
                          {t('consent.withdrawConfirm')}
                        </Button>
                      </>
                    ) : s?.granted ? (
                      <Button className="btn-small btn-danger" onClick={() => setConfirming(p.id)}>
                        {t('consent.withdraw')}
                      </Button>
                    ) : ownerOnlyAgain(s) ? (
                      <span className="muted small" data-testid="consent-owner-only">
                        {t('consent.ownerOnlyAgain')}
                      </span>
                    ) : onlyByWhatsApp(p.id) ? (
                      <Button className="btn-small" onClick={() => offerJoin(customer.id, p.id)}>
                        {t('loyalty.joinByWhatsApp')}
                      </Button>
                    ) : (
                      <Button className="btn-small" onClick={() => void decide(p.id, true)}>
                        {t('consent.grant')}
                      </Button>
                    )}
                  </div>
                ) : (
                  <span className="muted small">{t('consent.noConsentNeeded')}</span>
                )}
                {/* How the member purpose is given, on its own line: beside the name it pushed the
                    buttons under it on a small laptop. */}
                {onlyByWhatsApp(p.id) && !s?.granted && (
                  <p className="member-note small" data-testid="member-whatsapp-only">
                    {t('loyalty.onlyWhatsApp')}
                  </p>
                )}
                {/* On its own line under the purpose: beside the buttons it squeezed the name to a sliver. */}
                {s?.granted && confirming === p.id && p.id === memberPurpose && (
                  <p className="withdraw-note small" role="note">
                    {standing && standing.balance > 0
                      ? t('loyalty.withdrawConfirmBalance', {
                          balance: standing.balance,
                          unit: t(`loyalty.unit.${standing.mode}`),
                        })
                      : t(`loyalty.withdrawConfirm.${standing?.mode ?? programmeMode}`)}
                  </p>
                )}
              </li>
            );
          })}
      </ul>
      {history === null ? (
        <button type="button" className="link small" onClick={() => void showHistory()}>
          {t('consent.history')}
        </button>
      ) : (
        <ol className="consent-timeline" aria-label={t('consent.history')}>
          {history.length === 0 && <li className="muted small">{t('consent.historyEmpty')}</li>}
          {history.map((e) => (
            <li key={e.id}>
              <time className="muted small">{formatDateTime(e.at, lang)}</time>{' '}
              <strong>{t(`consent.events.${e.action}`)}</strong> · {purposeName(e.purposeId)}
              <small className="block muted">
                {e.source === 'import'
                  ? origin(e)
                  : `${t(`consent.methods.${e.method}`)} · ${e.recordedBy ?? '?'}`}
                {' · '}
                {e.note ? `${e.note} · ` : ''}
                {e.proofCode ? `${t('consent.proofCode', { code: e.proofCode })} · ` : ''}
                {e.noticeVersion === NOTICE_OUTSIDE ? (
                  noticeName(e.noticeVersion)
                ) : (
                  <button
                    type="button"
                    className="link small"
                    title={t('privacy.doc.show', { version: e.noticeVersion })}
                    onClick={() => void showNotice(e.noticeVersion)}
                  >
                    {noticeName(e.noticeVersion)}
                  </button>
                )}
              </small>
            </li>
          ))}
        </ol>
      )}
      {notice && (
        <div className="notice-version">
          <DocView text={notice.text} />
          <button type="button" className="link small" onClick={() => setNotice(null)}>
            {t('privacy.doc.hide')}
          </button>
        </div>
      )}
    </section>
  );
}
