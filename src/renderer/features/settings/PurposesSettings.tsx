import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSeeded } from '../../lib/seeded';
import {
  LEGAL_BASES,
  MARKETING_CHANNELS,
  type LegalBasis,
  type MarketingChannel,
  type Purpose,
} from '../../../shared/domain';
import { Button, ErrorBanner, Field, FormActions, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { useShop } from '../shop/shop.store';

type Draft = Omit<Purpose, 'id'> & { id?: number };
const EMPTY: Draft = { name: '', description: '', legalBasis: 'consent', channel: null, active: true };

/** Purposes of processing, each with its legal basis (UU PDP Art. 20); the owner edits and adds. */
export function PurposesSettings() {
  const { t } = useTranslation();
  const seeded = useSeeded();
  const { purposes, savePurpose } = useShop();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<UiError>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    const r = await savePurpose(draft);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setDraft(null);
    setError(null);
    setSaved(true);
  };

  return (
    <div className="inline-form wide">
      <div className="pane-head">
        <h2>{t('purposes.title')}</h2>
        <Button
          className="btn-small"
          onClick={() => {
            setDraft(EMPTY);
            setSaved(false);
          }}
        >
          {t('purposes.add')}
        </Button>
      </div>
      <p className="muted small">{t('purposes.intro')}</p>
      {saved && <Notice tone="ok">{t('purposes.saved')}</Notice>}
      {draft && (
        <form onSubmit={(e) => void submit(e)}>
          <ErrorBanner error={error} />
          <Field
            label={t('purposes.name')}
            name="purposeName"
            value={draft.name}
            maxLength={80}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
          <Field
            label={t('purposes.description')}
            name="purposeDescription"
            value={draft.description}
            maxLength={300}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
          <div className="row">
            <div className="field">
              <label htmlFor="basis">{t('purposes.basis')}</label>
              <select
                id="basis"
                value={draft.legalBasis}
                onChange={(e) => setDraft({ ...draft, legalBasis: e.target.value as LegalBasis })}
              >
                {LEGAL_BASES.map((b) => (
                  <option key={b} value={b}>
                    {t(`consent.bases.${b}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="channel">{t('purposes.channel')}</label>
              <select
                id="channel"
                value={draft.channel ?? ''}
                onChange={(e) =>
                  setDraft({ ...draft, channel: (e.target.value || null) as MarketingChannel | null })
                }
              >
                <option value="">{t('purposes.noChannel')}</option>
                {MARKETING_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`marketing.channels.${c}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.active}
              onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
            />
            {t('purposes.active')}
          </label>
          <FormActions
            onBack={() => setDraft(null)}
            backLabel={t('common.cancel')}
            submitLabel={t('common.save')}
            busy={busy}
          />
        </form>
      )}
      <ul className="consent-list">
        {purposes.map((p) => (
          <li key={p.id}>
            <div>
              <strong>{seeded(p.name)}</strong>
              {!p.active && <span className="pill pill-off">{t('users.inactive')}</span>}
              <small className="block muted">
                {seeded(p.description)} · {t('consent.basis', { basis: t(`consent.bases.${p.legalBasis}`) })}
                {p.channel ? ` · ${t(`marketing.channels.${p.channel}`)}` : ''}
              </small>
            </div>
            <Button
              className="btn-small"
              onClick={() => {
                setDraft(p);
                setSaved(false);
              }}
            >
              {t('common.edit')}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
