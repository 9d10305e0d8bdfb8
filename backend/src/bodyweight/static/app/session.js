// Who is playing: signing up, logging in, a Telegram launch, signing out.

import { api } from "./api.js";
import { goToSignIn, leaveFor } from "./navigation.js";
import { telegramInitData } from "./telegram.js";
import { forgetToken, rememberToken, storedToken } from "./token.js";

// The Telegram launch already tried in this tab: a launch is tried once, not on every page.
const TELEGRAM_LAUNCH_KEY = "bodyweight.telegramLaunch";

export const register = (fields) => signIn("/api/auth/register", fields);
export const logIn = (fields) => signIn("/api/auth/login", fields);

async function signIn(path, body) {
  const { access_token: token, user } = await api("POST", path, { body, auth: false });
  rememberToken(token);
  return adoptDeviceTimeZone(user);
}

/**
 * Sign in with the initData of this Telegram launch, unless there is none or it was
 * already tried. Returns the profile, or null when there is nothing to try.
 */
export async function signInFromTelegramLaunch() {
  const initData = telegramInitData();
  if (!initData || sessionStorage.getItem(TELEGRAM_LAUNCH_KEY) === initData) return null;
  try {
    const player = await signIn("/api/auth/telegram", { init_data: initData });
    sessionStorage.setItem(TELEGRAM_LAUNCH_KEY, initData);
    return player;
  } catch (error) {
    if (!error.transient) {
      // Refused: whoever was signed in before is not known to be this Telegram user.
      sessionStorage.setItem(TELEGRAM_LAUNCH_KEY, initData);
      forgetToken();
    }
    throw error;
  }
}

/** The signed-in player's profile; anyone else is sent to the sign-in page. */
export async function currentPlayer() {
  try {
    const player = await signInFromTelegramLaunch();
    if (player) return player;
  } catch (error) {
    if (error.transient) throw error;
    return goToSignIn(`Telegram sign-in failed: ${error.message}`, "error");
  }
  if (!storedToken()) return goToSignIn();
  return api("GET", "/api/users/me");
}

export function signOut() {
  forgetToken();
  return leaveFor("/signin", "Signed out. See you at the next workout!");
}

export function deviceTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
}

/**
 * A brand-new player starts on UTC days; their streak should follow the days where
 * they live, so take the device's zone. Keeps the profile as it is if that fails.
 */
async function adoptDeviceTimeZone(player) {
  const zone = deviceTimeZone();
  const brandNew = player.timezone === "UTC" && player.total_xp === 0;
  if (!brandNew || !zone || zone === player.timezone || zone === "Etc/UTC") return player;
  try {
    return await api("PATCH", "/api/users/me", { body: { timezone: zone } });
  } catch {
    return player;
  }
}
