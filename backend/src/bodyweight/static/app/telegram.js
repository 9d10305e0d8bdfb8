// Inside Telegram the page is a Mini App: Telegram hands it the signed `initData`
// that proves who the player is. It arrives through Telegram's script
// (window.Telegram.WebApp.initData) or in the URL fragment Telegram appends
// (#tgWebAppData=...), so signing in never depends on a third-party script loading.

const SDK_URL = "https://telegram.org/js/telegram-web-app.js";
const IN_TELEGRAM_KEY = "bodyweight.inTelegram";

export function telegramInitData() {
  const fromSdk = window.Telegram?.WebApp?.initData;
  if (fromSdk) return fromSdk;
  return new URLSearchParams(location.hash.slice(1)).get("tgWebAppData") ?? "";
}

/**
 * In a Telegram launch, load Telegram's script after the page is up so it can tell
 * Telegram the app is ready and take the full height. Nothing waits for it: the
 * page works the same if it never loads.
 */
export function greetTelegram() {
  const launchedHere = new URLSearchParams(location.hash.slice(1)).has("tgWebAppData");
  if (launchedHere) sessionStorage.setItem(IN_TELEGRAM_KEY, "1");
  if (window.Telegram?.WebApp) return readyInTelegram();
  if (!sessionStorage.getItem(IN_TELEGRAM_KEY)) return;
  const script = document.createElement("script");
  script.src = SDK_URL;
  script.async = true;
  script.addEventListener("load", readyInTelegram);
  const load = () => document.head.append(script);
  if (document.readyState === "complete") load();
  else window.addEventListener("load", load, { once: true });
}

function readyInTelegram() {
  const webApp = window.Telegram?.WebApp;
  webApp?.ready?.();
  webApp?.expand?.();
}
