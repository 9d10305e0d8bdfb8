// The player's in-app notifications: how many are unread (the home badge), and
// marking the ones the player has seen as read.

import { api, call } from "../api/client";
import type { NoticeList } from "../api/types";
import { createStore } from "./store";

/** null until the server has said; the badge draws nothing meanwhile. */
export const unread = createStore<{ count: number | null }>({ count: null });

// While notices are being marked read, the answer to that is the count to show: a
// count read meanwhile may predate the marking.
let marking = 0;

export async function refreshUnread(): Promise<void> {
  if (marking > 0) return;
  try {
    const answer = await call(api.GET("/api/notifications/unread"));
    if (marking === 0) unread.set({ count: answer.unread });
  } catch {
    // The badge is a hint: a failed count leaves the last one shown.
  }
}

/** The newest notices, as they were; the unread ones among them are then marked read. */
export async function openNotices(): Promise<NoticeList> {
  const list = await call(api.GET("/api/notifications"));
  unread.set({ count: list.unread });
  const seen = list.items.filter((notice) => notice.read_at === null).map((notice) => notice.id);
  if (seen.length > 0) {
    marking += 1;
    call(api.POST("/api/notifications/read", { body: { ids: seen } }))
      .then((answer) => unread.set({ count: answer.unread }), () => {})
      .finally(() => { marking -= 1; });
  }
  return list;
}
