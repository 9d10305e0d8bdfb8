// Is this a Telegram launch, and with what initData? Telegram hands the signed
// initData to its script (WebApp.initData) and in the URL fragment
// (#tgWebAppData=...), so signing in never waits for a third-party script.

import { session } from "../state/storage";
import { webApp } from "./sdk";

const LAUNCH_KEY = "bodyweight.telegramInitData";
const START_PARAM_KEY = "bodyweight.telegramStartParam";
// What Telegram allows in a startapp payload (t.me/<bot>/<app>?startapp=...).
const START_PARAM = /^[A-Za-z0-9_-]{1,512}$/;

/** Read once at start: the fragment is gone after the first in-app navigation. */
export function captureLaunch(): void {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const initData = webApp()?.initData || fragment.get("tgWebAppData");
  if (initData) session.setItem(LAUNCH_KEY, initData);
  const startParam = pickStartParam([
    webApp()?.initDataUnsafe?.start_param,
    new URLSearchParams(initData ?? "").get("start_param"),
    new URLSearchParams(location.search).get("tgWebAppStartParam"),
    fragment.get("tgWebAppStartParam"),
  ]);
  if (startParam) session.setItem(START_PARAM_KEY, startParam);
}

/** The first well-formed start parameter among where Telegram may put it. */
export function pickStartParam(candidates: readonly (string | null | undefined)[]): string | null {
  return candidates.find((value): value is string => typeof value === "string" && START_PARAM.test(value)) ?? null;
}

/** This launch's start parameter (an invite, say), kept across reloads of the launch. */
export function launchStartParam(): string | null {
  return session.getItem(START_PARAM_KEY);
}

export function launchInitData(): string {
  return webApp()?.initData || session.getItem(LAUNCH_KEY) || "";
}

export const inTelegram = (): boolean => launchInitData() !== "";

/** The Telegram user's language, from the signed initData (no script needed). */
export function telegramLanguage(initData: string): string | null {
  try {
    const user = JSON.parse(new URLSearchParams(initData).get("user") ?? "null");
    return typeof user?.language_code === "string" ? user.language_code : null;
  } catch {
    return null;
  }
}
