// Telegram's own controls: the BackButton for in-app navigation, the MainButton for
// the page's primary action, haptics for rewards. Outside Telegram these do nothing
// and the page shows its own buttons.

import { useEffect, useRef } from "preact/hooks";

import { webApp } from "./sdk";
import { withTelegram } from "./setup";

export function useBackButton(onBack: (() => void) | null): void {
  const latest = useRef(onBack);
  latest.current = onBack;
  const shown = onBack !== null;
  useEffect(() => {
    if (!shown) return;
    const handler = () => latest.current?.();
    withTelegram(() => {
      webApp()?.BackButton?.onClick?.(handler);
      webApp()?.BackButton?.show?.();
    });
    return () => {
      webApp()?.BackButton?.offClick?.(handler);
      webApp()?.BackButton?.hide?.();
    };
  }, [shown]);
}

export interface MainAction {
  text: string;
  run(): void;
  busy?: boolean;
  disabled?: boolean;
}

/** Telegram's MainButton for the page's primary action, while `action` is set. */
export function useMainButton(action: MainAction | null): void {
  const latest = useRef(action);
  latest.current = action;
  const shown = action !== null;
  useEffect(() => {
    if (!shown) return;
    const handler = () => {
      const current = latest.current;
      if (current && !current.busy && !current.disabled) current.run();
    };
    withTelegram(() => webApp()?.MainButton?.onClick?.(handler));
    return () => {
      webApp()?.MainButton?.offClick?.(handler);
      webApp()?.MainButton?.hide?.();
    };
  }, [shown]);
  const { text = "", busy = false, disabled = false } = action ?? {};
  useEffect(() => {
    if (!shown) return;
    withTelegram(() => {
      const button = webApp()?.MainButton;
      button?.setText?.(text);
      if (busy) button?.showProgress?.(false);
      else button?.hideProgress?.();
      if (disabled || busy) button?.disable?.();
      else button?.enable?.();
      button?.show?.();
    });
  }, [shown, text, busy, disabled]);
}

export function haptic(kind: "success" | "error"): void {
  webApp()?.HapticFeedback?.notificationOccurred?.(kind);
}

/** Open a t.me link (Telegram's share sheet, say) inside Telegram; a new tab elsewhere. */
export function openTelegramLink(url: string): void {
  const telegram = webApp();
  if (telegram?.openTelegramLink) telegram.openTelegramLink(url);
  else window.open(url, "_blank", "noopener");
}
