// Is this a Telegram launch, and with what initData? Telegram hands the signed
// initData to its script (WebApp.initData) and in the URL fragment
// (#tgWebAppData=...), so signing in never waits for a third-party script.

import { session } from "../state/storage";
import { webApp } from "./sdk";

const LAUNCH_KEY = "bodyweight.telegramInitData";

/** Read once at start: the fragment is gone after the first in-app navigation. */
export function captureLaunch(): void {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get("tgWebAppData");
  const initData = webApp()?.initData || fromFragment;
  if (initData) session.setItem(LAUNCH_KEY, initData);
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
