import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode, type FieldIssue } from '../../src/shared/errors';
import { words } from '../../src/shared/i18n/text';
import { LANGUAGES } from '../../src/shared/language';
import { errorMessage, issueText, issuesSummary } from '../../src/shared/messages';

/**
 * The messages an owner or cashier reads when something is refused: each says what happened in
 * the reader's language, counts as that language counts, and shows nothing half-filled.
 */
const leftovers = /\{\{|\}\}|\$t\(|\{\w+\}/;

describe('error messages read from the catalogue', () => {
  it('a wrong PIN and a wait count in English: "1 attempt", "1 second"', () => {
    const said = [
      errorMessage('WRONG_PIN', 'en', { attemptsLeft: 1 }),
      errorMessage('WRONG_PIN', 'en', { attemptsLeft: 4 }),
      errorMessage('THROTTLED', 'en', { retryAfterMs: 1000 }),
      errorMessage('THROTTLED', 'en', { retryAfterMs: 29_001 }),
      // Bahasa Indonesia does not inflect: the number alone.
      errorMessage('WRONG_PIN', 'id', { attemptsLeft: 1 }),
      errorMessage('THROTTLED', 'id', { retryAfterMs: 1000 }),
    ];
    expect(said).toEqual([
      'Wrong PIN. 1 attempt left before a delay.',
      'Wrong PIN. 4 attempts left before a delay.',
      'Too many attempts. Try again in 1 second.',
      'Too many attempts. Try again in 30 seconds.',
      'PIN salah. Sisa 1 percobaan sebelum jeda.',
      'Terlalu banyak percobaan. Coba lagi dalam 1 detik.',
    ]);
  });

  it('every error code has its own message in each language, fully filled in', () => {
    const details = { attemptsLeft: 2, retryAfterMs: 5000, kinds: ['nik'], reason: undefined };
    for (const lang of LANGUAGES) {
      for (const code of ERROR_CODES) {
        const message = errorMessage(code, lang, details);
        expect(message.length, `${lang} ${code}`).toBeGreaterThan(5);
        expect(message, `${lang} ${code}`).not.toMatch(leftovers);
      }
    }
    const id = ERROR_CODES.map((c) => errorMessage(c, 'id'));
    const en = ERROR_CODES.map((c) => errorMessage(c, 'en'));
    // No two codes share a message, and no message is left untranslated.
    expect(new Set(id).size).toBe(ERROR_CODES.length);
    expect(new Set(en).size).toBe(ERROR_CODES.length);
    expect(id.filter((m, i) => m === en[i])).toEqual([]);
  });

  it("every reason the catalogue knows replaces its code's message, fully filled in", () => {
    const reasons = words('id').errors.reasons as Record<string, Record<string, string>>;
    for (const lang of LANGUAGES) {
      for (const [code, byReason] of Object.entries(reasons)) {
        const plain = errorMessage(code as (typeof ERROR_CODES)[number], lang);
        for (const reason of Object.keys(byReason)) {
          const message = errorMessage(code as (typeof ERROR_CODES)[number], lang, {
            reason,
            existing: { id: 7, name: 'Budi' },
          });
          expect(message, `${lang} ${code}:${reason}`).not.toBe(plain);
          expect(message, `${lang} ${code}:${reason}`).not.toMatch(leftovers);
        }
      }
    }
    expect(errorMessage('CONFLICT', 'en', { reason: 'products_full' })).toContain(
      'already holds 200 products',
    );
    expect(errorMessage('BAD_FILE', 'id', { reason: 'folder_readonly' })).toBe(
      'Cadangan tidak dapat ditulis: folder tujuan tidak bisa ditulisi. Pilih folder lain. Tidak ada yang diubah.',
    );
  });

  it("a customer's name is shown as typed, never read as a placeholder or a catalogue key", () => {
    const name = 'Budi {reason} {kinds} {{seconds}} $t(errors.offline)';
    for (const lang of LANGUAGES) {
      const message = errorMessage('CONFLICT', lang, {
        reason: 'duplicate_phone',
        existing: { id: 7, name },
        retryAfterMs: 9000,
      });
      expect(message).toContain(name);
    }
  });

  it('a bound without its number says "not valid" rather than a blank or a placeholder', () => {
    const bare: FieldIssue = { field: 'name', reason: 'too_short' };
    expect(issueText(bare, 'en')).toBe('not valid');
    expect(issueText(bare, 'id')).toBe('isinya tidak valid');
    expect(issueText({ field: 'name', reason: 'too_long', limit: 20_000 }, 'id')).toBe(
      'terlalu panjang (maksimal 20.000 karakter)',
    );
    expect(issuesSummary([{ field: 'items.2', reason: 'too_many', limit: 1000 }], 'en')).toBe(
      'Please check: Items (too many (at most 1,000)).',
    );
  });
});

/**
 * Reasons main sends whose code's own message already says what happened (or that the screens
 * never let happen): each is named here on purpose, so a new reason cannot fall back unnoticed.
 */
const CODE_MESSAGE_SUFFICES = new Set([
  // The code's message is the whole story.
  'KEYSTORE_UNAVAILABLE:keystore_unavailable',
  'DEVICE_CHANGED:backend_changed',
  'DEVICE_CHANGED:unseal_failed',
  'DEVICE_CHANGED:unreadable',
  'CORRUPT:foreign_keys',
  'INTERNAL:backup_not_encrypted',
  'VALIDATION:incident_form',
  'WRONG_RECOVERY_CODE:code_needed',
  // Steps the screens do not offer (a second confirmation, an import without its file, ...).
  'CONFLICT:already_confirmed',
  'CONFLICT:nothing_pending',
  'CONFLICT:backup_not_enabled',
  'CONFLICT:not_consent_purpose',
  'CONFLICT:no_file',
  'FORBIDDEN:owner_uses_change_pin',
  'FORBIDDEN:cannot_disable_owner',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every new AppError('CODE', { reason: '…' }) in the sources, as "CODE:reason" and where. */
function thrownReasons(): { key: string; where: string }[] {
  const root = join(__dirname, '..', '..');
  const found: { key: string; where: string }[] = [];
  for (const path of sourceFiles(join(root, 'src'))) {
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && node.expression.getText() === 'AppError') {
        const [code, details] = node.arguments ?? [];
        if (code && details && ts.isStringLiteral(code) && ts.isObjectLiteralExpression(details)) {
          for (const p of details.properties) {
            if (
              ts.isPropertyAssignment(p) &&
              p.name.getText() === 'reason' &&
              ts.isStringLiteral(p.initializer)
            ) {
              const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
              found.push({
                key: `${code.text}:${p.initializer.text}`,
                where: `${relative(root, path)}:${line}`,
              });
            }
          }
        }
      }
      node.forEachChild(visit);
    };
    visit(file);
  }
  return found;
}

describe('every reason main sends', () => {
  it("has a message of its own, fills in its code's message, or is named as needing none", () => {
    const thrown = thrownReasons();
    expect(thrown.length).toBeGreaterThan(50);
    const fileReasons = words('id').errors.fileReasons;
    const silent = thrown.filter(({ key }) => {
      const [code, reason] = key.split(':') as [ErrorCode, string];
      const own = errorMessage(code, 'id', { reason }) !== errorMessage(code, 'id');
      return !own && !Object.hasOwn(fileReasons, reason) && !CODE_MESSAGE_SUFFICES.has(key);
    });
    expect(silent.map((s) => `${s.where} ${s.key}`)).toEqual([]);
  });

  it("a purchase already voided, a cashier's older sale and a failed backup check say so", () => {
    expect(errorMessage('CONFLICT', 'en', { reason: 'already_voided' })).toBe(
      'This purchase was already voided.',
    );
    expect(errorMessage('FORBIDDEN', 'id', { reason: 'not_your_sale_today' })).toMatch(
      /Kasir hanya dapat .* hari ini/,
    );
    // The vault is not what failed: the new backup file is.
    const backup = errorMessage('CORRUPT', 'en', { reason: 'backup_verify_failed' });
    expect(backup).toMatch(/^The backup just written failed its check/);
    expect(backup).not.toMatch(/vault/i);
  });
});
