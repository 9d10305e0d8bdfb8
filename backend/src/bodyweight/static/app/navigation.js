// Leaving the page. Each function returns a promise that never settles, so the
// code that called it simply stops while the browser navigates.

import { notifyNextPage } from "./notices.js";
import { forgetToken } from "./token.js";

export function leaveFor(url, notice, kind = "info") {
  if (notice) notifyNextPage(notice, kind);
  location.assign(url);
  return new Promise(() => {});
}

/** To the sign-in page, which brings the player back here afterwards. */
export function goToSignIn(notice, kind = "info") {
  forgetToken();
  const here = location.pathname + location.search;
  const next = here === "/" ? "" : `?next=${encodeURIComponent(here)}`;
  return leaveFor(`/signin${next}`, notice, kind);
}

/** Where the sign-in page sends the player: only a path on this site. */
export function afterSignIn() {
  const next = new URLSearchParams(location.search).get("next") ?? "/";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
