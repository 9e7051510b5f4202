import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LOYALTY_COST_MAX,
  LOYALTY_EXPIRY_MONTHS_MAX,
  LOYALTY_JOIN_PROOFS,
  LOYALTY_REWARD_NAME_MAX,
  LOYALTY_REWARDS_MAX,
  LOYALTY_RUPIAH_MAX,
  PRODUCT_PRICE_MAX,
  type LoyaltyJoinProof,
  type LoyaltyMode,
  type LoyaltyProgramme,
} from '../../../shared/domain';
import { parseRupiah } from '../../../shared/rupiah';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatRupiah, groupRupiah } from '../../lib/format';
import { useShop } from '../shop/shop.store';
import { useLoyalty } from './loyalty.store';
import './loyalty.css';

interface RewardDraft {
  id?: number;
  name: string;
  cost: string;
  discount: string;
  active: boolean;
}

interface Draft {
  enabled: boolean;
  mode: LoyaltyMode;
  rupiahPer: string;
  expiryMonths: string;
  joinProof: LoyaltyJoinProof;
  rewards: RewardDraft[];
}

const toDraft = (p: LoyaltyProgramme): Draft => ({
  enabled: p.enabled,
  mode: p.mode,
  // Rupiah shown back grouped as typed ("1.000", not "1000") after a save.
  rupiahPer: groupRupiah(p.rupiahPer),
  expiryMonths: p.expiryMonths === null ? '' : String(p.expiryMonths),
  joinProof: p.joinProof,
  rewards: p.rewards.map((r) => ({
    id: r.id,
    name: r.name,
    cost: String(r.cost),
    discount: groupRupiah(r.discount),
    active: r.active,
  })),
});

const whole = (s: string, max: number): number | null => {
  const n = Number(s.trim());
  return /^\d+$/.test(s.trim()) && n >= 1 && n <= max ? n : null;
};

/**
 * Settings -> the member programme, in plain words: points or stamps, how many rupiah per point,
 * rewards and what they cost, when points expire. Saving it changes the privacy notice (main
 * makes the member purpose and the new notice version).
 */
export function LoyaltySettings({
  onNoticeVersion,
}: {
  /** The notice version now in force, after a save made a new one (the page shows it elsewhere too). */
  onNoticeVersion?(version: number): void;
} = {}) {
  const { t } = useTranslation();
  const { load, save } = useLoyalty();
  const getSettings = useShop((s) => s.getSettings);
  // Saving makes or changes the member purpose in main: the consent boxes read purposes from here.
  const reloadShop = useShop((s) => s.load);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<UiError>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void load().then(() => {
      const p = useLoyalty.getState().programme;
      if (p) setDraft(toDraft(p));
    });
  }, [load]);
  if (!draft) return null;

  const rupiah = parseRupiah(draft.rupiahPer);
  const rupiahBad = rupiah === null || rupiah < 1 || rupiah > LOYALTY_RUPIAH_MAX;
  const expiry =
    draft.expiryMonths.trim() === '' ? null : whole(draft.expiryMonths, LOYALTY_EXPIRY_MONTHS_MAX);
  const expiryBad = draft.expiryMonths.trim() !== '' && expiry === null;
  const rewards = draft.rewards.map((r) => ({
    ...(r.id !== undefined ? { id: r.id } : {}),
    name: r.name.trim(),
    cost: whole(r.cost, LOYALTY_COST_MAX),
    discount: parseRupiah(r.discount),
    active: r.active,
  }));
  const rewardsBad = rewards.some(
    (r) =>
      r.name === '' ||
      r.cost === null ||
      r.discount === null ||
      r.discount < 1 ||
      r.discount > PRODUCT_PRICE_MAX,
  );
  const unit = t(`loyalty.unit.${draft.mode}`);
  // The owner's own number worked through (a fixed example beside it read as if it were theirs).
  const pointsExample = (per: number) => {
    const spent = per <= 45_000 ? 45_000 : per * 3;
    return t('loyalty.rupiahExamplePoints', {
      per: formatRupiah(per),
      spent: formatRupiah(spent),
      count: Math.floor(spent / per),
    });
  };

  const setReward = (i: number, next: Partial<RewardDraft>) =>
    setDraft({ ...draft, rewards: draft.rewards.map((r, j) => (j === i ? { ...r, ...next } : r)) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setSaved(null);
    if (rupiahBad || expiryBad || rewardsBad) return;
    setBusy(true);
    const r = await save({
      enabled: draft.enabled,
      mode: draft.mode,
      rupiahPer: rupiah!,
      expiryMonths: expiry,
      legalBasis: 'consent',
      joinProof: draft.joinProof,
      rewards: rewards.map((x) => ({ ...x, cost: x.cost!, discount: x.discount! })),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setTouched(false);
    setDraft(toDraft(r.value));
    const [settings] = await Promise.all([getSettings(), reloadShop()]);
    if (settings.ok) onNoticeVersion?.(settings.value.noticeVersion);
    setSaved(
      r.value.enabled && settings.ok
        ? t('loyalty.saved', { version: settings.value.noticeVersion })
        : t('loyalty.savedOff'),
    );
  };

  return (
    <form
      className="inline-form wide"
      data-testid="loyalty-settings"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="loyalty-title"
    >
      <h2 id="loyalty-title">{t('loyalty.title')}</h2>
      <p className="muted small">{t('loyalty.intro')}</p>
      <ErrorBanner error={error} />
      {saved && <Notice tone="ok">{saved}</Notice>}
      <label className="check">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
        />
        {t('loyalty.enabled')}
      </label>
      <fieldset className="choice-row">
        <legend>{t('loyalty.mode')}</legend>
        {(['points', 'stamps'] as const).map((m) => (
          <label key={m} className="check">
            <input
              type="radio"
              name="loyaltyMode"
              checked={draft.mode === m}
              onChange={() => setDraft({ ...draft, mode: m })}
            />
            {t(`loyalty.modes.${m}`)}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <Field
          label={t(draft.mode === 'points' ? 'loyalty.rupiahPerPoints' : 'loyalty.rupiahPerStamps')}
          name="rupiahPer"
          inputMode="numeric"
          value={draft.rupiahPer}
          onChange={(e) => setDraft({ ...draft, rupiahPer: e.target.value })}
          help={
            rupiah === null || rupiah < 1
              ? t(draft.mode === 'points' ? 'loyalty.rupiahHelpPoints' : 'loyalty.rupiahHelpStamps')
              : draft.mode === 'points'
                ? pointsExample(rupiah)
                : `= ${formatRupiah(rupiah)}. ${t('loyalty.rupiahHelpStamps')}`
          }
          invalid={touched && rupiahBad && t('loyalty.rupiahInvalid')}
        />
        <Field
          label={t(`loyalty.expiry.${draft.mode}`)}
          name="expiryMonths"
          inputMode="numeric"
          value={draft.expiryMonths}
          onChange={(e) => setDraft({ ...draft, expiryMonths: e.target.value })}
          help={t(`loyalty.expiryHelp.${draft.mode}`)}
          invalid={touched && expiryBad && t('loyalty.expiryInvalid')}
        />
      </div>
      <p className="small">
        {t('loyalty.basis')}: <strong>{t('loyalty.basisConsent')}</strong>
      </p>
      {/* How joining is proven: main enforces it, and the notice says it. */}
      <fieldset className="join-proof">
        <legend>{t('loyalty.joinProof')}</legend>
        {LOYALTY_JOIN_PROOFS.map((j) => (
          <label key={j} className="check">
            <input
              type="radio"
              name="loyaltyJoinProof"
              checked={draft.joinProof === j}
              onChange={() => setDraft({ ...draft, joinProof: j })}
            />
            <span>
              {t(`loyalty.joinProofs.${j}`)}
              <small className="block muted">{t(`loyalty.joinProofHelp.${j}`)}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <h3>{t('loyalty.rewards')}</h3>
      {touched && rewardsBad && <Notice tone="warn">{t('loyalty.rewardInvalid', { unit })}</Notice>}
      <ul className="consent-list loyalty-rewards">
        {draft.rewards.map((r, i) => (
          <li key={r.id ?? `new-${i}`} className="row">
            <Field
              label={t('loyalty.rewardName')}
              name={`rewardName${i}`}
              value={r.name}
              maxLength={LOYALTY_REWARD_NAME_MAX}
              onChange={(e) => setReward(i, { name: e.target.value })}
            />
            <Field
              label={t('loyalty.rewardCost', { unit })}
              name={`rewardCost${i}`}
              inputMode="numeric"
              value={r.cost}
              onChange={(e) => setReward(i, { cost: e.target.value })}
            />
            <Field
              label={t('loyalty.rewardDiscount')}
              name={`rewardDiscount${i}`}
              inputMode="numeric"
              value={r.discount}
              onChange={(e) => setReward(i, { discount: e.target.value })}
            />
            <label className="check">
              <input
                type="checkbox"
                checked={r.active}
                onChange={(e) => setReward(i, { active: e.target.checked })}
              />
              {t('loyalty.rewardActive')}
            </label>
          </li>
        ))}
      </ul>
      <div className="actions actions-left">
        {draft.rewards.length < LOYALTY_REWARDS_MAX && (
          <Button
            type="button"
            className="btn-small"
            onClick={() =>
              setDraft({
                ...draft,
                rewards: [...draft.rewards, { name: '', cost: '', discount: '', active: true }],
              })
            }
          >
            {t('loyalty.addReward')}
          </Button>
        )}
        <Button type="submit" className="btn-primary" disabled={busy}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
