import type { ImportRowError } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { words } from '../../../shared/i18n/text';
import { fieldLabel, importProblemText } from '../../../shared/messages';
import { shopCsv } from '../csv';

/**
 * The row errors as a file the owner can fix the spreadsheet from: row (as the spreadsheet
 * numbers it), column and problem in the owner's language. Row, column and problem only: no cell
 * values and not the file's name (it can name a person).
 */
export function problemsCsv(errors: readonly ImportRowError[], lang: Language): string {
  const rows = errors.map((e) => [
    e.row,
    e.field === 'row' ? '' : fieldLabel(e.field, lang),
    importProblemText(e.code, lang),
  ]);
  const { row, column, problem } = words(lang).imports.problemsFile.header;
  return shopCsv([[row, column, problem], ...rows]);
}
