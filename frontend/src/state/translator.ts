// The translator for the current language and the player's time zone.

import { useMemo } from "preact/hooks";

import { makeTranslator, type Translator } from "../i18n/translate";
import { app, useAppState } from "./hooks";

export function currentTranslator(): Translator {
  const { locale, profile } = app.get();
  return makeTranslator(locale, profile?.timezone);
}

export function useTranslator(): Translator {
  const { locale, profile } = useAppState();
  const zone = profile?.timezone;
  return useMemo(() => makeTranslator(locale, zone), [locale, zone]);
}
