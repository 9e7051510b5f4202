import { createInstance, type TFunction } from 'i18next';
import type { Language } from '../language';
import { catalogue, type Texts } from './catalogue';

type Plural = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Base<K extends string> = K extends `${infer B}_${Plural}` ? B : K;

/** Every path to one text in the catalogue ("notice.title"); plural forms are named once. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${P}${Base<K>}`
    : T[K] extends readonly unknown[]
      ? never
      : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type TextKey = Leaves<Texts>;
export type TextVars = Record<string, string | number>;

const translators = new Map<Language, TFunction>();

function translator(lang: Language): TFunction {
  let t = translators.get(lang);
  if (!t) {
    const instance = createInstance();
    void instance.init({
      resources: { [lang]: { translation: catalogue[lang] } },
      lng: lang,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    t = instance.t;
    translators.set(lang, t);
  }
  return t;
}

/**
 * One text from the catalogue in the given language, with its placeholders filled and its plural
 * chosen by `count`. Main's documents, letters and errors use this; the screens use the same
 * catalogue through react-i18next. A key the catalogue lacks throws rather than printing the key
 * to a customer.
 */
export function text(lang: Language, key: TextKey, vars?: TextVars): string {
  const t = translator(lang);
  const out = t(key as string, { ...vars, defaultValue: MISSING }) as unknown as string;
  if (out === MISSING) throw new Error(`no text "${key}" in the ${lang} catalogue`);
  return out;
}

const MISSING = '\u0000missing';

/** The catalogue's tree in one language, for lists and tables of texts (typed, read-only). */
export function words(lang: Language): Texts {
  return catalogue[lang];
}
