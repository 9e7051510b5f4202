import { randomInt } from 'node:crypto';
import type { BriefingStatus, BriefingText } from '../../shared/domain';
import type { Language } from '../../shared/language';
import { AppError } from '../lib/app-error';
import type { Clock } from '../ports/ports';
import type { Db } from '../vault/database';
import { getMeta, setMeta } from './settings.service';

/**
 * The shop's data rules for staff (seed point 4): an editable text, one rule per line, with a
 * default drawn from the seed. Every user reads it and passes a five-question check at first
 * login and again every N months (6 by default) or when the owner changes the text.
 */
const DEFAULT_RULES: Record<Language, string[]> = {
  id: [
    'Kunci layar Brankas setiap kali meninggalkan kasir.',
    'Jangan memotret layar dan jangan menyalin nomor pelanggan ke HP pribadi.',
    'Jangan membagikan data pelanggan kepada siapa pun di luar toko.',
    'Catat hanya data yang diminta formulir.',
    'Tanyakan persetujuan untuk setiap tujuan, dan jangan pernah mencentangnya untuk pelanggan.',
    'Beri tahu pemilik toko segera bila ada yang salah atau data bocor.',
  ],
  en: [
    'Lock Brankas whenever you leave the counter.',
    "Never photograph the screen or copy customers' numbers to a personal phone.",
    'Share no customer data with anyone outside the shop.',
    'Record only what the form asks for.',
    'Ask for consent for each purpose, and never tick it for the customer.',
    'Tell the owner at once if something goes wrong or data leaks.',
  ],
};

/** Practices that break the rules: the check mixes some in, to be recognised as wrong. */
const WRONG: Record<Language, string[]> = {
  id: [
    'Boleh memotret layar untuk catatan pribadi.',
    'Centang persetujuan promosi untuk semua pelanggan agar cepat.',
    'Kirim daftar pelanggan ke grup WhatsApp keluarga bila diminta.',
    'Biarkan Brankas terbuka saat istirahat agar tidak perlu PIN lagi.',
    'Catat NIK atau agama pelanggan untuk berjaga-jaga.',
    'Rahasiakan kebocoran data agar toko tidak malu.',
  ],
  en: [
    'You may photograph the screen for your own notes.',
    'Tick the promotions consent for every customer to save time.',
    'Send the customer list to a family WhatsApp group when asked.',
    'Leave Brankas open during breaks so you need not type the PIN again.',
    "Record customers' ID numbers or religion just in case.",
    'Keep a data leak quiet so the shop is not embarrassed.',
  ],
};

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
  return custom ? custom.split('\n').filter((l) => l.trim()) : DEFAULT_RULES[lang];
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

/** The check: three of the shop's rules and two wrong practices, shuffled. Answers stay in main. */
export function makeQuiz(db: Db, lang: Language): { text: string; isRule: boolean }[] {
  const pick = <T>(from: T[], n: number): T[] => {
    const pool = [...from];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(randomInt(pool.length), 1)[0]!);
    return out;
  };
  const items = [
    ...pick(rules(db, lang), 3).map((text) => ({ text, isRule: true })),
    ...pick(WRONG[lang], QUESTIONS - 3).map((text) => ({ text, isRule: false })),
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
      db.prepare('DELETE FROM meta WHERE key = ?').run(wrongKey(userId));
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
