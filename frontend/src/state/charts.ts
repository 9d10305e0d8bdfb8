// Shaping the server's stats for drawing: every day or week present (zeros where
// nothing happened), a round top for the axis, a year as columns of weeks.
// Pure functions; the numbers themselves all come from the server.

import { addDays, type Day, daysBetween, mondayOf } from "./days";

export interface DayValue {
  day: Day;
  value: number;
}

/** The `count` days ending `today`, oldest first; days the server did not list are 0. */
export function lastDays(points: readonly DayValue[], today: Day, count: number): DayValue[] {
  const byDay = new Map<Day, number>();
  for (const p of points) byDay.set(p.day, (byDay.get(p.day) ?? 0) + p.value);
  return Array.from({ length: count }, (_, n) => {
    const day = addDays(today, n - count + 1);
    return { day, value: byDay.get(day) ?? 0 };
  });
}

/** A round number at or above `max` for the top of an axis: 1, 2, 2.5 or 5 times a power of ten. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

export interface Stack {
  week: Day; // the Monday
  parts: { series: string; value: number }[];
  total: number;
}

/**
 * One stack per week from the first to the last week given (gaps filled), parts in
 * the order of `series`; rows for series outside it are dropped.
 */
export function weeklyStacks(
  rows: readonly { week: Day; series: string; value: number }[], series: readonly string[], weeks: number, thisWeek: Day,
): Stack[] {
  const last = mondayOf(thisWeek);
  const cells = new Map<string, number>();
  for (const row of rows) {
    const key = `${mondayOf(row.week)}|${row.series}`;
    cells.set(key, (cells.get(key) ?? 0) + row.value);
  }
  return Array.from({ length: weeks }, (_, n) => {
    const week = addDays(last, 7 * (n - weeks + 1));
    const parts = series.map((s) => ({ series: s, value: cells.get(`${week}|${s}`) ?? 0 }));
    return { week, parts, total: parts.reduce((sum, p) => sum + p.value, 0) };
  });
}

export interface CalendarCell {
  day: Day;
  count: number;
  /** After today: drawn as nothing. */
  future: boolean;
}

export interface CalendarWeek {
  monday: Day;
  /** The month that starts in this week (1st of the month inside it), for a label. */
  newMonth: Day | null;
  cells: CalendarCell[]; // Monday first, always 7
}

/** The weeks (Monday to Sunday) covering the year that ends `today`, oldest first. */
export function yearWeeks(counts: ReadonlyMap<Day, number>, today: Day, days = 365): CalendarWeek[] {
  const first = mondayOf(addDays(today, -(days - 1)));
  const weeks = Math.floor(daysBetween(first, today) / 7) + 1;
  return Array.from({ length: weeks }, (_, w) => {
    const monday = addDays(first, 7 * w);
    const cells = Array.from({ length: 7 }, (_, d): CalendarCell => {
      const day = addDays(monday, d);
      return { day, count: counts.get(day) ?? 0, future: daysBetween(today, day) > 0 };
    });
    const firstOfMonth = cells.find((c) => c.day.endsWith("-01"));
    return { monday, newMonth: w === 0 ? monday : firstOfMonth?.day ?? null, cells };
  });
}

/** 0 (none) to 4 (the busiest days): how strongly to colour a day. */
export function intensity(count: number, busiest: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0) return 0;
  if (busiest <= 1) return 4;
  return Math.min(4, Math.max(1, Math.ceil((4 * count) / busiest))) as 1 | 2 | 3 | 4;
}

/** Longest run of consecutive training days among `days` (for the calendar's summary). */
export function longestRun(days: Iterable<Day>): number {
  const sorted = [...new Set(days)].sort();
  let best = 0;
  let run = 0;
  let previous: Day | null = null;
  for (const day of sorted) {
    run = previous !== null && daysBetween(previous, day) === 1 ? run + 1 : 1;
    best = Math.max(best, run);
    previous = day;
  }
  return best;
}
