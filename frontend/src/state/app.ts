// Who is playing, in which language, and how far the app got starting up.

import type { ApiError } from "../api/errors";
import type { Profile } from "../api/types";
import { browserLocale, pickLocale } from "../i18n/locale";
import type { Locale } from "../i18n/types";
import { launchInitData, telegramLanguage } from "../telegram/launch";
import { KEYS, local } from "./storage";
import { createStore } from "./store";

export type Phase = "starting" | "ready" | "failed";

export interface AppState {
  locale: Locale;
  profile: Profile | null;
  phase: Phase;
  /** Why starting failed (the network), so the screen can offer to try again. */
  failure: ApiError | null;
  /** A Telegram launch that did not sign the player in, said honestly. */
  telegramFailure: ApiError | null;
  /** What the Mini App was opened with (t.me/<bot>/<app>?startapp=...): an invite, say. */
  startParam: string | null;
}

/** Before sign-in: the choice made on this device, Telegram's language, the browser's. */
export function initialLocale(): Locale {
  return pickLocale(
    local.getItem(KEYS.locale),
    telegramLanguage(launchInitData()),
    browserLocale(navigator.languages ?? [navigator.language]),
  );
}

export const app = createStore<AppState>({
  locale: "en",
  profile: null,
  phase: "starting",
  failure: null,
  telegramFailure: null,
  startParam: null,
});

/** The launch's start parameter, for the flow it names (issue 14's invites); null if none. */
export const startParam = (): string | null => app.get().startParam;

export function setLocale(locale: Locale): void {
  local.setItem(KEYS.locale, locale);
  document.documentElement.lang = locale;
  app.update({ locale });
}

/** The profile the server sent; its language, once it has one, is the app's. */
export function setProfile(profile: Profile | null): void {
  app.update({ profile });
  if (profile?.locale && profile.locale !== app.get().locale) setLocale(profile.locale);
}
