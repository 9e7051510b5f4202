import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/language';
import { seededText } from '../../shared/seeded-text';

/** Shows the vault's default texts in the app's language (see shared/seeded-text.ts). */
export function useSeeded(): (text: string) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (text) => seededText(text, lang);
}
