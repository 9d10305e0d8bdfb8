// In-app navigation over the History API: one page load, then every screen change
// is a pushState the BackButton and the browser's back both undo.

import { createStore } from "./store";

export interface Location {
  path: string;
  query: URLSearchParams;
}

const here = (): Location => ({ path: location.pathname, query: new URLSearchParams(location.search) });

export const route = createStore<Location>(here());
// How many in-app steps the browser's back would undo (Telegram's BackButton too).
let depth = 0;

export function navigate(to: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, "", to);
  else {
    history.pushState(null, "", to);
    depth += 1;
  }
  route.set(here());
  window.scrollTo(0, 0);
}

export function startRouter(): void {
  window.addEventListener("popstate", () => {
    depth = Math.max(0, depth - 1);
    route.set(here());
  });
}

/** Back to the previous screen of this app, or home when the app was opened here. */
export function goBack(): void {
  if (depth > 0) history.back();
  else navigate("/", { replace: true });
}

/** Where a signed-out player goes, remembering the page they wanted. */
export function signInPath(next: string): string {
  return next === "/" || next === "/signin" ? "/signin" : `/signin?next=${encodeURIComponent(next)}`;
}

/** The `next` page after signing in: only a path of this app, never another site. */
export function nextPath(query: URLSearchParams): string {
  const next = query.get("next") ?? "/";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
