/** A day in milliseconds: Mali keeps UTC all year, so every day is this long. */
export const DAY_MS = 86_400_000;

/**
 * The days a form or a URL may name: past them, adding months to a date gives
 * "+010000-…" (9999-12-31 + 3 months), which no page can show.
 */
export const FIRST_DAY = "1900-01-01";
export const LAST_DAY = "2100-12-31";

/** A real day (no 30 February) written `YYYY-MM-DD`, between FIRST_DAY and LAST_DAY. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < FIRST_DAY || value > LAST_DAY) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** Today's date as `YYYY-MM-DD` in Mali (UTC, no daylight saving). */
export function isoToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Adds whole months to an ISO date, clamping to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
