// A tiny observable value, and a hook that redraws a component when it changes.

import { useEffect, useState } from "preact/hooks";

export interface Store<T> {
  get(): T;
  set(next: T): void;
  update(change: Partial<T>): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const set = (next: T) => {
    value = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => value,
    set,
    update: (change) => set({ ...value, ...change }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStore<T>(store: Store<T>): T {
  const [, redraw] = useState(0);
  const drawn = store.get();
  useEffect(() => {
    const unsubscribe = store.subscribe(() => redraw((n) => n + 1));
    // It may have changed between drawing and subscribing.
    if (store.get() !== drawn) redraw((n) => n + 1);
    return unsubscribe;
  }, [store]);
  return drawn;
}
