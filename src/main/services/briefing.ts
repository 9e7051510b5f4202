import { randomInt } from 'node:crypto';
import type { BriefingStatus, BriefingText } from '../../shared/domain';
import type { BriefingTexts } from '../../shared/i18n/id/briefingRules';
import { words } from '../../shared/i18n/text';
import type { Language } from '../../shared/language';
import { AppError } from '../lib/app-error';
import type { Clock } from '../ports/ports';
import type { Db } from '../vault/database';
import { deleteMeta, getMeta, setMeta } from './settings.service';

/**
 * The shop's data rules for staff (seed point 4): an editable text, one rule per line, with a
 * default drawn from the seed. Every user reads it and passes a five-question check at first
 * login and again every N months (6 by default) or when the owner changes the text.
 *
 * The default rules in the order shown, each with whether the action it is asked as is allowed;
 * their words are the catalogue's (briefingRules.rules and .asked). Only the owner's own text is
 * stored in the vault: the defaults always come from the catalogue, in the reader's language.
 */
type RuleName = keyof BriefingTexts['rules'];
const DEFAULTS: [RuleName, boolean][] = [
  ['lockScreen', true],
  ['noPhotos', false],
  ['noSharing', false],
  ['onlyAsked', true],
  ['consentEach', true],
  ['tellOwner', true],
];

function defaultRules(lang: Language): string[] {
  const said = words(lang).briefingRules.rules;
  return DEFAULTS.map(([name]) => said[name]);
}

/**
 * The check asks about actions, each plainly allowed or not ("Boleh" / "Tidak boleh"): a rule that
 * itself says "never" asked as "a shop rule or not allowed?" was a double negative. Each question
 * carries the rule it comes from, shown beside a wrong answer.
 */
export interface QuizItem {
  text: string;
  allowed: boolean;
  rule: string;
}

/**
 * Practices that break the rules (whatever the shop's own wording), each with the default rule it
 * breaks: the check mixes two in.
 */
const WRONG: [keyof BriefingTexts['wrong'], RuleName][] = [
  ['photoNotes', 'noPhotos'],
  ['tickAll', 'consentEach'],
  ['familyGroup', 'noSharing'],
  ['leftOpen', 'lockScreen'],
  ['justInCase', 'onlyAsked'],
  ['keptQuiet', 'tellOwner'],
];

/** A rule of the owner's that forbids: its action is what follows the "never". */
const FORBIDS = /^(jangan(\s+pernah)?|tidak\s+boleh|dilarang|never|do\s+not|don't|must\s+not)\s+/i;

/**
 * The shop's rules asked as actions: the default rules as the catalogue asks them; a rule of the owner's
 * that starts with a "never" asks about the action after it (not allowed), any other rule asks
 * about itself (allowed).
 */
export function ruleQuestions(rules: string[], lang: Language): QuizItem[] {
  const defaults = defaultRules(lang);
  if (rules.length === defaults.length && rules.every((r, i) => r === defaults[i])) {
    const { rules: rule, asked } = words(lang).briefingRules;
    return DEFAULTS.map(([name, allowed]) => ({ text: asked[name], allowed, rule: rule[name] }));
  }
  return rules.map((rule) => {
    const m = FORBIDS.exec(rule);
    if (!m) return { text: rule, allowed: true, rule };
    const action = rule.slice(m[0].length);
    return { text: action.charAt(0).toUpperCase() + action.slice(1), allowed: false, rule };
  });
}

/** The wrong practices, each with the rule it breaks (the default wording). */
export function wrongPractices(lang: Language): QuizItem[] {
  const { rules, wrong } = words(lang).briefingRules;
  return WRONG.map(([name, rule]) => ({ text: wrong[name], allowed: false, rule: rules[rule] }));
}

export const QUESTIONS = 5;
const MONTH_MS = 30 * 86_400_000;

function version(db: Db): number {
  return Number(getMeta(db, 'briefing_version') ?? 1);
}

export function briefingMonths(db: Db): number {
  const v = Number(getMeta(db, 'briefing_months') ?? 6);
  return Number.isInteger(v) && v >= 1 && v <= 24 ? v : 6;
}

function rules(db: Db, lang: Language): string[] {
  const custom = getMeta(db, 'briefing_text');
  return custom ? custom.split('\n').filter((l) => l.trim()) : defaultRules(lang);
}

export function briefingText(db: Db, lang: Language): BriefingText {
  return {
    rules: rules(db, lang),
    custom: Boolean(getMeta(db, 'briefing_text')),
    version: version(db),
    months: briefingMonths(db),
  };
}

/** The owner rewrites the rules (or clears them back to the default): everyone reads them again. */
export function updateBriefing(db: Db, text: string, months: number): BriefingText & { changed: boolean } {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > 0 && lines.length < 3) {
    throw new AppError('VALIDATION', { fields: ['text'], reason: 'briefing_short' });
  }
  const next = lines.join('\n');
  const changed = next !== (getMeta(db, 'briefing_text') ?? '');
  db.transaction(() => {
    if (changed) {
      setMeta(db, 'briefing_text', next);
      setMeta(db, 'briefing_version', String(version(db) + 1));
    }
    setMeta(db, 'briefing_months', String(months));
  })();
  return { ...briefingText(db, 'id'), changed };
}

/**
 * The check: three actions from the shop's rules and two wrong practices, shuffled. Answers stay
 * in main.
 */
export function makeQuiz(db: Db, lang: Language): QuizItem[] {
  const pick = <T>(from: T[], n: number): T[] => {
    const pool = [...from];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(randomInt(pool.length), 1)[0]!);
    return out;
  };
  const items = [
    ...pick(ruleQuestions(rules(db, lang), lang), 3),
    ...pick(wrongPractices(lang), QUESTIONS - 3),
  ];
  return pick(items, items.length);
}

export function acknowledge(db: Db, userId: string, now: number): void {
  db.prepare('INSERT INTO briefing_acks (user_id, version, at) VALUES (?, ?, ?)').run(
    userId,
    version(db),
    now,
  );
}

/** Whether a user must read the rules again: never read, older text, or past the renewal period. */
export function briefingDue(db: Db, userId: string, now: number): boolean {
  const last = db
    .prepare('SELECT version, at FROM briefing_acks WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT 1')
    .get(userId) as { version: number; at: number } | undefined;
  return (
    !last || last.version !== version(db) || now - last.at >= briefingMonths(db) * MONTH_MS || now < last.at
  );
}

/**
 * Whether the briefing comes before anything else at this login: for a cashier whenever it is
 * due; for the owner only before her first reading. A text she has just changed herself (or a
 * renewal) is hers to read when she decides, from the banner: it does not jump at her.
 */
export function briefingGate(db: Db, user: { id: string; role: 'owner' | 'cashier' }, now: number): boolean {
  if (!briefingDue(db, user.id, now)) return false;
  if (user.role === 'cashier') return true;
  return db.prepare('SELECT 1 FROM briefing_acks WHERE user_id = ? LIMIT 1').get(user.id) === undefined;
}

/** For the owner: who is current. */
export function briefingStatus(db: Db, now: number): BriefingStatus[] {
  const users = db
    .prepare("SELECT id, name, role FROM users WHERE active = 1 ORDER BY role = 'cashier', name")
    .all() as {
    id: string;
    name: string;
    role: 'owner' | 'cashier';
  }[];
  return users.map((u) => {
    const last = db
      .prepare('SELECT at FROM briefing_acks WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT 1')
      .pluck()
      .get(u.id) as number | undefined;
    return {
      userId: u.id,
      name: u.name,
      role: u.role,
      lastAt: last ?? null,
      current: !briefingDue(db, u.id, now),
    };
  });
}

/** Wrong answers allowed before a wait: a slip or two is no reason to make anyone wait. */
export const FREE_ATTEMPTS = 3;
const FIRST_WAIT_MS = 60_000;
const MAX_WAIT_MS = 3_600_000;

/** The wait after `wrong` wrong answers in a row: none, then 1 minute doubling up to an hour. */
export function quizWaitMs(wrong: number): number {
  if (wrong < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (wrong - FREE_ATTEMPTS), MAX_WAIT_MS);
}

/**
 * Guessing the check is slowed down: five yes/no answers are passed by chance once in 32 tries,
 * so after FREE_ATTEMPTS wrong answers in a row each new try waits, longer each time. The count
 * is kept in the vault (a restart does not reset it) and cleared by a pass; the wait runs on the
 * monotonic clock (moving the clock does not shorten it), and after a restart starts afresh.
 */
export class QuizAttempts {
  private readonly lastWrong = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** Refuses (THROTTLED, with when to try again) while the user must wait. */
  check(db: Db, userId: string): void {
    const wait = quizWaitMs(wrongCount(db, userId));
    if (wait === 0) return;
    const now = this.clock.monotonic();
    const last = this.lastWrong.get(userId) ?? now;
    this.lastWrong.set(userId, last);
    if (now - last < wait) throw new AppError('THROTTLED', { retryAfterMs: Math.ceil(last + wait - now) });
  }

  /** Counts an answer: returns the wrong answers in a row and the wait that now applies. */
  answered(db: Db, userId: string, passed: boolean): { wrongInRow: number; waitMs: number } {
    if (passed) {
      deleteMeta(db, wrongKey(userId));
      this.lastWrong.delete(userId);
      return { wrongInRow: 0, waitMs: 0 };
    }
    const wrong = wrongCount(db, userId) + 1;
    setMeta(db, wrongKey(userId), String(wrong));
    this.lastWrong.set(userId, this.clock.monotonic());
    return { wrongInRow: wrong, waitMs: quizWaitMs(wrong) };
  }
}

const wrongKey = (userId: string) => `briefing_wrong:${userId}`;

function wrongCount(db: Db, userId: string): number {
  const n = Number(getMeta(db, wrongKey(userId)) ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}
