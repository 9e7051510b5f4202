import type { Role } from '../roles';

/** The shop's data rules for staff, one per line. */
export interface BriefingText {
  rules: string[];
  /** The owner rewrote the default. */
  custom: boolean;
  version: number;
  /** Read again after this many months. */
  months: number;
}
/** A wrong answer in the briefing's check: the action asked about, its right answer and its rule. */
export interface BriefingMistake {
  /** The question's position in the check. */
  id: number;
  text: string;
  /** The right answer: the action is allowed ("Boleh") or not ("Tidak boleh"). */
  allowed: boolean;
  rule: string;
}
export interface BriefingStatus {
  userId: string;
  name: string;
  role: Role;
  lastAt: number | null;
  current: boolean;
}
