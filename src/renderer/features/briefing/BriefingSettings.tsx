import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BriefingStatus } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatDate } from '../../lib/format';
import { useBriefing } from './briefing.store';

/** The owner's side: the rules (empty = the default), how often they are read, and who is current. */
export function BriefingSettings() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { text, update, status } = useBriefing();
  const [draft, setDraft] = useState('');
  const [months, setMonths] = useState('6');
  const [people, setPeople] = useState<BriefingStatus[]>([]);
  const [error, setError] = useState<UiError>(null);
  const [saved, setSaved] = useState<'rules' | 'months' | null>(null);
  // The rules as last saved: only a change of them sends everyone back to read.
  const [stored, setStored] = useState('');
  useEffect(() => {
    void text().then((r) => {
      if (!r.ok) return;
      setDraft(r.value.custom ? r.value.rules.join('\n') : '');
      setStored(r.value.custom ? r.value.rules.join('\n') : '');
      setMonths(String(r.value.months));
    });
    void status().then((r) => r.ok && setPeople(r.value));
  }, [text, status]);
  const save = async () => {
    const r = await update(draft, Number(months));
    setError(r.ok ? null : r.error);
    const changed =
      draft
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join('\n') !== stored;
    setSaved(r.ok ? (changed ? 'rules' : 'months') : null);
    if (r.ok) setStored(r.value.custom ? r.value.rules.join('\n') : '');
    if (r.ok) void status().then((s) => s.ok && setPeople(s.value));
  };
  return (
    <div className="inline-form" data-testid="briefing-settings">
      <h2>{t('briefing.settings')}</h2>
      <Field
        label={t('briefing.rules')}
        name="briefingText"
        multiline
        rows={7}
        help={t('briefing.rulesHelp')}
        value={draft}
        maxLength={3000}
        onChange={(e) => setDraft(e.target.value)}
      />
      <Field
        label={t('briefing.months')}
        name="briefingMonths"
        type="number"
        min={1}
        max={24}
        value={months}
        onChange={(e) => setMonths(e.target.value)}
      />
      <ErrorBanner error={error} />
      {saved && (
        <Notice tone="ok">{saved === 'rules' ? t('briefing.savedForStaff') : t('common.saved')}</Notice>
      )}
      <Button className="btn-primary" onClick={() => void save()}>
        {t('common.save')}
      </Button>
      <ul className="briefing-status" data-testid="briefing-status">
        {people.map((p) => (
          <li key={p.userId}>
            {p.name}:{' '}
            {p.current
              ? t('briefing.current', { when: p.lastAt ? formatDate(p.lastAt, lang) : '' })
              : t('briefing.due')}
          </li>
        ))}
      </ul>
    </div>
  );
}
