/**
 * Retention periods are counted in the shop's calendar: Asia/Jakarta (WIB, UTC+7, no daylight
 * saving since 1964), whatever zone the laptop is set to. A period ends at the start of the same
 * calendar day N months later (the 31st becomes the last day of a shorter month).
 */
const WIB_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The instant `months` calendar months after (or before, if negative) `at`, in WIB. */
export function addMonthsWib(at: number, months: number): number {
  const local = new Date(at + WIB_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    y,
    m,
    Math.min(local.getUTCDate(), lastDay),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  );
  return shifted - WIB_MS;
}

/** Midnight WIB at the start of the day holding `at`. */
export function startOfDayWib(at: number): number {
  return Math.floor((at + WIB_MS) / DAY_MS) * DAY_MS - WIB_MS;
}

/** The day (its first instant) a period of `months` that began at `at` ends. */
export function periodEnd(at: number, months: number): number {
  return startOfDayWib(addMonthsWib(at, months));
}

export { DAY_MS };
