import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import { useSeeded } from '../../lib/seeded';
import { useCustomers } from '../customers/customers.store';
import { useShop } from '../shop/shop.store';
import { useJoin } from './join.store';
import './join.css';

/**
 * "Gabung lewat WhatsApp": the customer's own phone sends the consent message (the QR main made
 * opens WhatsApp with it), the cashier types back the code and the sender's number from the
 * shop's phone. Main decides; this panel only shows and sends.
 */
export function JoinPanel({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const seeded = useSeeded();
  const all = useShop((s) => s.purposes);
  // What the customer has already agreed to is not asked again: only the purposes still open.
  const purposes = all.filter(
    (p) =>
      p.active &&
      p.legalBasis === 'consent' &&
      !customer.consents.some((c) => c.purposeId === p.id && c.granted),
  );
  const { started, start, confirm, clear, offered, takeOffer } = useJoin();
  const joined = useCustomers((s) => s.joined);
  const open = started?.customerId === customer.id ? started : null;
  const offeredHere = offered?.customerId === customer.id ? offered : null;
  const [chosen, setChosen] = useState<number[]>(offeredHere ? [offeredHere.purposeId] : []);
  const [code, setCode] = useState('');
  const [sender, setSender] = useState('');
  const [error, setError] = useState<UiError>(null);
  const [done, setDone] = useState(false);
  // The QR appears under the button that made it, often below a small laptop's fold: brought into
  // view so the customer can scan it without the cashier scrolling.
  const openRef = useRef<HTMLFormElement>(null);
  const openKey = open?.expiresAt;
  useEffect(() => {
    if (openKey !== undefined) openRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [openKey]);

  // Another screen offered joining for a purpose ("Gabung lewat WhatsApp" beside the member
  // purpose, or the new customer's form): it is ticked here (as the offer arrives, or at once when
  // the panel opens with it), and the panel is brought into view with its button focused.
  const sectionRef = useRef<HTMLElement>(null);
  const [seenOffer, setSeenOffer] = useState(offeredHere);
  if (offeredHere !== seenOffer) {
    setSeenOffer(offeredHere);
    if (offeredHere && !chosen.includes(offeredHere.purposeId)) setChosen([...chosen, offeredHere.purposeId]);
  }
  useEffect(() => {
    if (!seenOffer) return;
    takeOffer();
    sectionRef.current?.scrollIntoView?.({ block: 'nearest' });
    sectionRef.current?.querySelector<HTMLButtonElement>('button.btn-primary')?.focus();
  }, [seenOffer, takeOffer]);

  const begin = async (kind: 'counter' | 'reply') => {
    setDone(false);
    const r = await start(customer.id, chosen, kind);
    setError(r.ok ? null : r.error);
  };
  const send = async () => {
    if (!open) return;
    const r = await confirm(customer.id, code, sender);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setCode('');
    setSender('');
    setChosen([]);
    setDone(true);
    joined(customer.id, r.value.consents, r.value.phoneConfirmedAt);
  };

  return (
    <section ref={sectionRef} aria-labelledby="join-title" className="detail-section join-panel">
      <h3 id="join-title">{t('join.title')}</h3>
      <ErrorBanner error={error} />
      {done && <Notice tone="ok">{t('join.done')}</Notice>}
      {customer.phoneConfirmedAt ? (
        <p className="muted small">
          {t('join.phoneConfirmed', { when: formatDateTime(customer.phoneConfirmedAt, lang) })}
        </p>
      ) : null}
      {!open && purposes.length === 0 ? (
        <p className="muted small">{t('join.allAgreed')}</p>
      ) : !open ? (
        <>
          <fieldset className="join-purposes">
            <legend>{t('join.purposes')}</legend>
            {purposes.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  checked={chosen.includes(p.id)}
                  onChange={(e) =>
                    setChosen(e.target.checked ? [...chosen, p.id] : chosen.filter((id) => id !== p.id))
                  }
                />{' '}
                {seeded(p.name)}
              </label>
            ))}
          </fieldset>
          <div className="actions actions-left">
            <Button
              className="btn-primary"
              disabled={chosen.length === 0}
              onClick={() => void begin('counter')}
            >
              {t('join.start')}
            </Button>
            <Button className="btn-small" disabled={chosen.length === 0} onClick={() => void begin('reply')}>
              {t('join.startReply')}
            </Button>
          </div>
        </>
      ) : (
        <form
          ref={openRef}
          className="join-open"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <p className="small">{open.kind === 'counter' ? t('join.intro') : t('join.replyIntro')}</p>
          <p className="small" data-testid="join-for">
            {t('join.for', {
              purposes: open.purposeIds
                .map((id) => all.find((p) => p.id === id)?.name)
                .filter((n): n is string => n !== undefined)
                .map(seeded)
                .join(', '),
              version: open.noticeVersion,
            })}
          </p>
          <div className="join-qr-row">
            <img
              className="join-qr"
              src={`data:image/svg+xml;utf8,${encodeURIComponent(open.qrSvg)}`}
              alt={t('join.qrAlt')}
              width={200}
              height={200}
            />
            <div className="join-fields">
              <p className="muted small">
                {t('join.expires', { time: formatDateTime(open.expiresAt, lang) })}
              </p>
              <Field
                label={t('join.code')}
                name="joinCode"
                value={code}
                maxLength={20}
                autoComplete="off"
                autoCapitalize="characters"
                onChange={(e) => setCode(e.target.value)}
              />
              <Field
                label={t('join.sender')}
                name="joinSender"
                type="tel"
                help={t('join.senderHelp')}
                value={sender}
                maxLength={30}
                autoComplete="off"
                onChange={(e) => setSender(e.target.value)}
              />
              <div className="actions actions-left">
                <Button
                  type="submit"
                  className="btn-primary"
                  disabled={!code.trim() || sender.trim().length < 4}
                >
                  {t('join.confirm')}
                </Button>
                <Button type="button" className="btn-small" onClick={clear}>
                  {t('join.cancel')}
                </Button>
              </div>
            </div>
          </div>
          <details className="join-link small">
            <summary>{t('join.link')}</summary>
            <code className="mono">{open.link}</code>
          </details>
        </form>
      )}
    </section>
  );
}
