// Signing in (form or Telegram), staying signed in, and signing out.

import { ApiError } from "../api/errors";
import { api, call, useCredentials } from "../api/client";
import type { Profile, TokenResponse } from "../api/types";
import { launchInitData, launchStartParam } from "../telegram/launch";
import { app, initialLocale, setLocale, setProfile } from "./app";
import { DraftStore } from "./draft";
import { navigate, route, signInPath } from "./router";
import { KEYS, local, session } from "./storage";
import { toast } from "./toasts";
import { currentTranslator } from "./translator";

const TELEGRAM_TRIED_KEY = "bodyweight.telegramTried";

export const drafts = new DraftStore(local);
export const storedToken = () => local.getItem(KEYS.token);

useCredentials({
  token: storedToken,
  locale: () => app.get().locale,
  expired: sessionExpired,
});

/** Start-up: a Telegram launch signs in by itself; a stored token is checked. */
export async function start(): Promise<void> {
  setLocale(initialLocale());
  app.update({ phase: "starting", failure: null, startParam: launchStartParam() });
  try {
    if (!(await signInFromTelegram())) {
      if (storedToken()) setProfile(await call(api.GET("/api/users/me")));
    }
    app.update({ phase: "ready" });
  } catch (error) {
    if (error instanceof ApiError && error.transient) app.update({ phase: "failed", failure: error });
    else app.update({ phase: "ready" });
  }
}

/** Sign in with this launch's initData, once per launch. False when there is none. */
export async function signInFromTelegram({ retry = false } = {}): Promise<boolean> {
  const initData = launchInitData();
  if (!initData || (!retry && session.getItem(TELEGRAM_TRIED_KEY) === initData)) return false;
  try {
    const answer = await call(api.POST("/api/auth/telegram", { body: { init_data: initData } }));
    session.setItem(TELEGRAM_TRIED_KEY, initData);
    app.update({ telegramFailure: null });
    await signedIn(answer as TokenResponse);
    return true;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.transient && !retry) throw error;
    // Refused: whoever was signed in before is not known to be this Telegram user.
    session.setItem(TELEGRAM_TRIED_KEY, initData);
    local.removeItem(KEYS.token);
    setProfile(null);
    app.update({ telegramFailure: error });
    return false;
  }
}

/** After any sign-in: keep the token, adopt the profile (and its language). */
export async function signedIn(answer: TokenResponse): Promise<Profile> {
  local.setItem(KEYS.token, answer.access_token);
  const profile = await adoptDeviceTimeZone(answer.user);
  setProfile(profile);
  return profile;
}

/**
 * A brand-new player starts on UTC days; their streak should follow the days where
 * they live, so take the device's zone. Keeps the profile as it is if that fails.
 */
async function adoptDeviceTimeZone(player: Profile): Promise<Profile> {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const brandNew = player.timezone === "UTC" && player.total_xp === 0;
  if (!brandNew || !zone || zone === player.timezone || zone === "Etc/UTC") return player;
  try {
    return await call(api.PATCH("/api/users/me", { body: { timezone: zone } }));
  } catch {
    return player;
  }
}

/** The server refused the token: sign in again and come back here, draft intact. */
function sessionExpired(): void {
  local.removeItem(KEYS.token);
  setProfile(null);
  const { path, query } = route.get();
  if (path === "/signin") return;
  const search = query.toString();
  navigate(signInPath(search ? `${path}?${search}` : path), { replace: true });
  toast(currentTranslator().t("toast.sessionEnded"), "info");
}

/** Sign out everywhere (the server revokes every token), and forget all but the language. */
export async function signOut(): Promise<void> {
  const locale = app.get().locale;
  try {
    await call(api.POST("/api/auth/logout" as never));
  } finally {
    for (const key of [KEYS.token, KEYS.draft]) local.removeItem(key);
    setProfile(null);
    setLocale(locale);
    navigate("/signin", { replace: true });
    toast(currentTranslator().t("toast.signedOut"), "info");
  }
}

/** Delete the account for good (the password, or the username for a Telegram-only
 *  account, confirms it), then forget everything on this device but the language. */
export async function deleteAccount(confirmation: { password?: string; username?: string }): Promise<void> {
  const locale = app.get().locale;
  await call(api.DELETE("/api/users/me", { body: confirmation }));
  for (const key of [KEYS.token, KEYS.draft]) local.removeItem(key);
  setProfile(null);
  setLocale(locale);
  navigate("/signin", { replace: true });
  toast(currentTranslator().t("toast.accountDeleted"), "info");
}

/** Save the player's export (all data as JSON, or the sets as CSV) as a file. */
export async function downloadExport(format: "json" | "csv"): Promise<void> {
  const blob = await call(
    api.GET("/api/users/me/export", { params: { query: { format } }, parseAs: "blob" }) as Promise<{
      data?: Blob; error?: unknown; response: Response;
    }>,
  );
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `bodyweight-export.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
