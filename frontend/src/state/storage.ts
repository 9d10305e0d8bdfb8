// localStorage that never throws: private modes and full disks must not break a page.

export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const KEYS = {
  token: "bodyweight.token",
  locale: "bodyweight.locale",
  draft: "bodyweight.workout",
  equipment: "bodyweight.equipment", // what the player trains with, as the exercise picker last filtered
} as const;

export function safe(storage: () => KeyValue): KeyValue {
  return {
    getItem: (key) => { try { return storage().getItem(key); } catch { return null; } },
    setItem: (key, value) => { try { storage().setItem(key, value); } catch { /* kept in memory only */ } },
    removeItem: (key) => { try { storage().removeItem(key); } catch { /* nothing to remove */ } },
  };
}

export const local = safe(() => window.localStorage);
export const session = safe(() => window.sessionStorage);

export function readJson<T>(storage: KeyValue, key: string): T | null {
  const text = storage.getItem(key);
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
