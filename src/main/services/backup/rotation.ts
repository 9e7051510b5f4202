/**
 * Which backups to keep in a folder: the newest of each of the last `keepDaily` days that have
 * one, and the newest of each of the last `keepWeekly` weeks; the rest of this shop's backups are
 * deleted. Only files named as Brankas names them (brankas-<shop>-<YYYYMMDD-HHmm>.brankas) count.
 */
const NAME = /^brankas-(.+)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})\.brankas$/;

export function backupsToDelete(
  names: string[],
  shop: string,
  keepDaily: number,
  keepWeekly: number,
): string[] {
  const ours = names
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null && x.m[1] === shop)
    // Names carry local time; days and weeks are counted on it as written.
    .map(({ name, m }) => ({ name, at: Date.UTC(+m[2]!, +m[3]! - 1, +m[4]!, +m[5]!, +m[6]!) }))
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
