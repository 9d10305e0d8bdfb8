// Messages for the player: shown at the top of the page, or kept for the next page
// when the current one is about to be left.

const PENDING_KEY = "bodyweight.notice";
const FADE_AFTER_MS = 8_000;

/** Show a message; kind is "info", "success" or "error" (errors stay until closed). */
export function notify(message, kind = "info") {
  const area = document.querySelector("[data-notices]");
  const notice = document.createElement("div");
  notice.className = `notice notice-${kind}`;
  notice.setAttribute("role", kind === "error" ? "alert" : "status");
  const text = document.createElement("p");
  text.textContent = message;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "notice-close";
  close.setAttribute("aria-label", "Dismiss");
  close.textContent = "×";
  close.addEventListener("click", () => notice.remove());
  notice.append(text, close);
  area.prepend(notice);
  if (kind !== "error") setTimeout(() => notice.remove(), FADE_AFTER_MS);
  return notice;
}

export function notifyNextPage(message, kind = "info") {
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ message, kind }));
}

export function showPendingNotice() {
  const pending = sessionStorage.getItem(PENDING_KEY);
  if (!pending) return;
  sessionStorage.removeItem(PENDING_KEY);
  const { message, kind } = JSON.parse(pending);
  notify(message, kind);
}
