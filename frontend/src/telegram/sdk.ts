// The parts of Telegram's WebApp object this app uses. Everything is optional: the
// script may not load, or be an older version, and the app must work all the same.

type Handler = () => void;

export interface BottomButton {
  setText?(text: string): void;
  show?(): void;
  hide?(): void;
  enable?(): void;
  disable?(): void;
  showProgress?(leaveActive?: boolean): void;
  hideProgress?(): void;
  onClick?(handler: Handler): void;
  offClick?(handler: Handler): void;
}

export interface WebApp {
  initData?: string;
  initDataUnsafe?: { user?: { language_code?: string }; start_param?: string };
  themeParams?: Record<string, string | undefined>;
  viewportStableHeight?: number;
  BackButton?: { show?(): void; hide?(): void; onClick?(h: Handler): void; offClick?(h: Handler): void };
  MainButton?: BottomButton;
  HapticFeedback?: {
    notificationOccurred?(kind: "success" | "error" | "warning"): void;
    impactOccurred?(style: "light" | "medium" | "heavy"): void;
  };
  openTelegramLink?(url: string): void;
  ready?(): void;
  expand?(): void;
  onEvent?(event: string, handler: Handler): void;
}

declare global {
  interface Window {
    Telegram?: { WebApp?: WebApp };
  }
}

export const webApp = (): WebApp | undefined => window.Telegram?.WebApp;
