import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/language';

/**
 * The language of one letter to one customer, beside its print button: the screen's language
 * until the owner picks another (a customer may read the other one). Each language is named in
 * itself, so the owner finds the customer's whatever the screen shows.
 */
export function LetterLanguage({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Language;
  onChange: (language: Language) => void;
}) {
  const { t } = useTranslation();
  return (
    <label className="inline-select" htmlFor={id}>
      <span>{t('privacy.letterLanguage.label')}</span>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`privacy.letterLanguage.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
