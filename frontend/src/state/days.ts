// Calendar days as the server writes them ("2025-03-01", the player's local date):
// arithmetic on plain dates, done in UTC so no device zone or daylight-saving change
// can move a day. The server decides which local day a workout is on; we only count.

export type Day = string; // YYYY-MM-DD

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export const isDay = (text: unknown): text is Day => typeof text === "string" && ISO_DAY.test(text);

export function dayToDate(day: Day): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function dateToDay(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: Day, days: number): Day {
  return dateToDay(new Date(dayToDate(day).getTime() + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((dayToDate(to).getTime() - dayToDate(from).getTime()) / DAY_MS);
}

/** Monday 0 … Sunday 6: weeks start on Monday, as the server's weekly goals do (ISO weeks). */
export function weekday(day: Day): number {
  return (dayToDate(day).getUTCDay() + 6) % 7;
}

/** The Monday of the week holding `day`. */
export function mondayOf(day: Day): Day {
  return addDays(day, -weekday(day));
}

/** Today's date where the player lives (their profile's zone), as the server counts days. */
export function localToday(timeZone: string | undefined, now: Date = new Date()): Day {
  const parts = (zone?: string) =>
    new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(now);
  let found: Intl.DateTimeFormatPart[];
  try {
    found = parts(timeZone);
  } catch {
    found = parts(undefined); // a zone this browser does not know: its own
  }
  const get = (type: string) => found.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
