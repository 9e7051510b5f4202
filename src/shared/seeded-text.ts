import { words } from './i18n/text';
import type { Language } from './language';

type Branch = { [key: string]: string | Branch };

const tables = new Map<Language, Map<string, string>>();

/** Maps each Indonesian text to the other language's text of the same catalogue key, at any depth. */
function pair(source: Branch, target: Branch, out: Map<string, string>): Map<string, string> {
  for (const [key, value] of Object.entries(source)) {
    const other = target[key];
    if (typeof value === 'string') {
      if (typeof other === 'string') out.set(value, other);
    } else if (other !== undefined && typeof other !== 'string') pair(value, other, out);
  }
  return out;
}

/**
 * Texts every vault starts with (the default purposes and why each field is collected), written in
 * Bahasa Indonesia by the first migration. They are the shop's data and the owner may rewrite them;
 * until then the English app shows them in English. A rewritten text is shown as written.
 */
export function seededText(text: string, lang: Language): string {
  let table = tables.get(lang);
  if (!table) {
    table = pair(words('id').core.seeded, words(lang).core.seeded, new Map());
    tables.set(lang, table);
  }
  return table.get(text) ?? text;
}
