import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSeeded } from '../../lib/seeded';
import type { FieldSetting } from '../../../shared/domain';
import { Button, ErrorBanner, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { useShop } from '../shop/shop.store';

/** Minimization, made concrete: the owner turns each optional field on or off and says why. */
export function FieldsSettings() {
  const { t } = useTranslation();
  const seeded = useSeeded();
  const { fields, load, updateField } = useShop();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<FieldSetting | null>(null);
  const [error, setError] = useState<UiError>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const save = async (f: FieldSetting, enabled: boolean, clearStored = false) => {
    setError(null);
    setMessage(null);
    const r = await updateField({
      key: f.key,
      enabled,
      purpose: drafts[f.key] ?? f.purpose,
      clearStored,
    });
    if (!r.ok) return setError(r.error);
    setAsking(null);
    if (clearStored) setMessage(t('fields.cleared', { count: r.value.cleared }));
    else setMessage(t('common.saved'));
  };

  return (
    <div className="inline-form wide">
      <h2>{t('fields.title')}</h2>
      <p className="muted small">{t('fields.intro')}</p>
      <ErrorBanner error={error} />
      {message && <Notice tone="ok">{message}</Notice>}
      {asking && (
        <div className="banner banner-warn confirm" role="alertdialog" aria-label={t('fields.title')}>
          <span>{t('fields.clearAsk', { field: t(`fields.${asking.key}`) })}</span>
          <Button className="btn-small" onClick={() => void save(asking, false, false)}>
            {t('fields.clearNo')}
          </Button>
          <Button className="btn-small btn-danger" onClick={() => void save(asking, false, true)}>
            {t('fields.clearYes')}
          </Button>
        </div>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>{t('fields.enabled')}</th>
            <th>{t('fields.purpose')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.key}>
              <td className="nowrap">
                <label className="check tight">
                  <input
                    type="checkbox"
                    name={`field-${f.key}`}
                    checked={f.enabled}
                    onChange={(e) => (e.target.checked ? void save(f, true) : setAsking(f))}
                  />
                  {t(`fields.${f.key}`)}
                </label>
              </td>
              <td>
                <input
                  className="cell-input"
                  aria-label={`${t('fields.purpose')}: ${t(`fields.${f.key}`)}`}
                  value={drafts[f.key] ?? seeded(f.purpose)}
                  maxLength={300}
                  onChange={(e) => setDrafts({ ...drafts, [f.key]: e.target.value })}
                  onBlur={() =>
                    drafts[f.key] !== undefined &&
                    drafts[f.key] !== seeded(f.purpose) &&
                    void save(f, f.enabled)
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
