// Making the app at home inside Telegram: its script loaded on a Telegram launch
// only, its theme colours on our palette, its stable viewport height, ready().

import { inTelegram } from "./launch";
import { webApp } from "./sdk";

const SDK_URL = "https://telegram.org/js/telegram-web-app.js";

// Telegram theme parameter -> our CSS variable. The pixel palette stays the default.
const THEME: Record<string, string> = {
  bg_color: "--sky",
  secondary_bg_color: "--night",
  section_bg_color: "--panel",
  text_color: "--text",
  hint_color: "--muted",
  link_color: "--cyan",
  button_color: "--accent",
  button_text_color: "--accent-text",
};

let drawn = false;
const whenLoaded: (() => void)[] = [];

/** Load Telegram's script on a Telegram launch; nothing waits for it. */
export function loadTelegram(): void {
  if (webApp()) return adopt();
  if (!inTelegram()) return;
  const script = document.createElement("script");
  script.src = SDK_URL;
  script.async = true;
  script.addEventListener("load", adopt);
  document.head.append(script);
}

/** Run `action` with the WebApp once it exists (now, or when the script loads). */
export function withTelegram(action: () => void): void {
  if (webApp()) action();
  else whenLoaded.push(action);
}

/** Tell Telegram the first screen is drawn (once). */
export function firstScreenDrawn(): void {
  drawn = true;
  webApp()?.ready?.();
}

function adopt(): void {
  const app = webApp();
  if (!app) return;
  app.expand?.();
  applyTheme();
  applyViewport();
  app.onEvent?.("themeChanged", applyTheme);
  app.onEvent?.("viewportChanged", applyViewport);
  if (drawn) app.ready?.();
  for (const action of whenLoaded.splice(0)) action();
}

function applyTheme(): void {
  const params = webApp()?.themeParams ?? {};
  const root = document.documentElement.style;
  for (const [param, variable] of Object.entries(THEME)) {
    const colour = params[param];
    if (colour && /^#[0-9a-f]{3,8}$/i.test(colour)) root.setProperty(variable, colour);
  }
}

function applyViewport(): void {
  const height = webApp()?.viewportStableHeight;
  if (height) document.documentElement.style.setProperty("--tg-viewport-stable-height", `${height}px`);
}
