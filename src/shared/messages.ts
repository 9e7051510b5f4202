import { PRODUCTS_MAX, type ImportRowError, type SalesRowProblem } from './domain';
import type { ErrorCode, ErrorDetails, FieldIssue } from './errors';
import { text, words, type TextKey } from './i18n/text';
import type { Language } from './language';

/**
 * Error messages in both UI languages, read from the catalogue's `errors` namespace. Main fills
 * these in so that every error reaching the renderer is already readable; placeholders take only
 * non-personal numbers (and, for a duplicate phone, the name the asking window may see).
 */

/** The text of `group[key]` when the group has one (a reason is any string a service sends). */
function own(group: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(group, key) ? group[key] : undefined;
}

/** The catalogue key of the message for a code with this reason, when the reason has its own. */
function reasonKey(code: ErrorCode, reason: string | undefined): TextKey | undefined {
  if (!reason) return undefined;
  // Both languages have the same keys (English is typed against Bahasa Indonesia).
  const reasons: Readonly<Record<string, Readonly<Record<string, string>>>> = words('id').errors.reasons;
  const byCode = Object.hasOwn(reasons, code) ? reasons[code] : undefined;
  if (byCode && own(byCode, reason) !== undefined) return `errors.reasons.${code}.${reason}` as TextKey;
  // A backup folder that cannot be written: one message, the folder's problem as its reason.
  if (code === 'BAD_FILE' && (reason.startsWith('folder_') || reason === 'disk_full'))
    return 'errors.backupFolder';
  return undefined;
}

export function errorMessage(code: ErrorCode, lang: Language, details?: ErrorDetails): string {
  if (code === 'VALIDATION' && details?.issues?.length && !details.reason)
    return issuesSummary(details.issues, lang);
  const { kinds, fileReasons } = words(lang).errors;
  const reason = details?.reason;
  return text(lang, reasonKey(code, reason) ?? `errors.codes.${code}`, {
    attemptsLeft: details?.attemptsLeft ?? 0,
    seconds: details?.retryAfterMs !== undefined ? Math.ceil(details.retryAfterMs / 1000) : 0,
    name: details?.existing?.name ?? '',
    kinds: (details?.kinds ?? []).map((k) => own(kinds, k) ?? k).join(', '),
    reason: reason ? (own(fileReasons, reason) ?? reason) : '',
    max: PRODUCTS_MAX,
  });
}

type Camel<S extends string> = S extends `${infer A}_${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;

/** too_short -> tooShort: the catalogue's keys may not end like plural forms ("too_many"). */
function camel<S extends string>(s: S): Camel<S> {
  return s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()) as Camel<S>;
}

/** Why a field was refused, in words (shown beside the field). */
export function issueText(issue: FieldIssue, lang: Language): string {
  const name = camel(issue.reason);
  if (issue.limit !== undefined) return text(lang, `errors.issues.${name}`, { limit: issue.limit });
  // A bound's text without its number would show a raw placeholder: say "not valid" instead.
  const bounded = words(lang).errors.issues[name].includes('{{limit');
  return text(lang, bounded ? 'errors.issues.invalid' : `errors.issues.${name}`);
}

export function fieldLabel(path: string, lang: Language): string {
  const head = path.split('.')[0] ?? path;
  return own(words(lang).errors.fields, head) ?? head;
}

/** "Periksa: Nama (wajib diisi); Barang (terlalu panjang, …)." for a refused form. */
export function issuesSummary(issues: FieldIssue[], lang: Language): string {
  const parts = issues.map((i) => `${fieldLabel(i.field, lang)} (${issueText(i, lang)})`);
  return text(lang, 'errors.checkFields', { fields: parts.join('; ') });
}

export function salesProblemText(code: SalesRowProblem, lang: Language): string {
  return words(lang).errors.salesProblems[code];
}

export function importProblemText(code: ImportRowError['code'], lang: Language): string {
  return words(lang).errors.importProblems[code];
}
