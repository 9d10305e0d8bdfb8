// Which language to speak before the profile says: the player's earlier choice on
// this device, Telegram's language_code for a Mini App launch, or the browser's.

import { LOCALES, type Locale } from "./types";

export function asLocale(tag: string | null | undefined): Locale | null {
  const language = tag?.toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((locale) => locale === language) ?? null;
}

/** The first of the candidates that is a language we speak; English otherwise. */
export function pickLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const locale = asLocale(candidate);
    if (locale) return locale;
  }
  return "en";
}

/** The first of the browser's languages (navigator.languages) that we speak. */
export function browserLocale(languages: readonly string[]): Locale | null {
  for (const tag of languages) {
    const locale = asLocale(tag);
    if (locale) return locale;
  }
  return null;
}
