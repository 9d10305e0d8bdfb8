// Short notices ("Settings saved.") shown in a fixed, aria-live region.

import { createStore } from "./store";

export type ToastKind = "success" | "info" | "error";

export interface Toast {
  id: number;
  text: string;
  kind: ToastKind;
}

const SHOWN_MS = 6000;
let counter = 0;

export const toasts = createStore<{ items: Toast[] }>({ items: [] });

export function toast(text: string, kind: ToastKind = "success"): void {
  const id = ++counter;
  toasts.set({ items: [...toasts.get().items, { id, text, kind }] });
  setTimeout(() => dismiss(id), SHOWN_MS);
}

export function dismiss(id: number): void {
  toasts.set({ items: toasts.get().items.filter((t) => t.id !== id) });
}
