import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../shared/language';
import { useSession } from '../features/session/session.store';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const setLanguage = useSession((s) => s.setLanguage);
  return (
    <div className="lang-switch" role="group" aria-label={t('common.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          className={i18n.language === l ? 'active' : ''}
          aria-pressed={i18n.language === l}
          onClick={() => void setLanguage(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
