import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REQUEST_CHANNELS,
  REQUEST_TYPES,
  type RequestChannel,
  type RequestType,
  type RightsRequest,
} from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { fromShopIso, shopNowMinute } from '../../../shared/shop-time';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import { fieldMessage, focusFirstInvalid, type UiError } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../session/session.store';
import { usePrivacy } from './privacy.store';

/** Mirrors main's grace for a late entry (requests.ts BACKDATE_GRACE_MS); main decides. */
const BACKDATE_GRACE_HOURS = 4;

/** A datetime-local input's value as an instant on the shop's clock (NaN when it is none: main refuses it). */
export const minuteAt = (value: string): number => fromShopIso(value) ?? Number.NaN;

/**
 * Records a customer's request at the counter (any staff). For a recorded customer it is opened
 * from their page; otherwise it names the requester. Main checks the dates, the customer and the
 * 3 x 24-hour deadline; the owner fulfils it later.
 */
export function RequestForm({
  customer,
  onClose,
}: {
  customer?: { id: number; name: string };
  onClose?(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const create = usePrivacy((s) => s.create);
  const [type, setType] = useState<RequestType>('access');
  const [channel, setChannel] = useState<RequestChannel>('in_person');
  const [requester, setRequester] = useState('');
  // Left untouched, the request is received now by main's clock; staff change it for a late entry.
  const [received, setReceived] = useState(() => shopNowMinute());
  const [receivedTouched, setReceivedTouched] = useState(false);
  const [verification, setVerification] = useState('');
  const [details, setDetails] = useState('');
  const [late, setLate] = useState(false);
  const [receivedReason, setReceivedReason] = useState('');
  const [pickedEarly, setPickedEarly] = useState(false);
  const isOwner = useSession((st) => st.status?.user?.role === 'owner');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const [saved, setSaved] = useState<RightsRequest | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt > 0) focusFirstInvalid(formRef.current);
  }, [attempt, error]);

  // Hours before now (judged when the time is picked): past the grace main allows, the owner says
  // why (a cashier cannot).
  const backdated = pickedEarly || Boolean(error?.details?.fields?.includes('receivedReason'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setSaved(null);
    const r = await create({
      type,
      customerId: customer?.id ?? null,
      requester: customer ? null : requester,
      details: details || null,
      ...(receivedTouched ? { receivedAt: minuteAt(received) } : {}),
      channel,
      verification,
      acknowledgeLate: late,
      ...(backdated ? { receivedReason } : {}),
    });
    setBusy(false);
    if (r.ok) {
      setError(null);
      setSaved(r.value);
      setVerification('');
      setDetails('');
      setRequester('');
      setLate(false);
      setReceivedReason('');
    } else {
      setError(r.error);
      setAttempt((n) => n + 1);
    }
  };

  const isLate = error?.details?.reason === 'request_late';
  return (
    <form ref={formRef} className="inline-form request-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{customer ? t('privacy.form.forCustomer', { name: customer.name }) : t('privacy.form.title')}</h3>
      {!customer && <p className="muted small">{t('privacy.form.hint')}</p>}
      {saved && (
        <Notice tone="ok">
          {t('privacy.form.saved', { id: saved.id, when: `${formatDateTime(saved.dueAt, lang)}` })}
        </Notice>
      )}
      <div className="form-grid">
        <label className="field">
          <span>{t('privacy.form.type')}</span>
          <select name="type" value={type} onChange={(e) => setType(e.target.value as RequestType)}>
            {REQUEST_TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`privacy.types.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('privacy.form.channel')}</span>
          <select
            name="channel"
            value={channel}
            onChange={(e) => setChannel(e.target.value as RequestChannel)}
          >
            {REQUEST_CHANNELS.map((k) => (
              <option key={k} value={k}>
                {t(`privacy.channels.${k}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!customer && (
        <Field
          label={t('privacy.form.requester')}
          name="requester"
          value={requester}
          maxLength={120}
          onChange={(e) => setRequester(e.target.value)}
          invalid={fieldMessage(error, 'requester', lang)}
        />
      )}
      <Field
        label={t('privacy.form.receivedAt')}
        name="receivedAt"
        type="datetime-local"
        value={received}
        max={shopNowMinute()}
        onChange={(e) => {
          setReceived(e.target.value);
          setReceivedTouched(true);
          setPickedEarly(minuteAt(e.target.value) < Date.now() - BACKDATE_GRACE_HOURS * 3_600_000);
        }}
        invalid={fieldMessage(error, 'receivedAt', lang)}
      />
      {backdated && isOwner && (
        <Field
          label={t('privacy.form.receivedReason')}
          name="receivedReason"
          help={t('privacy.form.receivedReasonHelp')}
          value={receivedReason}
          maxLength={300}
          onChange={(e) => setReceivedReason(e.target.value)}
          invalid={fieldMessage(error, 'receivedReason', lang)}
        />
      )}
      {backdated && !isOwner && <Notice tone="warn">{t('privacy.form.backdateOwner')}</Notice>}
      <Field
        label={t('privacy.form.verification')}
        name="verification"
        help={t('privacy.form.verificationHelp')}
        value={verification}
        maxLength={300}
        onChange={(e) => setVerification(e.target.value)}
        invalid={fieldMessage(error, 'verification', lang)}
      />
      <Field
        label={t('privacy.form.details')}
        name="details"
        multiline
        value={details}
        maxLength={1000}
        onChange={(e) => setDetails(e.target.value)}
        invalid={fieldMessage(error, 'details', lang)}
      />
      {(isLate || late) && (
        <label className="check">
          <input type="checkbox" checked={late} onChange={(e) => setLate(e.target.checked)} />
          {t('privacy.form.late')}
        </label>
      )}
      <ErrorBanner error={error} />
      <div className="actions">
        {onClose && (
          <Button type="button" className="btn-ghost" onClick={onClose} disabled={busy}>
            {t('common.close')}
          </Button>
        )}
        <Button type="submit" className="btn-primary" busy={busy}>
          {t('privacy.form.submit')}
        </Button>
      </div>
    </form>
  );
}
