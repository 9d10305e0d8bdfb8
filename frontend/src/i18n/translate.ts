// Turning catalogue keys into text: parameters, CLDR plurals, numbers and dates in
// the player's language and time zone. Everything a screen says goes through here.

import { en } from "./en";
import { ru } from "./ru";
import type { Catalogue, Locale, Message, MessageKey, Params } from "./types";

export const CATALOGUES: Record<Locale, Catalogue> = { en, ru };

export interface Translator {
  locale: Locale;
  /** The message `key` with its {placeholders} filled; numbers are formatted. */
  t(key: MessageKey, params?: Params): string;
  /** A plural message for `count`: "21 монета", "5 coins". */
  count(key: MessageKey, count: number, params?: Params): string;
  number(value: number): string;
  dateTime(iso: string): string;
  /** The calendar date of a moment where the player lives: "3 Mar 2025". */
  date(iso: string): string;
  /** A local date the server already placed in the player's days ("2025-03-03"), as is. */
  day(day: string, form?: DayForm): string;
  /** Whether the catalogue has `key` (for codes and ids that come from the server). */
  has(key: string): key is MessageKey;
}

/** How much of a plain date to write: "3 Mar", "Mar", "Mon, 3 March", "Mon, 3 March 2025". */
export type DayForm = "short" | "month" | "long" | "full";

const DAY_FORMS: Record<DayForm, Intl.DateTimeFormatOptions> = {
  short: { day: "numeric", month: "short" },
  month: { month: "short" },
  long: { weekday: "short", day: "numeric", month: "long" },
  full: { weekday: "short", day: "numeric", month: "long", year: "numeric" },
};

const PLACEHOLDER = /\{(\w+)\}/g;

export function makeTranslator(locale: Locale, timeZone?: string): Translator {
  const catalogue = CATALOGUES[locale];
  const numbers = new Intl.NumberFormat(locale);
  const plurals = new Intl.PluralRules(locale);
  const dates = new Intl.DateTimeFormat(locale, {
    weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
    timeZone: validTimeZone(timeZone),
  });
  const calendarDates = new Intl.DateTimeFormat(locale, {
    day: "numeric", month: "short", year: "numeric", timeZone: validTimeZone(timeZone),
  });
  // Plain dates are midnight UTC: written in UTC, they never slip to the day before.
  const dayForms = Object.fromEntries(Object.entries(DAY_FORMS).map(([form, options]) =>
    [form, new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" })])) as Record<DayForm, Intl.DateTimeFormat>;

  const fill = (text: string, params: Params = {}) =>
    text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === "number" ? numbers.format(value) : value;
    });

  const pick = (message: Message, count: number): string =>
    typeof message === "string" ? message : message[plurals.select(count)] ?? message.other;

  return {
    locale,
    t: (key, params) => fill(pick(catalogue[key], 0), params),
    count: (key, count, params) => fill(pick(catalogue[key], count), { ...params, count }),
    number: (value) => numbers.format(value),
    dateTime: (iso) => dates.format(new Date(iso)),
    date: (iso) => calendarDates.format(new Date(iso)),
    day: (day, form = "short") => dayForms[form].format(new Date(`${day}T00:00:00Z`)),
    has: (key): key is MessageKey => Object.hasOwn(catalogue, key),
  };
}

/** The zone if this browser knows it, else the browser's own (never throw while drawing). */
function validTimeZone(zone?: string): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}
