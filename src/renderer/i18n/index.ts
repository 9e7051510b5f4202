import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogue } from '../../shared/i18n/catalogue';
import type { Language } from '../../shared/language';

/** The screens read the same catalogue as main; Bahasa Indonesia first, English as the switch. */
export function initI18n(language: Language = 'id') {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { id: { translation: catalogue.id }, en: { translation: catalogue.en } },
      lng: language,
      fallbackLng: 'id',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  } else if (i18next.language !== language) {
    void i18next.changeLanguage(language);
  }
  return i18next;
}

export { i18next };
