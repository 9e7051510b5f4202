import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSeeded } from '../../lib/seeded';
import {
  CONSENT_METHODS,
  type CounterConsentMethod,
  type Customer,
  type Gender,
} from '../../../shared/domain';
import type { FieldIssue } from '../../../shared/errors';
import type { Language } from '../../../shared/language';
import { issuesSummary } from '../../../shared/messages';
import { findSensitive } from '../../../shared/sensitive';
import { parseBirthday, shopDate, typingDate } from '../../../shared/shop-date';
import { ageOn } from '../../../shared/shop-time';
import { Button, ErrorBanner, Field, FormActions } from '../../components/ui';
import { fieldMessage, focusFirstInvalid, type UiError } from '../../lib/client';
import { useShop } from '../shop/shop.store';
import { useCustomers } from './customers.store';
import { useMemberJoin } from '../loyalty/loyalty.store';
import { useJoin } from '../join/join.store';

interface Props {
  customer?: Customer;
  /** Told the saved customer (the store already shows it). */
  onSaved?(customer: Customer): void;
  onCancel(): void;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Fields folded under "Data lain" (the counter needs a name, a phone and the consent). */
const FOLDED = ['email', 'address', 'birthday', 'gender', 'tags', 'notes'] as const;

/** The typed birthday as yyyy-mm-dd (a two-digit year is read against this year). */
function typedBirthday(typed: string): string | null | 'invalid' {
  return parseBirthday(typed, Date.now());
}

/** Whole years from a yyyy-mm-dd birthday to the shop's today (as main counts them). */
function ageFrom(birthday: string): number | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(birthday) ? ageOn(birthday, Date.now()) : null;
}

interface Values {
  name: string;
  phone: string;
  email: string;
  address: string;
  notes: string;
  /** As typed, dd/mm/yyyy (the shop's way of writing a date); sent as yyyy-mm-dd. */
  birthday: string;
  gender: Gender | '';
  tags: string;
  isMinor: boolean;
  guardianName: string;
}

/**
 * Shows only the fields the shop collects, each with its purpose; consent for each purpose is a
 * separate, unticked box (UU PDP Art. 22). Checks what it can before sending; main decides.
 */
export function CustomerForm({ customer, onSaved, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const seeded = useSeeded();
  const lang = i18n.language as Language;
  const formRef = useRef<HTMLFormElement>(null);
  const { fields, purposes, loaded, load, enabled } = useShop();
  const save = useCustomers((s) => s.save);
  // While members join only by their own WhatsApp, the member box is not the cashier's to tick:
  // the form saves the customer, then opens "Gabung lewat WhatsApp" with that purpose ticked.
  const memberJoin = useMemberJoin();
  const offerJoin = useJoin((s) => s.offer);
  const onlyByWhatsApp = (purposeId: number) => memberJoin.whatsappOnly && purposeId === memberJoin.purposeId;
  const openCustomer = useCustomers((s) => s.open);
  const [v, setV] = useState<Values>({
    name: customer?.name ?? '',
    phone: customer?.phone ?? '',
    email: customer?.email ?? '',
    address: customer?.address ?? '',
    notes: customer?.notes ?? '',
    birthday: customer?.birthday ? shopDate(customer.birthday) : '',
    gender: customer?.gender ?? '',
    tags: customer?.tags.join(', ') ?? '',
    isMinor: customer?.isMinor ?? false,
    guardianName: customer?.guardianName ?? '',
  });
  const [consents, setConsents] = useState<Set<number>>(new Set());
  const [more, setMore] = useState(
    Boolean(
      customer &&
      (customer.email ||
        customer.address ||
        customer.notes ||
        customer.birthday ||
        customer.gender ||
        customer.tags.length),
    ),
  );
  const [method, setMethod] = useState<CounterConsentMethod>('verbal');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const nameMissing = !v.name.trim();
  const emailBad = v.email.trim() !== '' && !EMAIL.test(v.email.trim());
  // 31/02/1990 is no date: said on the field before anything is sent (main refuses it too).
  const birthdayIso = enabled('birthday') ? typedBirthday(v.birthday) : null;
  const birthdayBad = birthdayIso === 'invalid';
  // Under 18 by the birthday: the guardian's field shows at once (main derives the same).
  const age = birthdayIso && !birthdayBad ? ageFrom(birthdayIso) : null;
  const minorByBirthday = age !== null && age < 18;
  const minor = v.isMinor || minorByBirthday;
  const server = (field: string) => fieldMessage(error, field, lang);
  // What the form itself can tell before asking main, as the same kind of issues main sends.
  const clientIssues: FieldIssue[] = [
    ...(nameMissing ? [{ field: 'name', reason: 'required' as const }] : []),
    ...(emailBad ? [{ field: 'email', reason: 'invalid' as const }] : []),
    ...(birthdayBad ? [{ field: 'birthday', reason: 'invalid' as const }] : []),
  ];
  const [attempt, setAttempt] = useState(0);
  // After a refused save, the first marked field gets the focus (the message sits beside it).
  useEffect(() => {
    if (attempt > 0) focusFirstInvalid(formRef.current);
  }, [attempt, error]);
  const sensitive = enabled('notes') ? findSensitive(v.notes) : [];
  const purposeOf = (key: string) => {
    const purpose = fields.find((f) => f.key === key)?.purpose;
    return purpose === undefined ? undefined : seeded(purpose);
  };

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);

  const set = (k: keyof Values) => (e: { target: { value: string } }) => {
    // The birthday gets its slashes as it is typed (a numeric keypad has none).
    setV({ ...v, [k]: k === 'birthday' ? typingDate(v.birthday, e.target.value) : e.target.value });
    // A warning about the notes no longer applies once they are edited.
    if (k === 'notes' && error?.code === 'SENSITIVE_DATA') setError(null);
  };
  const toggle = (id: number) => {
    const next = new Set(consents);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setConsents(next);
  };

  const submit = async (acknowledgeSensitive = false, joinAfter = false) => {
    setTouched(true);
    setAttempt((n) => n + 1);
    if (clientIssues.length > 0 || (minor && consents.size > 0 && !v.guardianName.trim())) return;
    setBusy(true);
    setError(null);
    // Only fields the shop collects are sent; main refuses any other.
    const only = <T,>(key: Parameters<typeof enabled>[0], value: T) => (enabled(key) ? value : undefined);
    const input = {
      name: v.name,
      // A masked phone left as it was is not sent: main keeps the stored number.
      phone: customer?.phoneMasked && v.phone === customer.phone ? undefined : only('phone', v.phone || null),
      email: only('email', v.email || null),
      address: only('address', v.address || null),
      notes: only('notes', v.notes || null),
      birthday: only('birthday', birthdayBad ? null : birthdayIso),
      gender: only('gender', v.gender || null),
      tags: only(
        'tags',
        v.tags
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
      isMinor: minor,
      guardianName: minor ? v.guardianName || null : null,
      acknowledgeSensitive,
    };
    // On success the store shows the saved customer (what main returned: no second read).
    const r = await save(
      customer
        ? { id: customer.id, ...input }
        : { ...input, consents: [...consents].map((purposeId) => ({ purposeId, method })) },
    );
    setBusy(false);
    if (r.ok) {
      if (joinAfter && memberJoin.purposeId !== null) offerJoin(r.value.id, memberJoin.purposeId);
      onSaved?.(r.value);
    } else setError(r.error);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(false);
  };

  const consentPurposes = purposes.filter((p) => p.active && p.legalBasis === 'consent');
  const sensitiveError = error?.code === 'SENSITIVE_DATA';
  const existing = error?.details?.existing;
  const folded = FOLDED.filter((k) => enabled(k));
  // Folded fields open when they hold something, or when one of them is refused.
  const foldedProblem =
    (touched && (emailBad || birthdayBad)) || sensitiveError || folded.some((k) => server(k) !== false);
  const moreOpen = more || foldedProblem;
  const minorNeedsGuardian = minor && consents.size > 0 && !v.guardianName.trim();
  const shownIssues: FieldIssue[] = touched
    ? [
        ...clientIssues,
        ...(minorNeedsGuardian ? [{ field: 'guardianName', reason: 'required' as const }] : []),
      ]
    : [];
  // One summary beside the Save button, where the eyes are when a save is refused.
  const summary: UiError =
    error && !sensitiveError
      ? error
      : shownIssues.length > 0
        ? { code: 'VALIDATION', message: issuesSummary(shownIssues, lang) }
        : null;

  const minorCheck = (
    <label className="check minor-check">
      <input
        type="checkbox"
        checked={minor}
        disabled={minorByBirthday}
        onChange={(e) => setV({ ...v, isMinor: e.target.checked })}
      />
      {t('consent.minor')}
    </label>
  );
  const guardian = minor && (
    <Field
      label={t('consent.guardian')}
      name="guardianName"
      value={v.guardianName}
      maxLength={120}
      onChange={set('guardianName')}
      invalid={(touched && minorNeedsGuardian && t('consent.guardianRequired')) || server('guardianName')}
    />
  );

  return (
    <form
      className="panel-form"
      onSubmit={onSubmit}
      noValidate
      ref={formRef}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h2>{customer ? t('customers.editTitle') : t('customers.newTitle')}</h2>
      {/* Short fields two to a row, the rest folded: consent and Simpan stay in view on a
          1024x640 laptop. */}
      <div className="form-grid">
        <Field
          label={t('customers.name')}
          name="name"
          value={v.name}
          maxLength={120}
          autoFocus
          onChange={set('name')}
          invalid={(touched && nameMissing && t('customers.nameRequired')) || server('name')}
        />
        {enabled('phone') && (
          <div className="field-with-action phone-cell">
            <Field
              label={t('customers.phone')}
              name="phone"
              type="tel"
              inputMode="tel"
              value={v.phone}
              maxLength={40}
              onChange={set('phone')}
              placeholder={t('customers.phoneHelp')}
              help={purposeOf('phone')}
              invalid={server('phone')}
            />
            {/* Whose number it is, and a way to open them, right under the message. */}
            {existing && (
              <Button type="button" className="btn-small" onClick={() => void openCustomer(existing.id)}>
                {t('customers.openExisting', { name: existing.name })}
              </Button>
            )}
          </div>
        )}
        {/* Under the name, in the room the phone's purpose leaves (after the phone in the Tab
            order): whether the customer is a child. */}
        {minorCheck}
      </div>
      {folded.length > 0 && (
        <details
          className="more-fields"
          open={moreOpen}
          onToggle={(e) => setMore((e.currentTarget as HTMLDetailsElement).open)}
        >
          <summary>
            {t('customers.moreFields')}{' '}
            <span className="muted small">
              (
              {folded
                .map((k) =>
                  t(k === 'email' || k === 'address' || k === 'notes' ? `customers.${k}` : `fields.${k}`),
                )
                .join(', ')}
              )
            </span>
          </summary>
          <div className="form-grid">
            {enabled('email') && (
              <Field
                label={t('customers.email')}
                name="email"
                type="email"
                value={v.email}
                maxLength={254}
                onChange={set('email')}
                help={purposeOf('email')}
                invalid={(touched && emailBad && t('customers.emailInvalid')) || server('email')}
              />
            )}
            {enabled('birthday') && (
              <Field
                label={t('fields.birthday')}
                name="birthday"
                inputMode="numeric"
                autoComplete="off"
                placeholder={t('customers.datePlaceholder')}
                value={v.birthday}
                maxLength={10}
                onChange={set('birthday')}
                help={minorByBirthday ? t('customers.minorFromBirthday', { age }) : t('customers.dateHelp')}
                invalid={(touched && birthdayBad && t('customers.birthdayInvalid')) || server('birthday')}
              />
            )}
            {enabled('gender') && (
              <div className="field">
                <label htmlFor="gender">{t('fields.gender')}</label>
                <select id="gender" name="gender" value={v.gender} onChange={set('gender')}>
                  <option value="">{t('gender.none')}</option>
                  <option value="female">{t('gender.female')}</option>
                  <option value="male">{t('gender.male')}</option>
                </select>
                <small className="field-help">{purposeOf('gender')}</small>
              </div>
            )}
            {enabled('tags') && (
              <Field
                label={t('fields.tags')}
                name="tags"
                value={v.tags}
                maxLength={400}
                onChange={set('tags')}
                help={purposeOf('tags')}
                invalid={server('tags')}
              />
            )}
          </div>
          {enabled('address') && (
            <Field
              label={t('customers.address')}
              name="address"
              value={v.address}
              maxLength={500}
              onChange={set('address')}
              help={purposeOf('address')}
              invalid={server('address')}
            />
          )}
          {enabled('notes') && (
            <Field
              label={t('customers.notes')}
              name="notes"
              multiline
              rows={2}
              value={v.notes}
              maxLength={2000}
              onChange={set('notes')}
              help={
                sensitive.length
                  ? t('sensitive.hint', { kinds: sensitive.map((k) => t(`sensitive.kinds.${k}`)).join(', ') })
                  : purposeOf('notes')
              }
              invalid={(sensitiveError && ' ') || server('notes')}
            />
          )}
        </details>
      )}
      {sensitiveError && (
        <div className="banner banner-warn confirm" role="alert">
          <span>{error.details?.reason === 'blocked' ? t('sensitive.blocked') : error.message}</span>
          {error.details?.reason !== 'blocked' && (
            <Button type="button" className="btn-small" onClick={() => void submit(true)}>
              {t('sensitive.confirm')}
            </Button>
          )}
        </div>
      )}
      {!customer && consentPurposes.length > 0 ? (
        <fieldset className="consent-box">
          <legend>{t('consent.title')}</legend>
          <p className="muted small consent-intro">{t('consent.intro')}</p>
          {consentPurposes.map((p) =>
            onlyByWhatsApp(p.id) ? (
              <div key={p.id} className="check member-whatsapp-only" data-testid="member-whatsapp-only">
                <input
                  type="checkbox"
                  id={`consent-${p.id}`}
                  name={`consent-${p.id}`}
                  checked={false}
                  disabled
                  aria-describedby={`consent-${p.id}-how`}
                />
                <span>
                  <label htmlFor={`consent-${p.id}`}>
                    <strong>{seeded(p.name)}</strong>
                  </label>
                  <small className="block muted">{seeded(p.description)}</small>
                  <small className="block" id={`consent-${p.id}-how`}>
                    {t('loyalty.onlyWhatsApp')}
                  </small>
                  <Button
                    type="button"
                    className="btn-small"
                    disabled={busy}
                    onClick={() => void submit(false, true)}
                  >
                    {t('loyalty.saveThenJoin')}
                  </Button>
                </span>
              </div>
            ) : (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  name={`consent-${p.id}`}
                  checked={consents.has(p.id)}
                  onChange={() => toggle(p.id)}
                />
                <span>
                  <strong>{seeded(p.name)}</strong>
                  <small className="block muted">{seeded(p.description)}</small>
                </span>
              </label>
            ),
          )}
          {/* How the consent was given, on one line under the purposes. */}
          <div className="consent-foot">
            <div className="consent-method">
              <label htmlFor="consent-method">{t('consent.method')}</label>
              <select
                id="consent-method"
                value={method}
                onChange={(e) => setMethod(e.target.value as CounterConsentMethod)}
              >
                {CONSENT_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`consent.methods.${m}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {guardian}
        </fieldset>
      ) : (
        guardian
      )}
      <ErrorBanner error={summary} />
      <FormActions
        onBack={onCancel}
        backLabel={t('common.cancel')}
        submitLabel={t('common.save')}
        busy={busy}
      />
    </form>
  );
}
