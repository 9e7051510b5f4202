import { wallAsUtc } from '../../../shared/shop-time';

/**
 * Which backups to keep in a folder: the newest of each of the last `keepDaily` days that have
 * one, and the newest of each of the last `keepWeekly` weeks; the rest of this shop's backups are
 * deleted. Only files named as Brankas names them (brankas-<shop>-<YYYYMMDD-HHmm>.brankas) count.
 *
 * A name's date is only what the clock said when the file was written: a week with the clock a
 * year ahead wrote names that would stay "newest" for a year and push every real backup out. So a
 * backup's age is when it was really made (`made`: the confirmed time this vault recorded), and a
 * file known only by its name never counts if its date is after `now` (it is left alone: neither
 * kept in place of a real one nor deleted).
 */
const NAME = /^brankas-(.+)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})\.brankas$/;

/** A name's date, tolerated this far past now (minutes in names, another laptop's clock). */
const FUTURE_TOLERANCE_MS = 86_400_000;

export interface RotationFacts {
  /** Now, confirmed, as localStamp(). */
  now: number;
  /** When each backup this vault wrote was really made, as localStamp(). */
  made: ReadonlyMap<string, number>;
}

/** A time as the shop's wall time (WIB) written as if UTC: how names carry their date. */
export function localStamp(at: number): number {
  // To the minute, as names carry it.
  return Math.floor(wallAsUtc(at) / 60_000) * 60_000;
}

export function backupsToDelete(
  names: string[],
  shop: string,
  keepDaily: number,
  keepWeekly: number,
  facts?: RotationFacts,
): string[] {
  const ours = names
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null && x.m[1] === shop)
    // Names carry the shop's wall time (WIB); days and weeks are counted on it as written.
    .map(({ name, m }) => {
      const named = Date.UTC(+m[2]!, +m[3]! - 1, +m[4]!, +m[5]!, +m[6]!);
      const made = facts?.made.get(name);
      return { name, at: made ?? named, known: made !== undefined };
    })
    .filter((b) => !facts || b.known || b.at <= facts.now + FUTURE_TOLERANCE_MS)
    .sort((a, b) => b.at - a.at);
  const keep = new Set<string>();
  const days = new Set<number>();
  const weeks = new Set<number>();
  for (const b of ours) {
    const day = Math.floor(b.at / 86_400_000);
    // Weeks start on Monday (1970-01-01 was a Thursday: shift by 3 days).
    const week = Math.floor((day + 3) / 7);
    if (!days.has(day) && days.size < keepDaily) {
      days.add(day);
      keep.add(b.name);
    }
    if (!weeks.has(week) && weeks.size < keepWeekly) {
      weeks.add(week);
      keep.add(b.name);
    }
  }
  return ours.filter((b) => !keep.has(b.name)).map((b) => b.name);
}
