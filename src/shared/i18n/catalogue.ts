import type { Language } from '../language';
import { breachDocs as breachDocsEn } from './en/breachDocs';
import { briefingRules as briefingRulesEn } from './en/briefingRules';
import { core as coreEn } from './en/core';
import { errors as errorsEn } from './en/errors';
import { imports as importsEn } from './en/imports';
import { letters as lettersEn } from './en/letters';
import { notice as noticeEn } from './en/notice';
import { ui as uiEn } from './en/ui';
import { breachDocs } from './id/breachDocs';
import { briefingRules } from './id/briefingRules';
import { core } from './id/core';
import { errors } from './id/errors';
import { imports } from './id/imports';
import { letters } from './id/letters';
import { notice } from './id/notice';
import { ui } from './id/ui';

/**
 * Every word the app shows, prints or sends, in both languages: the screens' words at the top
 * level and main's texts (errors, documents, letters, briefing, receipts) in their own namespaces.
 * Main and the renderer read this one tree; nothing else holds user-facing text.
 */
function join<U extends object, N extends object>(screens: U, namespaces: N): U & N {
  for (const key of Object.keys(namespaces)) {
    // A namespace named like a screen's group would silently replace that group's words.
    if (key in screens) throw new Error(`catalogue namespace "${key}" collides with the screens' words`);
  }
  return { ...screens, ...namespaces };
}

const id = join(ui, { errors, notice, letters, breachDocs, briefingRules, core, imports });

export type Texts = typeof id;

export const catalogue: Record<Language, Texts> = {
  id,
  en: join(uiEn, {
    errors: errorsEn,
    notice: noticeEn,
    letters: lettersEn,
    breachDocs: breachDocsEn,
    briefingRules: briefingRulesEn,
    core: coreEn,
    imports: importsEn,
  }),
};
